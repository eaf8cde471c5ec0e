import type { FastifyInstance } from 'fastify';

export interface HealthRouteOptions {
  path?: string;
}

/** Liveness: the process answers HTTP. */
export function registerHealthRoute(app: FastifyInstance, options: HealthRouteOptions = {}): void {
  app.get(options.path ?? '/healthz', { logLevel: 'warn' }, async () => ({ ok: true }));
}
