import { Redis } from 'ioredis';
import type { Logger } from '../common/logger.js';

export interface RedisConnectionOptions {
  url: string;
  logger: Pick<Logger, 'warn' | 'info'>;
  /** How long start-up waits for the first connection before going on without it. */
  connectTimeoutMs?: number;
}

/**
 * The rate limit's Redis client (ioredis). Commands never queue while Redis is away (they fail, and the rate
 * limit lets requests pass), and a stalled Redis cannot hold a request for more than half a second (without a command timeout ioredis waits forever). Start-up does not
 * fail when Redis is unreachable: ioredis keeps reconnecting, and a warning says so once per outage. Neither
 * the URL (it may hold a password) nor Redis's replies are logged.
 */
export async function connectRedis({ url, logger, connectTimeoutMs = 2_000 }: RedisConnectionOptions): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 500, connectTimeout: connectTimeoutMs });
  let down = false;
  redis.on('error', (error: Error & { code?: string }) => {
    if (down) return;
    down = true;
    logger.warn({ err: { name: error.name, code: error.code } }, 'rate-limit store (Redis) unreachable: requests are not rate limited until it is back');
  });
  redis.on('ready', () => {
    if (down) logger.info('rate-limit store (Redis) reachable again');
    down = false;
  });
  await redis.connect().catch(() => undefined);
  return redis;
}
