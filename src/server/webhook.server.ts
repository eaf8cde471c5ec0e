import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from '../common/logger.js';
import { registerPartnerWebhookRoutes, type PartnerWebhookRouteOptions } from './routes/partner-webhook.route.js';

export interface WebhookServerOptions {
  logger: Logger;
  routes: PartnerWebhookRouteOptions;
}

/**
 * A listener that serves only BitGo's partner calls (WEBHOOK_PORT): it can be exposed to BitGo while the GraphQL
 * port stays internal. Does not listen.
 */
export function createWebhookServer(options: WebhookServerOptions): FastifyInstance {
  const app = Fastify({ loggerInstance: options.logger as FastifyBaseLogger }) as unknown as FastifyInstance;
  registerPartnerWebhookRoutes(app, options.routes);
  return app;
}
