import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import { BitGoClient } from './bitgo/client.js';
import type { Config } from './config/config.js';
import { createContext, type GatewayContext, type Services } from './context.js';
import type { Logger } from './logger.js';
import { CursorCodec } from './pagination/cursor.js';
import { AllocationService } from './schema/allocation/allocation.service.js';
import { MAX_PAGE } from './schema/allocation/allocations.args.js';
import { buildGatewaySchema } from './schema/build-schema.js';
import { formatErrorWith } from './schema/errors.js';

export interface GatewayOptions {
  /** `bitgoBaseUrl` must be set: main.ts starts the sandbox first when it is not. */
  config: Config & { bitgoBaseUrl: string };
  logger: Logger;
}

export interface Gateway {
  app: FastifyInstance;
  apollo: ApolloServer<GatewayContext>;
  schema: GraphQLSchema;
  services: Services;
  close(): Promise<void>;
}

const DEFAULT_PAGE = 25;

/** Composition root: wires client, services, schema, Apollo and HTTP. Does not listen. */
export async function createGateway({ config, logger }: GatewayOptions): Promise<Gateway> {
  const client = new BitGoClient({ baseUrl: config.bitgoBaseUrl, timeoutMs: config.requestTimeoutMs });
  const services: Services = {
    allocations: new AllocationService({
      client,
      cursors: new CursorCodec(config.cursorSecret),
      limits: { defaultSize: DEFAULT_PAGE, maxSize: MAX_PAGE, maxUpstreamPageSize: config.maxUpstreamPageSize },
      defaultEnterpriseId: config.enterpriseId,
      defaultView: config.defaultView,
    }),
  };
  const schema = await buildGatewaySchema();

  // Fastify: the fastest of the two frameworks Apollo integrates with here, and
  // request logging is off on the hot path (errors are still logged).
  const app = Fastify({ loggerInstance: logger as FastifyBaseLogger, disableRequestLogging: true, bodyLimit: 1_048_576 }) as unknown as FastifyInstance;
  const apollo = new ApolloServer<GatewayContext>({
    schema,
    introspection: config.introspection,
    hideSchemaDetailsFromClientErrors: config.production,
    includeStacktraceInErrorResponses: false,
    formatError: formatErrorWith(logger),
    logger,
    plugins: [
      fastifyApolloDrainPlugin(app),
      config.playground ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  const handler = fastifyApolloHandler(apollo, {
    context: async (request) => createContext(services, request.headers.authorization, config.accessToken),
  });
  app.route({ url: '/graphql', method: ['GET', 'POST', 'OPTIONS'], handler });
  app.get('/healthz', async () => ({ ok: true }));

  return {
    app,
    apollo,
    schema,
    services,
    async close() {
      await app.close();
      await client.close();
    },
  };
}
