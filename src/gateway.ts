import { hostname } from 'node:os';
import type { ApolloServer } from '@apollo/server';
import type { FastifyInstance } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import { BitGoClient } from './bitgo/client.js';
import type { Logger } from './common/logger.js';
import type { Config } from './config/config.js';
import { CursorCodec } from './pagination/cursor.js';
import { CONNECTIONS, DEMO_CLIENT_ENTERPRISE_ID, DEMO_CONNECTION_IDS, DEMO_PARTNER_ENTERPRISE_ID, SANDBOX_TOKEN } from './sandbox/demo.js';
import type { GatewayContext } from './schema/context.type.js';
import type { JitExecutor } from './server/execution/jit.executor.js';
import { createHttpServer } from './server/http.server.js';
import { exampleOperations, type ExampleOperation } from './server/playground/examples.js';
import { SignerRegistry } from './signing/signer-registry.js';
import type { JournalAdminStore } from './store/journal.store.js';
import { MemoryJournalStore } from './store/memory/memory-journal.store.js';
import { ReconcileWorkflow } from './workflows/reconcile.workflow.js';
import { AllocationReads } from './workflows/reads/allocation-reads.workflow.js';
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
  /**
   * The durable journal (the SQL store, opened and migrated by the caller, who also closes it after the gateway):
   * mutations commit every signed request to it before sending, and the reconciler re-sends its unsettled rows.
   * Without one, mutations use an in-memory journal of this process and nothing reconciles (unit tests).
   */
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
  /** Present with a durable journal: started with the gateway (a pass at once, then every RECONCILE_INTERVAL_MS). */
  reconciler: ReconcileWorkflow | undefined;
  /** Stops the reconciler (aborting its sends), then the server and the client. The journal stays open. */
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
export async function createGateway({ config, logger, signers = new SignerRegistry(undefined), journal }: GatewayOptions): Promise<Gateway> {
  const client = new BitGoClient({ baseUrl: config.bitgoBaseUrl, timeoutMs: config.requestTimeoutMs });
  const writes: WriteDeps = {
    client,
    signers,
    journal: journal ?? new MemoryJournalStore(),
    defaultEnterpriseId: config.enterpriseId,
    writeDeadlineMs: config.writeDeadlineMs,
    reconciling: journal !== undefined,
    logger,
  };
  const reconciler = journal
    ? new ReconcileWorkflow({
        journal,
        client,
        serviceToken: config.accessToken,
        writeDeadlineMs: config.writeDeadlineMs,
        intervalMs: config.reconcileIntervalMs,
        maxAgeMs: config.reconcileMaxAgeMs,
        logger,
        worker: `${hostname()}:${process.pid}`,
      })
    : undefined;
  const workflows: Workflows = {
    allocations: new AllocationReads({
      client,
      pager: { cursors: new CursorCodec(config.cursorSecret), limits: { ...PAGE, maxUpstreamPageSize: config.maxUpstreamPageSize } },
      defaultEnterpriseId: config.enterpriseId,
      defaultView: config.defaultView,
    }),
    allocate: new AllocateWorkflow(writes),
    partnerUpdate: new PartnerUpdateWorkflow(writes),
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

  reconciler?.start();

  return {
    ...server,
    client,
    workflows,
    signers,
    reconciler,
    async close() {
      await reconciler?.stop();
      await server.app.close();
      await client.close();
    },
  };
}
