import { Redis } from 'ioredis';
import { createEpisodeLog } from '../common/episode-log.js';
import type { Logger } from '../common/logger.js';

export interface RedisConnectionOptions {
  url: string;
  logger: Pick<Logger, 'warn' | 'info'>;
  /** The longest one command may take before the request it serves goes on without it. */
  commandTimeoutMs: number;
  /** How long a TCP connect may take (start-up waits this long at most, then goes on without Redis). */
  connectTimeoutMs?: number;
  /** Between two pings while Redis is away. */
  probeIntervalMs?: number;
}

/** The rate limits' Redis, and whether it may be asked at all right now. */
export interface RedisCounters {
  redis: Redis;
  /** False while Redis is known to be away: the rate limits then pass requests without asking it. */
  available(): boolean;
  /** A command failed or timed out: Redis counts as away until a background ping answers. */
  failed(err: unknown): void;
  close(): void;
}

/**
 * The rate limits' Redis client (ioredis). Commands never queue while Redis is away (they fail, and the rate
 * limits let requests pass), and each is bounded by `commandTimeoutMs` (without one ioredis waits forever).
 * A Redis that does not answer (a black hole: the connection stays open, nothing comes back) costs the requests
 * in flight one command timeout, not every request after them: the first failure marks Redis away, requests go
 * on without asking it, and a ping in the background (not a request) finds out when it is back. A ping that
 * times out on a connection that looks open drops that connection: its queue of unanswered commands would
 * otherwise pair later answers with the wrong commands. Start-up never fails for want of Redis. One warning per
 * outage; neither the URL (it may hold a password) nor Redis's replies are logged.
 */
export async function connectRedis(options: RedisConnectionOptions): Promise<RedisCounters> {
  const { url, commandTimeoutMs, connectTimeoutMs = 2_000, probeIntervalMs = 1_000 } = options;
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: commandTimeoutMs,
    connectTimeout: connectTimeoutMs,
    // Reconnect soon, but never faster than twice a second (a refused connect fails at once).
    retryStrategy: (times) => Math.min(500 * times, 5_000),
  });
  const episode = createEpisodeLog(options.logger, 'redis');
  let probe: NodeJS.Timeout | undefined;
  let closed = false;

  const up = (): void => {
    clearInterval(probe);
    probe = undefined;
    episode.ok();
  };
  const failed = (err: unknown): void => {
    episode.fail(err);
    if (probe || closed) return;
    probe = setInterval(() => {
      redis.ping().then(up, () => {
        // Open but silent (or stuck in its ready check): start again on a fresh connection.
        if (redis.status === 'ready' || redis.status === 'connect') redis.disconnect(true);
      });
    }, probeIntervalMs);
    probe.unref();
  };
  redis.on('error', failed);
  redis.on('ready', up);
  await redis.connect().catch(failed);
  return {
    redis,
    available: () => !episode.failing,
    failed,
    close() {
      closed = true;
      clearInterval(probe);
      redis.disconnect();
    },
  };
}
