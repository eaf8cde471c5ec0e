import type { BitGoClient, BitGoResponseEvent } from '../../bitgo/client.js';
import { createEpisodeLog } from '../../common/episode-log.js';
import type { Logger } from '../../common/logger.js';
import type { GatewayMetrics } from '../metrics/gateway.metrics.js';

export interface BitGoHealthOptions {
  client: BitGoClient;
  logger: Pick<Logger, 'warn' | 'info'>;
  metrics?: GatewayMetrics | undefined;
}

/** No usable answer: nothing came back in time, the connection failed, the body was cut, or BitGo answered 5xx. */
function unavailable(event: BitGoResponseEvent): boolean {
  return event.outcome === 'timeout' || event.outcome === 'network' || event.outcome === 'invalid-response' || (event.status !== undefined && event.status >= 500);
}

/**
 * BitGo's availability as the calls find it: each call that got no usable answer counts in
 * `gateway_dependency_unavailable_total{dependency="bitgo"}`, and an outage is logged once, when the first call
 * fails, and again when a call is answered (each request's own line says what happened to it).
 */
export function attachBitGoHealth({ client, logger, metrics }: BitGoHealthOptions): void {
  const episode = createEpisodeLog(logger, 'bitgo');
  client.on('response', (event) => {
    if (!unavailable(event)) return episode.ok();
    metrics?.dependencyUnavailable.inc({ dependency: 'bitgo' });
    episode.fail({ name: event.outcome, code: event.status });
  });
}
