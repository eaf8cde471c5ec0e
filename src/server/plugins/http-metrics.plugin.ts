import type { FastifyInstance } from 'fastify';
import type { GatewayMetrics } from '../metrics/gateway.metrics.js';

export interface HttpMetricsOptions {
  metrics: GatewayMetrics;
}

/** Methods kept as they are; anything else is `_OTHER`, as OpenTelemetry's conventions say, so a client cannot grow the label. */
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/** http_server_request_duration_seconds for every request, labelled by route template (never the raw URL). */
export function registerHttpMetrics(app: FastifyInstance, { metrics }: HttpMetricsOptions): void {
  const histogram = metrics.httpDuration;
  app.addHook('onResponse', (request, reply, done) => {
    histogram.observe(
      {
        http_request_method: METHODS.has(request.method) ? request.method : '_OTHER',
        // Undefined for a request no route matched: one series for all of them.
        http_route: request.routeOptions.url ?? 'unmatched',
        http_response_status_code: reply.statusCode,
      },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
