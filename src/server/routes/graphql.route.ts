import type { ApolloServer } from '@apollo/server';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { GatewayContext } from '../../schema/context.type.js';
import type { InboundRequest } from '../context.factory.js';

export interface GraphQLRouteOptions {
  apollo: ApolloServer<GatewayContext>;
  path: string;
  /** Builds one request's context from its Authorization header, its id and its headers. */
  context: (authorization: string | string[] | undefined, inbound: InboundRequest) => GatewayContext;
  /** Run in order before Apollo, once the body is parsed (trusted documents, rate limit); any may answer instead. */
  guards?: readonly preHandlerAsyncHookHandler[];
}

export function registerGraphQLRoute(app: FastifyInstance, { apollo, path, context, guards = [] }: GraphQLRouteOptions): void {
  const handler = fastifyApolloHandler(apollo, { context: async (request) => context(request.headers.authorization, request) });
  // Per-request access logs cost more than the rest of a cached query; only warnings and errors are logged per request.
  app.route({ url: path, method: ['GET', 'POST', 'OPTIONS'], handler, logLevel: 'warn', ...(guards.length > 0 ? { preHandler: [...guards] } : {}) });
}
