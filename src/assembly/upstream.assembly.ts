import type { Tracer } from '@opentelemetry/api';
import { BitGoClient } from '../bitgo/client.js';
import type { Logger } from '../common/logger.js';
import type { Config } from '../config/config.js';
import type { GatewayMetrics } from '../server/metrics/gateway.metrics.js';
import { attachBitGoHealth } from '../server/plugins/bitgo-health.plugin.js';
import { attachBitGoMetrics } from '../server/plugins/bitgo-metrics.plugin.js';
import { attachBitGoTracing } from '../server/plugins/bitgo-tracing.plugin.js';

export interface UpstreamAssemblyOptions {
  config: Config & { bitgoBaseUrl: string };
  logger: Logger;
  metrics: GatewayMetrics | undefined;
  tracer: Tracer | undefined;
}

/** The one BitGo client every capability calls through, with its metrics and spans attached. */
export function assembleUpstream({ config, logger, metrics, tracer }: UpstreamAssemblyOptions): BitGoClient {
  const client = new BitGoClient({ baseUrl: config.bitgoBaseUrl, timeoutMs: config.requestTimeoutMs });
  if (metrics) attachBitGoMetrics({ client, metrics });
  attachBitGoHealth({ client, logger, metrics });
  if (tracer) attachBitGoTracing({ client, tracer, baseUrl: config.bitgoBaseUrl });
  return client;
}
