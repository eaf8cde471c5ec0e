import type { BitGoClient } from '../bitgo/client.js';
import type { Logger } from '../common/logger.js';
import type { Config } from '../config/config.js';
import type { GatewayMetrics } from '../server/metrics/gateway.metrics.js';
import { readCacheMetricsObserver } from '../server/metrics/read-cache-metrics.observer.js';
import type { ChangeFeed } from '../store/change-feed.js';
import { RedisReadCacheStore } from '../store/read-cache.redis.store.js';
import { MemoryReadCacheStore, type ReadCacheStore } from '../store/read-cache.store.js';
import { EnterpriseAccess } from '../workflows/reads/enterprise-access.js';
import { ReadCache } from '../workflows/reads/read-cache.js';
import { ReadCacheInvalidation } from '../workflows/reads/read-cache.invalidation.js';

export interface ReadCacheAssemblyOptions {
  config: Config;
  logger: Logger;
  client: BitGoClient;
  feed: ChangeFeed;
  metrics: GatewayMetrics | undefined;
}

export interface ReadCacheAssembly {
  /** What the read workflows call BitGo through. */
  cache: ReadCache;
  invalidation: ReadCacheInvalidation;
  close(): Promise<void>;
}

/**
 * The read cache: in memory, or on Redis when REDIS_URL is set (shared by replicas); off with READ_CACHE=false (reads
 * still pass through it, to carry their hints). Its proofs and every write use the client itself.
 */
export async function assembleReadCache({ config, logger, client, feed, metrics }: ReadCacheAssemblyOptions): Promise<ReadCacheAssembly> {
  const observer = metrics && readCacheMetricsObserver(metrics);
  let store: ReadCacheStore | undefined;
  if (config.readCache && config.operations.redisUrl) {
    const redis = new RedisReadCacheStore({
      url: config.operations.redisUrl,
      commandTimeoutMs: config.readCacheRedisTimeoutMs,
      onState: (state) =>
        state === 'down' ? logger.warn('read cache (Redis) unreachable: reads go to BitGo uncached until it is back') : logger.info('read cache (Redis) reachable again'),
    });
    await redis.start();
    store = redis;
  } else if (config.readCache) {
    store = new MemoryReadCacheStore({ maxBytes: config.readCacheMaxBytes, ...(observer ? { onEvict: (kind: string) => observer.evicted(kind) } : {}) });
  }
  const proof = new EnterpriseAccess({ client, view: config.defaultView, ttlMs: config.readCacheProofTtlMs });
  const cache = new ReadCache({ client, store, ttlMs: config.readCacheTtlMs, proof, proofTtlMs: config.readCacheProofTtlMs, observer });
  const invalidation = new ReadCacheInvalidation(cache, feed);
  return {
    cache,
    invalidation,
    async close() {
      invalidation.close();
      await cache.close();
    },
  };
}
