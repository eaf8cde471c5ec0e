import type { Logger } from '../common/logger.js';
import type { Config } from '../config/config.js';
import type { KeysetCursorCodec } from '../pagination/keyset-cursor.js';
import type { PartnerWebhookRouteOptions, WebhookObserver } from '../server/routes/partner-webhook.route.js';
import { openStore, storeEpisode, type Store } from '../store/database.js';
import { migrateStore } from '../store/migrate.js';
import { SqlPartnerConnectionStore } from '../store/partner-connections.sql.store.js';
import { SqlPartnerLedgerStore } from '../store/partner-ledger.sql.store.js';
import type { PartnerLedgerStore } from '../store/partner-ledger.store.js';
import { SqlSeenJwtIdStore } from '../store/seen-jwt-ids.sql.store.js';
import { createJwtVerifier } from '../verification/jwt.verifier.js';
import { parseRsaPublicKeys } from '../verification/public-keys.js';
import type { ChangePublisher } from '../workflows/live/change-publisher.js';
import { PublishingPartnerLedger } from '../workflows/live/publishing-partner-ledger.js';
import { PartnerConnectionsWorkflow } from '../workflows/partner/partner-connections.workflow.js';
import { PartnerInboundWorkflow } from '../workflows/partner/partner-inbound.workflow.js';
import { PartnerLedgerReads } from '../workflows/partner/partner-ledger-reads.workflow.js';
import type { EnterpriseAccess } from '../workflows/reads/enterprise-access.js';
import { PAGE } from './reads.assembly.js';

export interface PartnerAssemblyOptions {
  config: Config;
  logger: Logger;
  /** The durable store (migrated). Without one, its own is opened from DATABASE_URL / DATA_DIR when BitGo's partner calls are served. */
  store: Store | undefined;
  webhookObserver: WebhookObserver | undefined;
  access: EnterpriseAccess;
  cursors: KeysetCursorCodec;
  changes: ChangePublisher;
}

/** The partner's half: the ledger (when there is a store), its reads, and BitGo's inbound calls when a webhook key is configured. */
export interface PartnerAssembly {
  ledger: PartnerLedgerStore | undefined;
  reads: PartnerLedgerReads | undefined;
  /** The partner's connections (tokens it issues, BitGo's connection calls), when there is a store. */
  connections: PartnerConnectionsWorkflow | undefined;
  /** BitGo's calls on the partner, to be registered on a listener; undefined when no webhook key is configured. */
  routes: PartnerWebhookRouteOptions | undefined;
  /** The partner enterprise (lowercase), when one is configured. */
  enterpriseId: string | undefined;
  close(): Promise<void>;
}

/** Accepted JWT ids are kept this long past their token's expiry (clock differences between replicas and the database). */
const JTI_GRACE_MS = 5 * 60_000;

/** The enterprise the gateway acts for as a partner: BITGO_PARTNER_ENTERPRISE_ID, else the client one. */
export function partnerEnterpriseIdOf(config: Config): string | undefined {
  return (config.partnerEnterpriseId ?? config.enterpriseId)?.toLowerCase();
}

export async function assemblePartner(options: PartnerAssemblyOptions): Promise<PartnerAssembly> {
  const { config, logger, access, cursors, changes } = options;
  const pem = config.webhookPublicKeyPem;
  let store = options.store;
  const ownStore = store === undefined && pem !== undefined;
  if (ownStore) {
    store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, timeoutMs: config.storeTimeoutMs, episode: storeEpisode(logger) });
    await migrateStore(store);
  }
  const ledger = store && new SqlPartnerLedgerStore(store.db);
  const enterpriseId = partnerEnterpriseIdOf(config);
  const reads = ledger && new PartnerLedgerReads({ ledger, access, cursors, limits: PAGE, defaultEnterpriseId: enterpriseId });
  const connections = store && new PartnerConnectionsWorkflow({ store: new SqlPartnerConnectionStore(store.db), access, cursors, limits: PAGE, enterpriseId, logger });
  let routes: PartnerWebhookRouteOptions | undefined;
  let sweep: NodeJS.Timeout | undefined;
  if (pem !== undefined && store && ledger) {
    if (!enterpriseId) throw new Error('BitGo\'s partner calls need the partner enterprise: set BITGO_PARTNER_ENTERPRISE_ID');
    const jwtIds = new SqlSeenJwtIdStore(store.db);
    routes = {
      inbound: new PartnerInboundWorkflow({ ledger: new PublishingPartnerLedger(ledger, changes, 'WEBHOOK'), enterpriseId, logger }),
      connections,
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
    connections,
    routes,
    enterpriseId,
    async close() {
      clearInterval(sweep);
      if (ownStore) await store?.close();
    },
  };
}
