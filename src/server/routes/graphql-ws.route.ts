import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import {
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationRule,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { GatewayContext } from '../../schema/context.type.js';
import type { InboundRequest } from '../context.factory.js';
import { UNKNOWN_DOCUMENT, UNTRUSTED_DOCUMENT } from '../plugins/trusted-documents.plugin.js';
import { OperationTrace } from '../tracing/operation.trace.js';

export interface GraphQLWsRouteOptions {
  /** The HTTP server whose Upgrade requests on `path` become graphql-ws connections. */
  server: Server;
  path: string;
  schema: GraphQLSchema;
  /** Builds a subscription's context from the Authorization sent in connection_init (throws when it is malformed). */
  context: (authorization: string | undefined, inbound?: InboundRequest) => GatewayContext;
  /** A WebSocket ping this often; a client that has not answered by the next one is cut. 0: none. */
  keepAliveMs: number;
  /** The same formatting Apollo applies to HTTP responses. */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  /** The same limits as over HTTP: validation rules beside graphql-js's own (depth, aliases, cost, …) and the token limit. */
  validationRules: readonly ValidationRule[];
  parseOptions: ParseOptions;
  /** SHA-256 → document: when set, only these documents run, as over HTTP. */
  trustedDocuments: ReadonlyMap<string, string> | undefined;
}

export interface GraphQLWsRoute {
  /** Open connections (tests). */
  readonly connections: number;
  /** Closes every connection with 1001 (Going away) and stops accepting new ones; idempotent. */
  close(): Promise<void>;
}

/** Largest message a client may send: a subscription document with its variables. */
const MAX_MESSAGE_BYTES = 64 * 1024;
/** How long a closing socket may take to answer the close frame on shutdown before it is cut. */
const CLOSE_HANDSHAKE_MS = 1_000;
const CONNECTION_INIT_TIMEOUT_MS = 3_000;

/** `authorization` in connection_init's payload, whatever its case (GraphiQL sends its header editor's keys). */
function authorizationOf(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (!params) return undefined;
  for (const [key, value] of Object.entries(params)) if (key.toLowerCase() === 'authorization' && typeof value === 'string') return value;
  return undefined;
}

/** As Apollo codes what fails before execution: parse and validation errors carry its codes, whatever a rule set. */
function coded(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code } });
}

/**
 * The document a subscribe message may run: with trusted documents on, one named by its id
 * (`extensions.persistedQuery.sha256Hash`) or sent in full and hashing to a listed one; anything else is refused.
 */
function trustedSource(documents: ReadonlyMap<string, string> | undefined, payload: { query: string; extensions?: Record<string, unknown> | null }): string | GraphQLError {
  if (!documents) return payload.query;
  const id = (payload.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
  if (typeof id === 'string') return documents.get(id.replace(/^sha256:/, '')) ?? new GraphQLError('No trusted document has this id', { extensions: { code: UNKNOWN_DOCUMENT } });
  const hash = createHash('sha256').update(payload.query ?? '').digest('hex');
  return documents.has(hash) ? payload.query : new GraphQLError('Only trusted documents run on this gateway', { extensions: { code: UNTRUSTED_DOCUMENT } });
}

/**
 * graphql-ws (the graphql-transport-ws protocol) on the GraphQL endpoint's path, as Apollo Server's subscription
 * recipe does: the bearer token travels in connection_init (a malformed one closes the socket with 4403),
 * WebSocket pings keep idle connections alive and find dead ones. Only subscriptions run here: queries and
 * mutations go over HTTP, where every Apollo plugin sees them. The HTTP path's limits apply here too: armor's rules and
 * the token limit, trusted documents, and (through the context) whether a caller without a token may act at all.
 */
export function registerGraphQLWsRoute(options: GraphQLWsRouteOptions): GraphQLWsRoute {
  // noServer: upgrades are handed over below. Bound to the HTTP server itself, ws would re-emit its 'error' events
  // (a port in use at listen) as its own, and graphql-ws would print those as internal errors.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== options.path) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (client) => wss.emit('connection', client, request));
  };
  options.server.on('upgrade', onUpgrade);
  const format = (errors: readonly GraphQLError[]): GraphQLFormattedError[] => errors.map((error) => options.formatError(error.toJSON(), error));
  const server = useServer<Record<string, unknown>>(
    {
      connectionInitWaitTimeout: CONNECTION_INIT_TIMEOUT_MS,
      onConnect: (ctx) => {
        try {
          // Only the header is checked here: no request of its own, so no span.
          options.context(authorizationOf(ctx.connectionParams));
          return true;
        } catch {
          return false;
        }
      },
      onSubscribe: (ctx, _id, payload): ExecutionArgs | readonly GraphQLError[] => {
        const source = trustedSource(options.trustedDocuments, payload);
        if (source instanceof GraphQLError) return [source];
        let document: DocumentNode;
        try {
          document = parse(source, options.parseOptions);
        } catch (error) {
          return [coded(error instanceof GraphQLError ? error : new GraphQLError('The document could not be parsed'), ApolloServerErrorCode.GRAPHQL_PARSE_FAILED)];
        }
        const invalid = validate(options.schema, document, [...specifiedRules, ...options.validationRules]);
        if (invalid.length > 0) return invalid.map((error) => coded(error, ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED));
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
          contextValue: options.context(authorizationOf(ctx.connectionParams), { id: randomUUID(), headers: ctx.extra.request.headers }),
        };
      },
      // The subscription's open (its check with BitGo) is its span: ended once the operation has run, not with the
      // subscription, which may stay open for hours.
      onOperation: async (_ctx, _id, _payload, args, pending) => {
        const traced = (args.contextValue as GatewayContext | undefined)?.caller.trace;
        if (!(traced instanceof OperationTrace)) return;
        const result = await pending;
        traced.resolved('subscription', args.operationName);
        traced.end(Symbol.asyncIterator in result ? undefined : result.errors);
      },
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: format(result.errors as GraphQLError[]) } : undefined),
      // The trusted-document refusals are answered as the HTTP guard answers them; everything else as Apollo formats it.
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => (error.extensions.code === UNTRUSTED_DOCUMENT ? error.toJSON() : format([error])[0]!)),
    },
    wss,
    options.keepAliveMs,
  );
  let closing: Promise<void> | undefined;
  return {
    get connections() {
      return wss.clients.size;
    },
    close: () =>
      (closing ??= (async () => {
        options.server.off('upgrade', onUpgrade);
        // A peer that never answers the close frame (a dead network, a full buffer) would hold dispose() for ws's
        // 30 s close timeout, and with it the drain of HTTP requests behind it: after a second it is cut.
        const cut = setTimeout(() => {
          for (const socket of wss.clients) socket.terminate();
        }, CLOSE_HANDSHAKE_MS);
        try {
          await server.dispose();
        } finally {
          clearTimeout(cut);
        }
      })()),
  };
}
