import type { ApolloServer } from '@apollo/server';
import type { FastifyInstance } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import { BitGoClient } from './bitgo/client.js';
import type { Logger } from './common/logger.js';
import type { Config } from './config/config.js';
import { CursorCodec } from './pagination/cursor.js';
import { KeysetCursorCodec } from './pagination/keyset-cursor.js';
import { CONNECTIONS, DEMO_CLIENT_ENTERPRISE_ID, DEMO_CONNECTION_IDS, DEMO_PARTNER_ENTERPRISE_ID, SANDBOX_TOKEN } from './sandbox/demo.js';
import type { GatewayContext } from './schema/context.type.js';
import type { JitExecutor } from './server/execution/jit.executor.js';
import { createHttpServer } from './server/http.server.js';
import { exampleOperations, type ExampleOperation } from './server/playground/examples.js';
import { SignerRegistry } from './signing/signer-registry.js';
import type { JournalAdminStore } from './store/journal.store.js';
import { MemoryJournalStore } from './store/memory/memory-journal.store.js';
import { AllocationReads } from './workflows/reads/allocation-reads.workflow.js';
import { EnterpriseAccess } from './workflows/reads/enterprise-access.js';
import { SignedRequestReads } from './workflows/reads/signed-request-reads.workflow.js';
import type { Workflows } from './workflows/workflows.js';
import { AllocateWorkflow } from './workflows/writes/allocate.workflow.js';
import { PartnerUpdateWorkflow } from './workflows/writes/partner-update.workflow.js';
import type { WriteDeps } from './workflows/writes/write.deps.js';

export interface GatewayOptions {
  /** `bitgoBaseUrl` must be set: main.ts starts the sandbox first when it is not. */
  config: Config & { bitgoBaseUrl: string };
  logger: Logger;
  /** Keys for the mutations; without one, mutations answer SIGNER_UNAVAILABLE. */
  signers?: SignerRegistry;
  /** Where signed requests are committed before they are sent, and the audit trail reads; in memory (one process) unless given. */
  journal?: JournalAdminStore;
}

export interface Gateway {
  app: FastifyInstance;
  apollo: ApolloServer<GatewayContext>;
  schema: GraphQLSchema;
  /** Runs the operations: compiled once they repeat, graphql-js otherwise (see its runs counters). */
  executor: JitExecutor;
  client: BitGoClient;
  workflows: Workflows;
  signers: SignerRegistry;
  close(): Promise<void>;
}

const nimbusMain = CONNECTIONS.find((c) => c.id === DEMO_CONNECTION_IDS.nimbusMain)!;

/** The playground's tabs: they act on the embedded sandbox's demo cast. */
export function playgroundExamples(): ExampleOperation[] {
  return exampleOperations({
    clientEnterpriseId: DEMO_CLIENT_ENTERPRISE_ID,
    partnerEnterpriseId: DEMO_PARTNER_ENTERPRISE_ID,
    syncConnectionId: DEMO_CONNECTION_IDS.helios,
    asyncConnectionId: DEMO_CONNECTION_IDS.nimbusMain,
    asyncPartnersConnectionId: nimbusMain.partnersConnectionId,
    asyncPartnersClientId: nimbusMain.partnersClientId,
  });
}

/** Relay pages: 25 rows unless asked, at most 100. */
const PAGE = { defaultSize: 25, maxSize: 100 };

/** Composition root: store, client, signers, workflows, schema and server. Does not listen. */
export async function createGateway({ config, logger, signers = new SignerRegistry(undefined), journal = new MemoryJournalStore() }: GatewayOptions): Promise<Gateway> {
  const client = new BitGoClient({ baseUrl: config.bitgoBaseUrl, timeoutMs: config.requestTimeoutMs });
  const writes: WriteDeps = { client, signers, journal, defaultEnterpriseId: config.enterpriseId, writeDeadlineMs: config.writeDeadlineMs, logger };
  const workflows: Workflows = {
    allocations: new AllocationReads({
      client,
      pager: { cursors: new CursorCodec(config.cursorSecret), limits: { ...PAGE, maxUpstreamPageSize: config.maxUpstreamPageSize } },
      defaultEnterpriseId: config.enterpriseId,
      defaultView: config.defaultView,
    }),
    allocate: new AllocateWorkflow(writes),
    partnerUpdate: new PartnerUpdateWorkflow(writes),
    signedRequests: new SignedRequestReads({
      journal,
      access: new EnterpriseAccess({ client, view: config.defaultView }),
      cursors: new KeysetCursorCodec(config.cursorSecret),
      limits: PAGE,
      defaultEnterpriseId: config.enterpriseId,
    }),
  };
  const server = await createHttpServer({
    workflows,
    logger,
    serviceToken: config.accessToken,
    production: config.production,
    introspection: config.introspection,
    playground: {
      enabled: config.playground,
      kind: config.playgroundKind,
      examples: playgroundExamples(),
      // Only the sandbox's public demo token is ever written into a page.
      defaultHeaders: config.accessToken === SANDBOX_TOKEN ? { Authorization: `Bearer ${SANDBOX_TOKEN}` } : undefined,
    },
  });

  return {
    ...server,
    client,
    workflows,
    signers,
    async close() {
      await server.app.close();
      await client.close();
    },
  };
}
