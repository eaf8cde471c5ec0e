import type { Server } from 'node:http';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import {
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type ExecutionArgs,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { GatewayContext } from '../../schema/context.type.js';

export interface GraphQLWsRouteOptions {
  /** The HTTP server whose Upgrade requests on `path` become graphql-ws connections. */
  server: Server;
  path: string;
  schema: GraphQLSchema;
  /** Builds a subscription's context from the Authorization sent in connection_init (throws when it is malformed). */
  context: (authorization: string | undefined) => GatewayContext;
  /** A WebSocket ping this often; a client that has not answered by the next one is cut. 0: none. */
  keepAliveMs: number;
  /** The same formatting Apollo applies to HTTP responses. */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

export interface GraphQLWsRoute {
  /** Open connections (tests). */
  readonly connections: number;
  /** Closes every connection with 1001 (Going away) and stops accepting new ones; idempotent. */
  close(): Promise<void>;
}

/** Largest message a client may send: a subscription document with its variables. */
const MAX_MESSAGE_BYTES = 64 * 1024;
const CONNECTION_INIT_TIMEOUT_MS = 3_000;

/** `authorization` in connection_init's payload, whatever its case (GraphiQL sends its header editor's keys). */
function authorizationOf(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (!params) return undefined;
  for (const [key, value] of Object.entries(params)) if (key.toLowerCase() === 'authorization' && typeof value === 'string') return value;
  return undefined;
}

/**
 * graphql-ws (the graphql-transport-ws protocol) on the GraphQL endpoint's path, as Apollo Server's subscription
 * recipe does: the bearer token travels in connection_init (a malformed one closes the socket with 4403),
 * WebSocket pings keep idle connections alive and find dead ones. Only subscriptions run here: queries and
 * mutations go over HTTP, where every Apollo plugin sees them.
 */
export function registerGraphQLWsRoute(options: GraphQLWsRouteOptions): GraphQLWsRoute {
  const wss = new WebSocketServer({ server: options.server, path: options.path, maxPayload: MAX_MESSAGE_BYTES });
  const format = (errors: readonly GraphQLError[]): GraphQLFormattedError[] => errors.map((error) => options.formatError(error.toJSON(), error));
  const server = useServer<Record<string, unknown>>(
    {
      connectionInitWaitTimeout: CONNECTION_INIT_TIMEOUT_MS,
      onConnect: (ctx) => {
        try {
          options.context(authorizationOf(ctx.connectionParams));
          return true;
        } catch {
          return false;
        }
      },
      onSubscribe: (ctx, _id, payload): ExecutionArgs | readonly GraphQLError[] => {
        let document;
        try {
          document = parse(payload.query, { maxTokens: 2_000 });
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError('The document could not be parsed')];
        }
        const invalid = validate(options.schema, document, specifiedRules);
        if (invalid.length > 0) return invalid;
        const operation = getOperationAST(document, payload.operationName);
        if (operation && operation.operation !== 'subscription') {
          return [
            new GraphQLError('Over WebSocket this endpoint serves subscriptions only: send queries and mutations as HTTP POST', {
              extensions: { code: ApolloServerErrorCode.BAD_REQUEST },
            }),
          ];
        }
        return {
          schema: options.schema,
          document,
          operationName: payload.operationName ?? null,
          variableValues: payload.variables ?? null,
          contextValue: options.context(authorizationOf(ctx.connectionParams)),
        };
      },
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: format(result.errors as GraphQLError[]) } : undefined),
      onError: (_ctx, _id, _payload, errors) => format(errors),
    },
    wss,
    options.keepAliveMs,
  );
  let closing: Promise<void> | undefined;
  return {
    get connections() {
      return wss.clients.size;
    },
    close: () => (closing ??= Promise.resolve(server.dispose())),
  };
}
