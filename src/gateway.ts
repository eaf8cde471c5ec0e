import type { ApolloServer } from '@apollo/server';
import type { Tracer } from '@opentelemetry/api';
import type { FastifyInstance } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import { assembleLive } from './assembly/live.assembly.js';
import { assembleOperations, readinessChecks } from './assembly/operations.assembly.js';
import { assemblePartner } from './assembly/partner.assembly.js';
import { assembleReadCache, type ReadCacheAssembly } from './assembly/read-cache.assembly.js';
import { assembleReads } from './assembly/reads.assembly.js';
import { assembleUpstream } from './assembly/upstream.assembly.js';
import { assembleWrites } from './assembly/writes.assembly.js';
import type { BitGoClient } from './bitgo/client.js';
import type { Logger } from './common/logger.js';
import type { Config } from './config/config.js';
import { CONNECTIONS, DEMO_CLIENT_ENTERPRISE_ID, DEMO_CONNECTION_IDS, DEMO_PARTNER_ENTERPRISE_ID, SANDBOX_TOKEN } from './sandbox/demo.js';
import type { GatewayContext } from './schema/context.type.js';
import type { JitExecutor } from './server/execution/jit.executor.js';
import { createHttpServer } from './server/http.server.js';
import type { GatewayMetrics } from './server/metrics/gateway.metrics.js';
import { exampleOperations, type ExampleOperation } from './server/playground/examples.js';
import type { ReadinessCheck } from './server/routes/readiness.route.js';
import { registerPartnerWebhookRoutes, type WebhookObserver } from './server/routes/partner-webhook.route.js';
import { createWebhookServer } from './server/webhook.server.js';
import { SignerRegistry } from './signing/signer-registry.js';
import type { ChangeFeed } from './store/change-feed.js';
import type { Store } from './store/database.js';
import type { JournalAdminStore } from './store/journal.store.js';
import { MemoryJournalStore } from './store/memory/memory-journal.store.js';
import type { PartnerLedgerStore } from './store/partner-ledger.store.js';
import type { ChangePublisher } from './workflows/live/change-publisher.js';
import type { ReconcileWorkflow } from './workflows/reconcile.workflow.js';
import type { Workflows } from './workflows/workflows.js';

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
    asyncPartnerId: nimbusMain.partnerId,
  });
}

/**
 * Composition root: each capability (operations, upstream, live, reads, partner side, writes) is assembled in a
 * file of its own under assembly/; this wires them together, builds the server and owns the order of shutdown.
 * Does not listen.
 */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const { config, logger, signers = new SignerRegistry(undefined) } = options;
  const journal: JournalAdminStore = options.journal ?? new MemoryJournalStore();
  const operations = assembleOperations({ config, logger, journal, tracer: options.tracer });
  const { metrics, tracer } = operations;
  const client = assembleUpstream({ config, logger, metrics, tracer });
  let draining = false;
  let readCache: ReadCacheAssembly | undefined;
  const live = await assembleLive({ config, logger, client, changeFeed: options.changeFeed, store: options.store, onPolled: (records) => readCache?.invalidation.watcherSaw(records) });
  readCache = await assembleReadCache({ config, logger, client, feed: live.feed, metrics });
  // Every change this replica causes drops the cached reads it touches before it is published (and answered).
  const changes = readCache.invalidation.publisher(live.changes);
  const reads = assembleReads({ config, client, reads: readCache.cache, journal });
  const webhookObserver: WebhookObserver | undefined = options.webhookObserver ?? (metrics ? { onRefused: (reason) => metrics.webhookRefused(reason) } : undefined);
  const partner = await assemblePartner({ config, logger, store: options.store, webhookObserver, access: reads.access, cursors: reads.keysetCursors, changes });
  const writes = assembleWrites({
    config, logger, client, signers, journal, metrics, changes, access: reads.access, partnerLedger: partner.ledger, partnerEnterpriseId: partner.enterpriseId,
    durable: options.store !== undefined,
  });
  const { reconciler } = writes;
  const workflows: Workflows = { ...reads.workflows, ...writes.workflows, partnerLedger: partner.reads, partnerConnections: partner.connections, live: live.live };
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
    await operations.close();
    await readCache.close();
    await live.close();
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
