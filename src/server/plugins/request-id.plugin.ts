import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { GatewayContext } from '../../schema/context.type.js';

export const REQUEST_ID_HEADER = 'x-request-id';

/** What is taken from a caller as is: a bounded, printable token (UUIDs, ULIDs, a proxy's ids). Anything else is replaced. */
const ACCEPTED = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/**
 * Fastify's own request id, taken from `x-request-id` when the caller sent a well-formed one, else a fresh
 * UUID. It is on every line Fastify logs for the request (as `requestId`), goes into the GraphQL context
 * (the workflows log it and send it to BitGo) and comes back in the response header.
 */
export function requestIdOptions(): Pick<FastifyServerOptions, 'genReqId' | 'logController' | 'requestIdHeader'> {
  return {
    requestIdHeader: false,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    genReqId(req: IncomingMessage) {
      const given = req.headers[REQUEST_ID_HEADER];
      return typeof given === 'string' && ACCEPTED.test(given) ? given : randomUUID();
    },
  };
}

/** Answers every request's id in its response header. */
export function registerRequestIdHeader(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
}

/**
 * Apollo's formatError is given no request, so errors are tagged with their request's id before they are
 * formatted (Apollo calls didEncounterErrors first); the formatter logs it with anything unexpected.
 */
const requestIds = new WeakMap<object, string>();

export function requestIdOfError(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? requestIds.get(error) : undefined;
}

export function requestIdApolloPlugin(): ApolloServerPlugin<GatewayContext> {
  const listener: GraphQLRequestListener<GatewayContext> = {
    async didEncounterErrors({ contextValue, errors }) {
      const id = contextValue.caller.requestId;
      if (id !== undefined) for (const error of errors) requestIds.set(error, id);
    },
  };
  return {
    async requestDidStart() {
      return listener;
    },
  };
}
