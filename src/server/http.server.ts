import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
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
import { upstreamBudgetRule } from './plugins/upstream-budget.rule.js';
import { registerGraphQLRoute } from './routes/graphql.route.js';
import { registerHealthRoute } from './routes/health.route.js';
import { registerPlaygroundRoute } from './routes/playground.route.js';
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
  live: LiveServer;
}

const GRAPHQL_PATH = '/graphql';

/** Fastify and Apollo, with every plugin and route; does not listen. */
export async function createHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const { logger } = options;
  const schema = await buildGatewaySchema();
  // Fastify: the faster of the two frameworks Apollo integrates with here.
  const app = Fastify({ loggerInstance: logger as FastifyBaseLogger, bodyLimit: 1_048_576 }) as unknown as FastifyInstance;
  // Built twice: Apollo validates and traces on the first, operations run on the second (see JitExecutor).
  const callback = subscriptionCallbackPlugins({ routerOrigin: options.live.callbackOrigin, logger });
  const executor = new JitExecutor({ schema, executionSchema: await buildGatewaySchema(), sdl: printGatewaySchema(schema) });
  const apollo = new ApolloServer<GatewayContext>({
    // Apollo's executor hook is called `gateway`; this one runs compiled queries over the schema above.
    gateway: executor,
    introspection: options.introspection,
    hideSchemaDetailsFromClientErrors: options.production,
    includeStacktraceInErrorResponses: false,
    formatError: errorFormatter({ logger }),
    validationRules: [upstreamBudgetRule],
    logger,
    plugins: [
      fastifyApolloDrainPlugin(app),
      // No field sets cache hints; the default plugin would still visit every resolved field.
      ApolloServerPluginCacheControlDisabled(),
      landingPagePlugin({ enabled: options.playground.enabled, kind: options.playground.kind }),
      ...callback.plugins,
    ],
  });
  await apollo.start();

  const context = contextFactory({ workflows: options.workflows, serviceToken: options.serviceToken });
  registerGraphQLRoute(app, { apollo, path: GRAPHQL_PATH, context });
  registerPlaygroundRoute(app, { ...options.playground, endpoint: GRAPHQL_PATH });
  registerHealthRoute(app);
  const ws = registerGraphQLWsRoute({
    server: app.server,
    path: GRAPHQL_PATH,
    schema: executor.executionSchema,
    context,
    keepAliveMs: options.live.keepAliveMs,
    formatError: errorFormatter({ logger }),
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
  return { app, apollo, schema, executor, live };
}
