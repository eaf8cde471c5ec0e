import type { SignedRequestKind } from '../../store/journal.store.js';
import type { WriteObserver } from '../../workflows/writes/write.observer.js';
import type { GatewayMetrics } from './gateway.metrics.js';

/** The write workflows' observer, as Prometheus counters and histograms. */
export function writeMetricsObserver(metrics: GatewayMetrics): WriteObserver {
  return {
    written(kind: SignedRequestKind, outcome: string) {
      metrics.signedWrites.inc({ kind, outcome });
    },
    signed(signer: 'local' | 'express', durationMs: number) {
      metrics.signerDuration.observe({ signer }, durationMs / 1000);
    },
  };
}
