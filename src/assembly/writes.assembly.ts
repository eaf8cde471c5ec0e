import { hostname } from 'node:os';
import type { BitGoClient } from '../bitgo/client.js';
import type { Logger } from '../common/logger.js';
import type { Config } from '../config/config.js';
import type { GatewayMetrics } from '../server/metrics/gateway.metrics.js';
import { writeMetricsObserver } from '../server/metrics/write-metrics.observer.js';
import type { SignerRegistry } from '../signing/signer-registry.js';
import type { JournalAdminStore } from '../store/journal.store.js';
import type { PartnerLedgerStore } from '../store/partner-ledger.store.js';
import { holdSecretBox, SecretBox } from '../store/secret-box.js';
import { ConnectWorkflow } from '../workflows/connect/connect.workflow.js';
import { UpdateConnectionWorkflow } from '../workflows/connect/update-connection.workflow.js';
import type { ChangePublisher } from '../workflows/live/change-publisher.js';
import { PublishingPartnerLedger } from '../workflows/live/publishing-partner-ledger.js';
import { PartnerSettleWorkflow } from '../workflows/partner/partner-settle.workflow.js';
import type { EnterpriseAccess } from '../workflows/reads/enterprise-access.js';
import { ReconcileWorkflow } from '../workflows/reconcile.workflow.js';
import type { Workflows } from '../workflows/workflows.js';
import { DisputeWorkflow } from '../workflows/settle/dispute.workflow.js';
import { SettleWorkflow } from '../workflows/settle/settle.workflow.js';
import { AllocateWorkflow } from '../workflows/writes/allocate.workflow.js';
import { PartnerUpdateWorkflow } from '../workflows/writes/partner-update.workflow.js';
import { SupportedCurrencyCheck } from '../workflows/writes/supported-currency.check.js';
import type { WriteDeps } from '../workflows/writes/write.deps.js';

export interface WritesAssemblyOptions {
  config: Config;
  logger: Logger;
  client: BitGoClient;
  signers: SignerRegistry;
  journal: JournalAdminStore;
  metrics: GatewayMetrics | undefined;
  changes: ChangePublisher;
  access: EnterpriseAccess;
  /** The partner ledger, when the gateway keeps one: updateAllocation fills its fields from it, and moves it. */
  partnerLedger: PartnerLedgerStore | undefined;
  partnerEnterpriseId: string | undefined;
  /** The journal outlives the process (a store was given): its secrets need the configured key, never a key of its own. */
  durable: boolean;
}

/** The signed writes, the dependencies every signed-write capability shares, and the reconciler that finishes them. */
export interface WritesAssembly {
  workflows: Pick<Workflows, 'allocate' | 'partnerSettle' | 'connect' | 'updateConnection' | 'settle' | 'disputes'>;
  /** What each signed-write workflow is built from: one set, shared. */
  deps: WriteDeps;
  /** Re-sends what the journal holds unsettled (started by the root). */
  reconciler: ReconcileWorkflow;
}

export function assembleWrites(options: WritesAssemblyOptions): WritesAssembly {
  const { config, logger, client, signers, journal, metrics, changes, partnerLedger } = options;
  const deps: WriteDeps = {
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
    currencies: new SupportedCurrencyCheck({ client, logger }),
  };
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
    ledger: partnerLedger && new PublishingPartnerLedger(partnerLedger, changes, 'RECONCILER'),
    onAbandoned: metrics && ((count) => metrics.journalAbandoned.inc(count)),
  });
  return {
    workflows: {
      connect: new ConnectWorkflow({ ...deps, secrets: journalSecrets(config, options.durable) }),
      updateConnection: new UpdateConnectionWorkflow(deps),
      allocate: new AllocateWorkflow(deps),
      settle: new SettleWorkflow({ ...deps, settlementVersion: config.settlementVersion, partnerEnterpriseId: options.partnerEnterpriseId }),
      disputes: new DisputeWorkflow(deps),
      partnerSettle: new PartnerSettleWorkflow({
        update: new PartnerUpdateWorkflow(deps),
        ledger: partnerLedger && new PublishingPartnerLedger(partnerLedger, changes, 'PARTNER_UPDATE'),
        access: options.access,
        partnerEnterpriseId: options.partnerEnterpriseId,
        logger,
      }),
    },
    deps,
    reconciler,
  };
}

/**
 * What seals a connect's secrets in the journal: the configured JOURNAL_SECRET_KEY; for a journal that lives in this
 * process's memory only, a key of its own that dies with it; else nothing, and connecting is refused. Held in the
 * process's keyring so that whoever sends a row (the mutation, the reconciler) can open it.
 */
function journalSecrets(config: Config, durable: boolean): SecretBox | undefined {
  const box = config.journalSecretKey ? new SecretBox(config.journalSecretKey) : durable ? undefined : SecretBox.ephemeral();
  if (box) holdSecretBox(box);
  return box;
}
