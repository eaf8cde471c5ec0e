import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import type { Tracer } from '@opentelemetry/api';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from '../common/logger.js';
import { buildGatewaySchema, printGatewaySchema } from '../schema/build-schema.js';
import type { GatewayContext } from '../schema/context.type.js';
import type { Workflows } from '../workflows/workflows.js';
import { contextFactory } from './context.factory.js';
import { JitExecutor } from './execution/jit.executor.js';
import type { ExampleOperation } from './playground/examples.js';
import { errorFormatter } from './plugins/error-format.plugin.js';
import { landingPagePlugin } from './plugins/landing-page.plugin.js';
import type { OperationLimits } from './operations.options.js';
import { armorProtection } from './plugins/armor.plugin.js';
import { authStatusPlugin } from './plugins/auth-status.plugin.js';
import { dependencyStatusPlugin } from './plugins/dependency-status.plugin.js';
import { readCachePlugin } from './plugins/read-cache.plugin.js';
import { registerHttpErrors } from './plugins/http-errors.plugin.js';
import { registerAddressLimit } from './plugins/address-limit.plugin.js';
import { registerRateLimit } from './plugins/rate-limit.plugin.js';
import { trustedDocumentsGuard } from './plugins/trusted-documents.plugin.js';
import { connectRedis } from './redis.connection.js';
import { upstreamBudgetRule } from './plugins/upstream-budget.rule.js';
import { registerGraphQLRoute } from './routes/graphql.route.js';
import { registerHealthRoute } from './routes/health.route.js';
import { registerPlaygroundRoute } from './routes/playground.route.js';
import type { GatewayMetrics } from './metrics/gateway.metrics.js';
import { graphqlMetricsPlugin } from './plugins/graphql-metrics.plugin.js';
import { registerHttpMetrics } from './plugins/http-metrics.plugin.js';
import { registerRequestIdHeader, requestIdApolloPlugin, requestIdOfError, requestIdOptions } from './plugins/request-id.plugin.js';
import { tracingPlugin } from './plugins/tracing.plugin.js';
import { registerMetricsRoute } from './routes/metrics.route.js';
import { registerReadinessRoute, type ReadinessRouteOptions } from './routes/readiness.route.js';
import { startOperationTrace } from './tracing/operation.trace.js';
import { subscriptionCallbackPlugins, type SubscriptionCallback } from './plugins/subscription-callback.plugin.js';
import { registerGraphQLWsRoute, type GraphQLWsRoute } from './routes/graphql-ws.route.js';

export interface HttpServerOptions {
  workflows: Workflows;
  logger: Logger;
  serviceToken: string | undefined;
  production: boolean;
  introspection: boolean;
  playground: {
    enabled: boolean;
    kind: 'graphiql' | 'apollo-sandbox';
    examples: readonly ExampleOperation[];
    defaultHeaders?: Readonly<Record<string, string>> | undefined;
  };
  /** What /readyz checks, and whether shutdown has begun. */
  readiness: Pick<ReadinessRouteOptions, 'checks' | 'draining'>;
  /** Prometheus metrics; none when absent. `apart`: served by `metricsApp` (METRICS_PORT), not the gateway's port. */
  metrics?: { metrics: GatewayMetrics; apart: boolean } | undefined;
  /** A span per operation (and, attached by the caller, per BitGo call); none when absent. */
  tracer?: Tracer | undefined;
  /** Abuse limits, trusted documents, rate limits, anonymous callers (see operations.options.ts). */
  operations: OperationLimits;
  /** Subscriptions: graphql-ws keep-alive, and the router's callback origin (undefined: callback protocol off). */
  live: { keepAliveMs: number; callbackOrigin: string | undefined };
}

/** The subscription transports; `close` ends them (also run by the app's preClose, so any app.close() drains them). */
export interface LiveServer {
  ws: GraphQLWsRoute;
  callback: SubscriptionCallback;
  /** Closes WebSockets with 1001 (clients reconnect elsewhere), completes what is left (callback subscriptions), waits for the last callbacks. */
  close(): Promise<void>;
}

export interface HttpServer {
  app: FastifyInstance;
  apollo: ApolloServer<GatewayContext>;
  schema: GraphQLSchema;
  /** Runs the operations: compiled once they repeat, graphql-js otherwise (see its runs counters). */
  executor: JitExecutor;
  /** /metrics on a listener of its own, when metrics are served apart from the gateway's port. */
  metricsApp: FastifyInstance | undefined;
  live: LiveServer;
}

const GRAPHQL_PATH = '/graphql';

/**
 * Node's HTTP timeouts, so that idle connections and slow requests cannot hold sockets: a connection that has not
 * sent its request head within HTTP_HEADERS_TIMEOUT_MS, or its body within HTTP_REQUEST_TIMEOUT_MS, is closed
 * (408), and an idle keep-alive one after HTTP_KEEPALIVE_TIMEOUT_MS. Node checks the first two on an interval
 * (30 s by default, which would let them run late by as much): a quarter of the shorter one, at most a second.
 */
function connectionLimits(limits: OperationLimits): { keepAliveTimeout: number; requestTimeout: number; http: Record<string, number> } {
  const { headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs } = limits;
  const connectionsCheckingInterval = Math.max(25, Math.min(1_000, Math.floor(Math.min(headersTimeoutMs, requestTimeoutMs) / 4)));
  return {
    keepAliveTimeout: keepAliveTimeoutMs,
    requestTimeout: requestTimeoutMs,
    http: { headersTimeout: headersTimeoutMs, requestTimeout: requestTimeoutMs, keepAliveTimeout: keepAliveTimeoutMs, connectionsCheckingInterval },
  };
}

/** Fastify and Apollo, with every plugin and route; does not listen. */
export async function createHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const { logger, operations } = options;
  const schema = await buildGatewaySchema();
  // Fastify: the faster of the two frameworks Apollo integrates with here.
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: operations.bodyLimitBytes,
    trustProxy: operations.trustProxy,
    ...connectionLimits(operations),
    ...requestIdOptions(),
  }) as unknown as FastifyInstance;
  app.server.maxConnections = operations.maxConnections;
  registerRequestIdHeader(app);
  registerHttpErrors(app, { logger });
  const { metrics, tracer } = options;
  if (metrics) registerHttpMetrics(app, { metrics: metrics.metrics });
  const armor = armorProtection({ ...operations, exposeLimits: !options.production });
  // Built twice: Apollo validates and traces on the first, operations run on the second (see JitExecutor).
  const callback = subscriptionCallbackPlugins({ routerOrigin: options.live.callbackOrigin, logger });
  const executor = new JitExecutor({ schema, executionSchema: await buildGatewaySchema(), sdl: printGatewaySchema(schema) });
  const apollo = new ApolloServer<GatewayContext>({
    // Apollo's executor hook is called `gateway`; this one runs compiled queries over the schema above.
    gateway: executor,
    introspection: options.introspection,
    hideSchemaDetailsFromClientErrors: options.production,
    includeStacktraceInErrorResponses: false,
    formatError: errorFormatter({ logger, requestIdOf: requestIdOfError, hideSuggestions: options.production }),
    // main.ts owns the signals: it drains the HTTP server first (Apollo's own handler would close it at once).
    stopOnTerminationSignals: false,
    validationRules: [upstreamBudgetRule, ...armor.validationRules],
    parseOptions: armor.parseOptions,
    // Explicit, though they are Apollo's defaults: a browser form cannot post an operation, and one request is one operation.
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // No automatic persisted queries: a request naming a document by hash alone would hide from the rate limit
    // whether it is a query or a mutation (and with trusted documents nothing may register one at run time).
    // Apollo Client's APQ link falls back to sending the text. Trusted documents have their own ids.
    persistedQueries: false,
    logger,
    plugins: [
      fastifyApolloDrainPlugin(app),
      // Apollo's own plugin would visit every resolved field (and compiled execution bypasses it): the read cache's
      // plugin sets Cache-Control from what the reads themselves did.
      ApolloServerPluginCacheControlDisabled(),
      readCachePlugin(),
      landingPagePlugin({ enabled: options.playground.enabled, kind: options.playground.kind }),
      requestIdApolloPlugin(),
      ...(metrics ? [graphqlMetricsPlugin({ metrics: metrics.metrics })] : []),
      ...(tracer ? [tracingPlugin()] : []),
      ...armor.plugins,
      authStatusPlugin(),
      dependencyStatusPlugin(metrics ? { onRefused: (dependency) => metrics.metrics.dependencyUnavailable.inc({ dependency }) } : {}),
      ...callback.plugins,
    ],
  });
  await apollo.start();

  // Refusals come before the rate limit's count: an untrusted document costs its sender nothing but the refusal.
  const redis = operations.redisUrl ? await connectRedis({ url: operations.redisUrl, logger, commandTimeoutMs: operations.redisTimeoutMs }) : undefined;
  if (redis) app.addHook('onClose', async () => redis.close());
  const onDegraded = metrics ? () => metrics.metrics.dependencyUnavailable.inc({ dependency: 'redis' }) : undefined;
  const addressLimit = registerAddressLimit(app, {
    requestsPerMinute: operations.addressRequestsPerMinute,
    refusedTokensPerMinute: operations.addressRefusedTokensPerMinute,
    redis,
    onDegraded,
    onRefused: metrics ? (limit) => metrics.metrics.addressRefusals.inc({ limit }) : undefined,
  });
  const rateLimit = await registerRateLimit(app, { ...operations, redis, onDegraded });
  const guards = [
    ...(operations.trustedDocuments ? [trustedDocumentsGuard({ documents: operations.trustedDocuments, logger })] : []),
    ...(addressLimit ? [addressLimit] : []),
    ...(rateLimit ? [rateLimit] : []),
  ];
  const startTrace = tracer ? (headers: Parameters<typeof startOperationTrace>[1]) => startOperationTrace(tracer, headers) : undefined;
  const context = contextFactory({ workflows: options.workflows, serviceToken: options.serviceToken, startTrace, allowServiceToken: operations.allowServiceToken });
  registerGraphQLRoute(app, { apollo, path: GRAPHQL_PATH, context, guards });
  registerPlaygroundRoute(app, { ...options.playground, endpoint: GRAPHQL_PATH });
  registerHealthRoute(app);
  registerReadinessRoute(app, options.readiness);
  let metricsApp: FastifyInstance | undefined;
  if (metrics) {
    metricsApp = metrics.apart ? (Fastify({ loggerInstance: logger as FastifyBaseLogger }) as unknown as FastifyInstance) : undefined;
    registerMetricsRoute(metricsApp ?? app, { metrics: metrics.metrics });
  }
  const ws = registerGraphQLWsRoute({
    server: app.server,
    path: GRAPHQL_PATH,
    schema: executor.executionSchema,
    context,
    keepAliveMs: options.live.keepAliveMs,
    formatError: errorFormatter({ logger, requestIdOf: requestIdOfError, hideSuggestions: options.production }),
    validationRules: [upstreamBudgetRule, ...armor.validationRules],
    parseOptions: armor.parseOptions,
    trustedDocuments: operations.trustedDocuments,
  });
  let closing: Promise<void> | undefined;
  const live: LiveServer = {
    ws,
    callback,
    close: () =>
      (closing ??= (async () => {
        await ws.close();
        options.workflows.live.close();
        await callback.drain(5_000);
      })()),
  };
  app.addHook('preClose', async () => live.close());
  return { app, apollo, schema, executor, metricsApp, live };
}
