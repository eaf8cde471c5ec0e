import type { BitGoTransport } from '../bitgo/allocations.api.js';
import type { BitGoClient } from '../bitgo/client.js';
import type { Config } from '../config/config.js';
import { CursorCodec } from '../pagination/cursor.js';
import { KeysetCursorCodec } from '../pagination/keyset-cursor.js';
import type { JournalAdminStore } from '../store/journal.store.js';
import { AllocationReads } from '../workflows/reads/allocation-reads.workflow.js';
import { BalanceReads } from '../workflows/reads/balance-reads.workflow.js';
import { ConnectionReads } from '../workflows/reads/connection-reads.workflow.js';
import { EnterpriseAccess } from '../workflows/reads/enterprise-access.js';
import { PartnerReads } from '../workflows/reads/partner-reads.workflow.js';
import { SignedRequestReads } from '../workflows/reads/signed-request-reads.workflow.js';
import { SettlementReads } from '../workflows/settle/settlement-reads.workflow.js';
import type { Workflows } from '../workflows/workflows.js';

/** Relay pages: 25 rows unless asked, at most 100. */
export const PAGE = { defaultSize: 25, maxSize: 100 };

export interface ReadsAssemblyOptions {
  config: Config;
  client: BitGoClient;
  /** What the BitGo reads go through (the read cache); the access check uses the client itself. */
  reads: BitGoTransport;
  journal: JournalAdminStore;
}

/** The read side, and what other capabilities share of it (the access check, the codecs, the defaults). */
export interface ReadsAssembly {
  workflows: Pick<Workflows, 'allocations' | 'connections' | 'balances' | 'signedRequests' | 'partners' | 'settlements'>;
  /** One access check (its verdicts cached per token and enterprise) for every list the gateway keeps itself. */
  access: EnterpriseAccess;
  /** One keyset codec for every list the gateway keeps itself (the audit trail, the partner ledger). */
  keysetCursors: KeysetCursorCodec;
  /** One offset codec for every BitGo list: each binds its cursors to a scope of its own shape, so one never decodes against another. */
  pager: { cursors: CursorCodec; limits: typeof PAGE & { maxUpstreamPageSize: number } };
  defaults: { defaultEnterpriseId: string | undefined; defaultView: Config['defaultView'] };
}

export function assembleReads({ config, client, reads, journal }: ReadsAssemblyOptions): ReadsAssembly {
  const pager = { cursors: new CursorCodec(config.cursorSecret), limits: { ...PAGE, maxUpstreamPageSize: config.maxUpstreamPageSize } };
  const defaults = { defaultEnterpriseId: config.enterpriseId, defaultView: config.defaultView };
  const access = new EnterpriseAccess({ client, view: config.defaultView });
  const keysetCursors = new KeysetCursorCodec(config.cursorSecret);
  return {
    workflows: {
      allocations: new AllocationReads({ client: reads, pager, ...defaults }),
      connections: new ConnectionReads({ client: reads, pager, ...defaults }),
      balances: new BalanceReads({ client: reads, ...defaults, pageSize: config.maxUpstreamPageSize }),
      signedRequests: new SignedRequestReads({ journal, access, cursors: keysetCursors, limits: PAGE, defaultEnterpriseId: config.enterpriseId }),
      partners: new PartnerReads({ client: reads, pager, defaultEnterpriseId: config.enterpriseId }),
      settlements: new SettlementReads({ client, pager, ...defaults, pageSize: config.maxUpstreamPageSize, partnerEnterpriseId: (config.partnerEnterpriseId ?? config.enterpriseId)?.toLowerCase() }),
    },
    access,
    keysetCursors,
    pager,
    defaults,
  };
}
