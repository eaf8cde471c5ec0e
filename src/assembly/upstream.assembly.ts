import type { Tracer } from '@opentelemetry/api';
import { BitGoClient } from '../bitgo/client.js';
import type { Config } from '../config/config.js';
import type { GatewayMetrics } from '../server/metrics/gateway.metrics.js';
import { attachBitGoMetrics } from '../server/plugins/bitgo-metrics.plugin.js';
import { attachBitGoTracing } from '../server/plugins/bitgo-tracing.plugin.js';

export interface UpstreamAssemblyOptions {
  config: Config & { bitgoBaseUrl: string };
  metrics: GatewayMetrics | undefined;
  tracer: Tracer | undefined;
}

/** The one BitGo client every capability calls through, with its metrics and spans attached. */
export function assembleUpstream({ config, metrics, tracer }: UpstreamAssemblyOptions): BitGoClient {
  const client = new BitGoClient({ baseUrl: config.bitgoBaseUrl, timeoutMs: config.requestTimeoutMs });
  if (metrics) attachBitGoMetrics({ client, metrics });
  if (tracer) attachBitGoTracing({ client, tracer, baseUrl: config.bitgoBaseUrl });
  return client;
}
