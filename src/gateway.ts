import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import { BitGoClient } from './bitgo/client.js';
import type { Config } from './config/config.js';
import { createContext, type GatewayContext, type Services } from './context.js';
import type { Logger } from './logger.js';
import { CursorCodec } from './pagination/cursor.js';
import { demoHeaders, playgroundLandingPage, registerPlayground } from './playground/index.js';
import { AllocationWriteService } from './schema/allocation/allocation-write.service.js';
import { AllocationService } from './schema/allocation/allocation.service.js';
import { MAX_PAGE } from './schema/allocation/allocations.args.js';
import { JitExecutor } from './execution/jit.executor.js';
import { buildGatewaySchema, printGatewaySchema } from './schema/build-schema.js';
import { formatErrorWith } from './schema/errors.js';
import { upstreamBudgetRule } from './schema/upstream-budget.rule.js';
import { SignerRegistry } from './signing/signer-registry.js';

export interface GatewayOptions {
  /** `bitgoBaseUrl` must be set: main.ts starts the sandbox first when it is not. */
  config: Config & { bitgoBaseUrl: string };
  logger: Logger;
  /** Keys for the mutations; without one, mutations answer SIGNER_UNAVAILABLE. */
  signers?: SignerRegistry;
}

export interface Gateway {
  app: FastifyInstance;
  apollo: ApolloServer<GatewayContext>;
  schema: GraphQLSchema;
  /** Runs the operations: compiled once they repeat, graphql-js otherwise (see its runs counters). */
  executor: JitExecutor;
  services: Services;
  signers: SignerRegistry;
  close(): Promise<void>;
}

const DEFAULT_PAGE = 25;

/** Composition root: wires client, services, schema, Apollo and HTTP. Does not listen. */
export async function createGateway({ config, logger, signers = new SignerRegistry(undefined) }: GatewayOptions): Promise<Gateway> {
  const client = new BitGoClient({ baseUrl: config.bitgoBaseUrl, timeoutMs: config.requestTimeoutMs });
  const services: Services = {
    allocations: new AllocationService({
      client,
      cursors: new CursorCodec(config.cursorSecret),
      limits: { defaultSize: DEFAULT_PAGE, maxSize: MAX_PAGE, maxUpstreamPageSize: config.maxUpstreamPageSize },
      defaultEnterpriseId: config.enterpriseId,
      defaultView: config.defaultView,
    }),
    writes: new AllocationWriteService({
      client,
      signers,
      defaultEnterpriseId: config.enterpriseId,
      writeDeadlineMs: config.writeDeadlineMs,
      logger,
    }),
  };
  const schema = await buildGatewaySchema();

  // Fastify: the faster of the two frameworks Apollo integrates with here.
  const app = Fastify({ loggerInstance: logger as FastifyBaseLogger, bodyLimit: 1_048_576 }) as unknown as FastifyInstance;
  // Built twice: Apollo validates and traces on the first, operations run on the second (see JitExecutor).
  const executor = new JitExecutor({ schema, executionSchema: await buildGatewaySchema(), sdl: printGatewaySchema(schema) });
  const apollo = new ApolloServer<GatewayContext>({
    // Apollo's executor hook is called `gateway`; this one runs compiled queries over the schema above.
    gateway: executor,
    introspection: config.introspection,
    hideSchemaDetailsFromClientErrors: config.production,
    includeStacktraceInErrorResponses: false,
    formatError: formatErrorWith(logger),
    validationRules: [upstreamBudgetRule],
    logger,
    plugins: [
      fastifyApolloDrainPlugin(app),
      // No field sets cache hints; the default plugin would still visit every resolved field.
      ApolloServerPluginCacheControlDisabled(),
      playgroundLandingPage({ enabled: config.playground, kind: config.playgroundKind }),
    ],
  });
  await apollo.start();

  const handler = fastifyApolloHandler(apollo, {
    context: async (request) => createContext(services, request.headers.authorization, config.accessToken),
  });
  // Per-request access logs cost more than the rest of a cached query; only warnings and errors are logged per request.
  app.route({ url: '/graphql', method: ['GET', 'POST', 'OPTIONS'], handler, logLevel: 'warn' });
  registerPlayground(app, { enabled: config.playground, kind: config.playgroundKind, endpoint: '/graphql', defaultHeaders: demoHeaders(config.accessToken) });
  app.get('/healthz', { logLevel: 'warn' }, async () => ({ ok: true }));

  return {
    app,
    apollo,
    schema,
    executor,
    services,
    signers,
    async close() {
      await app.close();
      await client.close();
    },
  };
}
