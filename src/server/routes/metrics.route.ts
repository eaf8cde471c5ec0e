import type { FastifyInstance } from 'fastify';
import type { GatewayMetrics } from '../metrics/gateway.metrics.js';

export interface MetricsRouteOptions {
  metrics: GatewayMetrics;
  path?: string;
}

/** Prometheus exposition: on the gateway's own port, or on METRICS_PORT's listener when that is set. */
export function registerMetricsRoute(app: FastifyInstance, { metrics, path = '/metrics' }: MetricsRouteOptions): void {
  app.get(path, { logLevel: 'warn' }, async (_request, reply) => {
    const text = await metrics.text();
    return reply.type(metrics.contentType).send(text);
  });
}
