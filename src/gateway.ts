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
import { KeysetCursorCodec } from './pagination/keyset-cursor.js';
import { registerPartnerWebhookRoutes, type PartnerWebhookRouteOptions, type WebhookObserver } from './server/routes/partner-webhook.route.js';
import { createWebhookServer } from './server/webhook.server.js';
import { openStore, type Store } from './store/database.js';
import type { JournalStore } from './store/journal.store.js';
import { MemoryJournalStore } from './store/memory/memory-journal.store.js';
import { migrateStore } from './store/migrate.js';
import { SqlPartnerLedgerStore } from './store/partner-ledger.sql.store.js';
import type { PartnerLedgerStore } from './store/partner-ledger.store.js';
import { SqlSeenJwtIdStore } from './store/seen-jwt-ids.sql.store.js';
import { createJwtVerifier } from './verification/jwt.verifier.js';
import { parseRsaPublicKeys } from './verification/public-keys.js';
import { PartnerInboundWorkflow } from './workflows/partner/partner-inbound.workflow.js';
import { PartnerLedgerReads } from './workflows/partner/partner-ledger-reads.workflow.js';
import { PartnerSettleWorkflow } from './workflows/partner/partner-settle.workflow.js';
import { EnterpriseAccess } from './workflows/reads/enterprise-access.js';
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
  /** Where signed requests are committed before they are sent; in memory (one process) unless given. */
  journal?: JournalStore;
  /**
   * The durable store (migrated), which holds the partner ledger. Without one, the gateway opens its own from
   * DATABASE_URL / DATA_DIR when it serves BitGo's partner calls, and keeps no ledger otherwise.
   */
  store?: Store;
  /** Told of every refused partner call from BitGo (the metrics' "webhooks refused by reason"). */
  webhookObserver?: WebhookObserver;
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
  /** The listener of BitGo's partner calls when WEBHOOK_PORT is set (not yet listening); else they are on `app`. */
  webhookApp: FastifyInstance | undefined;
  /** The partner ledger, when the gateway keeps one. */
  partnerLedger: PartnerLedgerStore | undefined;
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
export async function createGateway({ config, logger, signers = new SignerRegistry(undefined), journal = new MemoryJournalStore(), ...options }: GatewayOptions): Promise<Gateway> {
  const client = new BitGoClient({ baseUrl: config.bitgoBaseUrl, timeoutMs: config.requestTimeoutMs });
  const writes: WriteDeps = { client, signers, journal, defaultEnterpriseId: config.enterpriseId, writeDeadlineMs: config.writeDeadlineMs, logger };
  const partner = await partnerSide(config, logger, client, options);
  const partnerUpdate = new PartnerUpdateWorkflow(writes);
  const workflows: Workflows = {
    allocations: new AllocationReads({
      client,
      pager: { cursors: new CursorCodec(config.cursorSecret), limits: { ...PAGE, maxUpstreamPageSize: config.maxUpstreamPageSize } },
      defaultEnterpriseId: config.enterpriseId,
      defaultView: config.defaultView,
    }),
    allocate: new AllocateWorkflow(writes),
    partnerUpdate,
    partnerSettle: new PartnerSettleWorkflow({
      update: partnerUpdate,
      ledger: partner.ledger,
      access: partner.access,
      partnerEnterpriseId: partner.enterpriseId,
      logger,
    }),
    partnerLedger: partner.reads,
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

  let webhookApp: FastifyInstance | undefined;
  if (partner.routes) {
    if (config.webhookPort === undefined) registerPartnerWebhookRoutes(server.app, partner.routes);
    else webhookApp = createWebhookServer({ logger, routes: partner.routes });
  }

  return {
    ...server,
    client,
    workflows,
    signers,
    webhookApp,
    partnerLedger: partner.ledger,
    async close() {
      await webhookApp?.close();
      await server.app.close();
      await client.close();
      await partner.close();
    },
  };
}

/** Accepted JWT ids are kept this long past their token's expiry (clock differences between replicas and the database). */
const JTI_GRACE_MS = 5 * 60_000;

/**
 * The partner's half: the ledger (when there is a store), its reads, and BitGo's inbound calls when a webhook key
 * is configured (main.ts sets the embedded sandbox's in sandbox mode).
 */
async function partnerSide(config: GatewayOptions['config'], logger: Logger, client: BitGoClient, options: Pick<GatewayOptions, 'store' | 'webhookObserver'>) {
  const pem = config.webhookPublicKeyPem;
  let store = options.store;
  const ownStore = store === undefined && pem !== undefined;
  if (ownStore) {
    store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, onPoolError: (err) => logger.warn({ err }, 'store pool error') });
    await migrateStore(store);
  }
  const ledger = store && new SqlPartnerLedgerStore(store.db);
  const enterpriseId = (config.partnerEnterpriseId ?? config.enterpriseId)?.toLowerCase();
  const access = new EnterpriseAccess({ client });
  const reads =
    ledger &&
    new PartnerLedgerReads({
      ledger,
      access,
      pager: { cursors: new KeysetCursorCodec(config.cursorSecret), defaultSize: PAGE.defaultSize, maxSize: PAGE.maxSize },
      defaultEnterpriseId: enterpriseId,
    });
  let routes: PartnerWebhookRouteOptions | undefined;
  let sweep: NodeJS.Timeout | undefined;
  if (pem !== undefined && store && ledger) {
    if (!enterpriseId) throw new Error('BitGo\'s partner calls need the partner enterprise: set BITGO_PARTNER_ENTERPRISE_ID');
    const jwtIds = new SqlSeenJwtIdStore(store.db);
    routes = {
      inbound: new PartnerInboundWorkflow({ ledger, enterpriseId, logger }),
      signature: { verifier: createJwtVerifier({ keys: parseRsaPublicKeys(pem) }), jwtIds },
      observer: options.webhookObserver,
    };
    sweep = setInterval(() => {
      jwtIds.deleteExpired(JTI_GRACE_MS).catch((err: unknown) => logger.warn({ err }, 'expired JWT ids not swept'));
    }, 60_000).unref();
  }
  return {
    ledger,
    reads,
    routes,
    access,
    enterpriseId,
    async close() {
      clearInterval(sweep);
      if (ownStore) await store?.close();
    },
  };
}
