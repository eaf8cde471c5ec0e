import type { BitGoClient, BitGoResponseEvent } from '../../bitgo/client.js';
import type { GatewayMetrics } from '../metrics/gateway.metrics.js';

export interface BitGoMetricsOptions {
  client: BitGoClient;
  metrics: GatewayMetrics;
}

/** BitGo calls, their duration and their retries, from the client's per-call `response` event. */
export function attachBitGoMetrics({ client, metrics }: BitGoMetricsOptions): void {
  client.on('response', (event: BitGoResponseEvent) => {
    const { method, route } = event;
    metrics.bitgoDuration.observe({ method, route, status: event.status === undefined ? 'none' : String(event.status), outcome: event.outcome }, event.durationMs / 1000);
    if (event.attempts > 1) metrics.bitgoRetries.inc({ method, route }, event.attempts - 1);
  });
}
