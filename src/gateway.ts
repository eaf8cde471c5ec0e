import { hostname } from 'node:os';
import type { ApolloServer } from '@apollo/server';
import type { Tracer } from '@opentelemetry/api';
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
import { ReconcileWorkflow } from './workflows/reconcile.workflow.js';
import { AllocationReads } from './workflows/reads/allocation-reads.workflow.js';
import { BalanceReads } from './workflows/reads/balance-reads.workflow.js';
import { ConnectionReads } from './workflows/reads/connection-reads.workflow.js';
import { EnterpriseAccess } from './workflows/reads/enterprise-access.js';
import { SignedRequestReads } from './workflows/reads/signed-request-reads.workflow.js';
import type { Workflows } from './workflows/workflows.js';
import { AllocateWorkflow } from './workflows/writes/allocate.workflow.js';
import { PartnerUpdateWorkflow } from './workflows/writes/partner-update.workflow.js';
import type { WriteDeps } from './workflows/writes/write.deps.js';
import { GatewayMetrics } from './server/metrics/gateway.metrics.js';
import { writeMetricsObserver } from './server/metrics/write-metrics.observer.js';
import { attachBitGoMetrics } from './server/plugins/bitgo-metrics.plugin.js';
import { attachBitGoTracing } from './server/plugins/bitgo-tracing.plugin.js';
import type { ReadinessCheck } from './server/routes/readiness.route.js';
import { startOtlpTracing, type OtlpTracing } from './server/tracing/otlp.tracing.js';
import { registerPartnerWebhookRoutes, type PartnerWebhookRouteOptions, type WebhookObserver } from './server/routes/partner-webhook.route.js';
import { createWebhookServer } from './server/webhook.server.js';
import { openStore, type Store } from './store/database.js';
import { migrateStore } from './store/migrate.js';
import { SqlPartnerLedgerStore } from './store/partner-ledger.sql.store.js';
import type { PartnerLedgerStore } from './store/partner-ledger.store.js';
import { SqlSeenJwtIdStore } from './store/seen-jwt-ids.sql.store.js';
import { createJwtVerifier } from './verification/jwt.verifier.js';
import { parseRsaPublicKeys } from './verification/public-keys.js';
import { PartnerInboundWorkflow } from './workflows/partner/partner-inbound.workflow.js';
import { PartnerLedgerReads } from './workflows/partner/partner-ledger-reads.workflow.js';
import { PartnerSettleWorkflow } from './workflows/partner/partner-settle.workflow.js';
import type { ChangeFeed } from './store/change-feed.js';
import { openChangeFeed } from './store/change-feed.factory.js';
import { InProcessChangeFeed } from './store/memory/in-process-change-feed.js';
import { FeedChangePublisher, type ChangePublisher } from './workflows/live/change-publisher.js';
import { LiveSubscriptions } from './workflows/live/live-subscriptions.workflow.js';
import { PublishingPartnerLedger } from './workflows/live/publishing-partner-ledger.js';

export interface GatewayOptions {
  /** `bitgoBaseUrl` must be set: main.ts starts the sandbox first when it is not. */
  config: Config & { bitgoBaseUrl: string };
  logger: Logger;
  /** Keys for the mutations; without one, mutations answer SIGNER_UNAVAILABLE. */
  signers?: SignerRegistry;
  /**
   * Where signed requests are committed before they are sent, the reconciler finds the unsettled ones and the audit
   * trail reads; in memory (one process) unless given. The caller opens (and migrates) a durable one, and closes it
   * after the gateway.
   */
  journal?: JournalAdminStore;
  /** Where spans go (tests: an in-memory exporter's tracer); else OTLP when `config.otlpEndpoint` is set, else nowhere. */
  tracer?: Tracer;
  /** Readiness checks beside the store's and the signer's (e.g. a durable store's migrations). */
  readinessChecks?: readonly ReadinessCheck[];
  /**
   * How changes reach live subscriptions. Unless given: across replicas through PostgreSQL when `store` is one
   * (and DATABASE_URL names it), else in this process. A given feed is the caller's to close.
   */
  changeFeed?: ChangeFeed;
  /**
   * The durable store (migrated), which holds the partner ledger. Without one, the gateway opens its own from
   * DATABASE_URL / DATA_DIR when it serves BitGo's partner calls, and keeps no ledger otherwise.
   */
  store?: Store;
  /** Told of every refused partner call from BitGo; by default the metrics' "webhooks refused by reason". */
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
  /** Started with the gateway: a pass at once, then every RECONCILE_INTERVAL_MS. */
  reconciler: ReconcileWorkflow;
  /** The Prometheus registry's owner; undefined with METRICS=false. */
  metrics: GatewayMetrics | undefined;
  /** /metrics's own listener when METRICS_PORT is set (main.ts listens on it), else undefined. */
  metricsApp: FastifyInstance | undefined;
  /** The listener of BitGo's partner calls when WEBHOOK_PORT is set (not yet listening); else they are on `app`. */
  webhookApp: FastifyInstance | undefined;
  /** The partner ledger, when the gateway keeps one. */
  partnerLedger: PartnerLedgerStore | undefined;
  /** From now on /readyz answers 503 (the first thing SIGTERM does). */
  drain(): void;
  /** What the reconciler tells live subscriptions (the write workflows and the partner ledger already do). */
  changes: ChangePublisher;
  /**
   * Drains and stops: the reconciler stops first (its sends in flight are aborted: their rows stay for the next
   * pass or replica); no new connection is accepted and requests arriving on open ones get 503; requests in
   * flight may finish for up to `graceMs` (default: the write deadline, so a signed write in flight can
   * finish); then every connection is closed, and the BitGo client and the tracer are shut down. The journal
   * stays open: its owner closes it after this.
   */
  close(graceMs?: number): Promise<void>;
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

/**
 * Ready when the journal answers and, if this gateway was started with a signer for its enterprise, that
 * signer is still registered.
 */
function readinessChecks(config: Config, signers: SignerRegistry, journal: JournalAdminStore): ReadinessCheck[] {
  const checks: ReadinessCheck[] = [{ name: 'store', check: async () => void (await journal.unsettledStats()) }];
  const enterprise = config.enterpriseId ?? '';
  if (signers.for(enterprise)) checks.push({ name: 'signer', check: async () => signers.for(enterprise) !== undefined });
  return checks;
}

/** Relay pages: 25 rows unless asked, at most 100. */
const PAGE = { defaultSize: 25, maxSize: 100 };

/** Composition root: store, client, signers, workflows, schema and server. Does not listen. */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const { config, logger, signers = new SignerRegistry(undefined) } = options;
  const journal: JournalAdminStore = options.journal ?? new MemoryJournalStore();
  const client = new BitGoClient({ baseUrl: config.bitgoBaseUrl, timeoutMs: config.requestTimeoutMs });
  const metrics = config.metrics ? new GatewayMetrics({ journal }) : undefined;
  if (metrics) attachBitGoMetrics({ client, metrics });
  const otlp: OtlpTracing | undefined = !options.tracer && config.otlpEndpoint ? startOtlpTracing() : undefined;
  const tracer = options.tracer ?? otlp?.tracer;
  if (tracer) attachBitGoTracing({ client, tracer, baseUrl: config.bitgoBaseUrl });
  let draining = false;
  const feed = options.changeFeed ?? (options.store ? await openChangeFeed(options.store, { databaseUrl: config.databaseUrl, onEvent: feedEvents(logger) }) : new InProcessChangeFeed());
  const changes = new FeedChangePublisher(feed, logger);
  const writes: WriteDeps = {
    client,
    signers,
    journal,
    defaultEnterpriseId: config.enterpriseId,
    writeDeadlineMs: config.writeDeadlineMs,
    // What an OUTCOME_UNKNOWN answer may promise: without a service token the reconciler re-sends nothing.
    reconciling: config.accessToken !== undefined,
    logger,
    ...(metrics ? { observer: writeMetricsObserver(metrics) } : {}),
    changes,
  };
  // One codec for every list: each list binds its cursors to a scope of its own shape, so one never decodes against another.
  const pager = { cursors: new CursorCodec(config.cursorSecret), limits: { ...PAGE, maxUpstreamPageSize: config.maxUpstreamPageSize } };
  const defaults = { defaultEnterpriseId: config.enterpriseId, defaultView: config.defaultView };
  const webhookObserver: WebhookObserver | undefined = options.webhookObserver ?? (metrics ? { onRefused: (reason) => metrics.webhookRefused(reason) } : undefined);
  // One access check (its verdicts cached per token and enterprise) and one keyset codec for every list the gateway keeps itself.
  const access = new EnterpriseAccess({ client, view: config.defaultView });
  const keysetCursors = new KeysetCursorCodec(config.cursorSecret);
  const partner = await partnerSide(config, logger, { store: options.store, webhookObserver, access, cursors: keysetCursors, changes });
  // On every journal: the in-memory one's rows are re-sent too, for as long as the process lives.
  const reconciler = new ReconcileWorkflow({
    journal,
    client,
    serviceToken: config.accessToken,
    writeDeadlineMs: config.writeDeadlineMs,
    intervalMs: config.reconcileIntervalMs,
    maxAgeMs: config.reconcileMaxAgeMs,
    logger,
    worker: `${hostname()}:${process.pid}`,
    changes,
    ledger: partner.ledger && new PublishingPartnerLedger(partner.ledger, changes, 'RECONCILER'),
    onAbandoned: metrics && ((count) => metrics.journalAbandoned.inc(count)),
  });
  const partnerUpdate = new PartnerUpdateWorkflow(writes);
  const workflows: Workflows = {
    allocations: new AllocationReads({ client, pager, ...defaults }),
    connections: new ConnectionReads({ client, pager, ...defaults }),
    balances: new BalanceReads({ client, ...defaults, pageSize: config.maxUpstreamPageSize }),
    allocate: new AllocateWorkflow(writes),
    partnerSettle: new PartnerSettleWorkflow({
      update: partnerUpdate,
      ledger: partner.ledger && new PublishingPartnerLedger(partner.ledger, changes, 'PARTNER_UPDATE'),
      access,
      partnerEnterpriseId: partner.enterpriseId,
      logger,
    }),
    partnerLedger: partner.reads,
    signedRequests: new SignedRequestReads({ journal, access, cursors: keysetCursors, limits: PAGE, defaultEnterpriseId: config.enterpriseId }),
    live: new LiveSubscriptions({
      client,
      feed,
      ...defaults,
      defaultPartnerEnterpriseId: partner.enterpriseId,
      perCaller: config.subscriptionsPerCaller,
      pollMinMs: config.subscriptionPollMinMs,
      pollMaxMs: config.subscriptionPollMaxMs,
      tokenRecheckMs: config.subscriptionTokenRecheckMs,
      opensPerMinute: config.operations.readsPerMinute,
      logger,
    }),
  };
  const server = await createHttpServer({
    workflows,
    logger,
    serviceToken: config.accessToken,
    production: config.production,
    introspection: config.introspection,
    operations: config.operations,
    playground: {
      enabled: config.playground,
      kind: config.playgroundKind,
      examples: playgroundExamples(),
      // Only the sandbox's public demo token is ever written into a page.
      defaultHeaders: config.accessToken === SANDBOX_TOKEN ? { Authorization: `Bearer ${SANDBOX_TOKEN}` } : undefined,
    },
    readiness: { checks: [...readinessChecks(config, signers, journal), ...(options.readinessChecks ?? [])], draining: () => draining },
    metrics: metrics ? { metrics, apart: config.metricsPort !== undefined } : undefined,
    tracer,
    live: { keepAliveMs: config.subscriptionKeepAliveMs, callbackOrigin: config.subscriptionCallbackOrigin },
  });

  reconciler.start();

  let webhookApp: FastifyInstance | undefined;
  if (partner.routes) {
    if (config.webhookPort === undefined) registerPartnerWebhookRoutes(server.app, partner.routes);
    else webhookApp = createWebhookServer({ logger, routes: partner.routes });
  }

  let closing: Promise<void> | undefined;
  const close = async (graceMs: number): Promise<void> => {
    draining = true;
    // The grace runs from now, on every listener (BitGo's partner calls too): keep-alive connections close as soon as
    // they are idle (a busy one once its response is sent); at the deadline every one is cut.
    const servers = [server.app.server, webhookApp?.server].filter((s) => s !== undefined);
    const sweep = setInterval(() => {
      for (const http of servers) http.closeIdleConnections();
    }, 100);
    const cut = setTimeout(() => {
      for (const http of servers) http.closeAllConnections();
    }, graceMs);
    try {
      await reconciler.stop();
      // WebSockets first (1001: clients resubscribe elsewhere) and callback subscriptions completed; app.close() would wait on open sockets.
      await server.live.close();
      await Promise.all([server.app.close(), webhookApp?.close()]);
    } finally {
      clearInterval(sweep);
      clearTimeout(cut);
    }
    await server.metricsApp?.close();
    await client.close();
    await partner.close();
    await otlp?.shutdown();
    if (!options.changeFeed) await feed.close();
  };

  return {
    ...server,
    client,
    workflows,
    signers,
    reconciler,
    metrics,
    webhookApp,
    partnerLedger: partner.ledger,
    changes,
    drain() {
      draining = true;
    },
    close(graceMs = config.writeDeadlineMs) {
      return (closing ??= close(graceMs));
    },
  };
}

/** The change feed's connection drops and returns are an operator's business; nothing in them is a secret. */
function feedEvents(logger: Logger) {
  return (event: 'dropped' | 'reconnected', detail: { attempt: number; code?: string }) =>
    (event === 'dropped' ? logger.warn(detail, 'change feed: LISTEN connection lost; reconnecting') : logger.info(detail, 'change feed: LISTEN connection back; re-reading what was missed'));
}

/** Accepted JWT ids are kept this long past their token's expiry (clock differences between replicas and the database). */
const JTI_GRACE_MS = 5 * 60_000;

/**
 * The partner's half: the ledger (when there is a store), its reads, and BitGo's inbound calls when a webhook key
 * is configured (main.ts sets the embedded sandbox's in sandbox mode).
 */
async function partnerSide(
  config: GatewayOptions['config'],
  logger: Logger,
  options: Pick<GatewayOptions, 'store' | 'webhookObserver'> & { access: EnterpriseAccess; cursors: KeysetCursorCodec; changes: ChangePublisher },
) {
  const { access, cursors, changes } = options;
  const pem = config.webhookPublicKeyPem;
  let store = options.store;
  const ownStore = store === undefined && pem !== undefined;
  if (ownStore) {
    store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, onPoolError: (err) => logger.warn({ err }, 'store pool error') });
    await migrateStore(store);
  }
  const ledger = store && new SqlPartnerLedgerStore(store.db);
  const enterpriseId = (config.partnerEnterpriseId ?? config.enterpriseId)?.toLowerCase();
  const reads = ledger && new PartnerLedgerReads({ ledger, access, cursors, limits: PAGE, defaultEnterpriseId: enterpriseId });
  let routes: PartnerWebhookRouteOptions | undefined;
  let sweep: NodeJS.Timeout | undefined;
  if (pem !== undefined && store && ledger) {
    if (!enterpriseId) throw new Error('BitGo\'s partner calls need the partner enterprise: set BITGO_PARTNER_ENTERPRISE_ID');
    const jwtIds = new SqlSeenJwtIdStore(store.db);
    routes = {
      inbound: new PartnerInboundWorkflow({ ledger: new PublishingPartnerLedger(ledger, changes, 'WEBHOOK'), enterpriseId, logger }),
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
    enterpriseId,
    async close() {
      clearInterval(sweep);
      if (ownStore) await store?.close();
    },
  };
}
