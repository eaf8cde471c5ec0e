import type { ReadCacheObserver } from '../../workflows/reads/read-cache.js';
import type { GatewayMetrics } from './gateway.metrics.js';

/** The read cache's counters on /metrics: kinds and outcomes are closed sets, so every label stays bounded. */
export function readCacheMetricsObserver(metrics: GatewayMetrics): ReadCacheObserver & { evicted(kind: string): void } {
  return {
    read: (kind, outcome) => metrics.readCacheReads.inc({ kind, outcome }),
    invalidated: (kind) => metrics.readCacheInvalidations.inc({ kind }),
    evicted: (kind) => metrics.readCacheEvictions.inc({ kind }),
  };
}
