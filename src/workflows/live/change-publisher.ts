import type { WireSettlement } from '../../bitgo/settlement.wire.js';
import type { WireAllocation, WireConnection, WireView } from '../../bitgo/wire.types.js';
import type { Logger } from '../../common/logger.js';
import type { Change, ChangeFeed, ChangeSourceName, PartnerRequestSnapshot } from '../../store/change-feed.js';

/** A signed request of this gateway settled, and this is the allocation BitGo answered with. */
export interface AllocationAnswer {
  /** The enterprise the request named, and the side of its connections the answer was read in. */
  enterpriseId: string;
  view: WireView;
  /** MUTATION (allocate, deallocate), PARTNER_UPDATE (updateAllocation), RECONCILER (a journal row the reconciler settled). */
  source: ChangeSourceName;
  allocation: WireAllocation;
}

/** The partner ledger stored a reservation, a clear or a release. */
export interface PartnerRequestAnswer {
  /** The partner enterprise whose ledger holds it. */
  enterpriseId: string;
  /** WEBHOOK for what BitGo sent; PARTNER_UPDATE when the partner's own updateAllocation moved the ledger. */
  source: ChangeSourceName;
  request: PartnerRequestSnapshot;
}

/**
 * What the write workflows, the reconciler and the partner ledger tell the live subscriptions. Defined here,
 * implemented at the composition root over the change feed. Never throws: a change that cannot be published
 * is logged, and the mutation's own answer is unaffected (the watcher still re-reads what subscribers hold).
 */
/** Something settled for an allocation without a record in the answer (a partner update re-sent by the reconciler). */
export interface AllocationTouched {
  enterpriseId: string;
  view: WireView;
  source: ChangeSourceName;
  allocationId: string;
  connectionId?: string | null;
}

/** A connect or an update of this gateway settled, and this is the connection BitGo answered with. */
export interface ConnectionAnswer {
  enterpriseId: string;
  view: WireView;
  /** MUTATION (connect, updateConnection), RECONCILER (a connect the reconciler settled). */
  source: ChangeSourceName;
  connection: WireConnection;
}

/** A settle of this gateway settled, and this is the settlement BitGo answered with. */
export interface SettlementAnswer {
  enterpriseId: string;
  view: WireView;
  /** MUTATION (settle), RECONCILER (a settle the reconciler settled). */
  source: ChangeSourceName;
  settlement: WireSettlement;
}

/** A dispute request of this gateway settled: subscribers following its settlement re-read it. */
export interface SettlementTouched {
  enterpriseId: string;
  view: WireView;
  source: ChangeSourceName;
  settlementId: string;
}

export interface ChangePublisher {
  settlementAnswered(answer: SettlementAnswer): Promise<void>;
  settlementTouched(touch: SettlementTouched): Promise<void>;
  allocationAnswered(answer: AllocationAnswer): Promise<void>;
  connectionAnswered(answer: ConnectionAnswer): Promise<void>;
  partnerRequestChanged(change: PartnerRequestAnswer): Promise<void>;
  /** Subscribers following the allocation re-read it from BitGo (one batched call per scope and token). */
  allocationTouched(touch: AllocationTouched): Promise<void>;
}

/** Publishes to a change feed; every replica's subscriptions hear it. */
export class FeedChangePublisher implements ChangePublisher {
  constructor(
    private readonly feed: ChangeFeed,
    private readonly logger: Pick<Logger, 'warn'>,
  ) {}

  async allocationAnswered({ enterpriseId, view, source, allocation }: AllocationAnswer): Promise<void> {
    try {
      await this.feed.publish({ kind: 'allocation', enterpriseId: enterpriseId.toLowerCase(), view, source, allocation });
    } catch (error) {
      this.logger.warn({ allocationId: allocation.id, source, err: { name: (error as Error)?.name, code: (error as { code?: string })?.code } }, 'change not published');
    }
  }

  async connectionAnswered({ enterpriseId, view, source, connection }: ConnectionAnswer): Promise<void> {
    await this.#publish({ kind: 'connection', enterpriseId: enterpriseId.toLowerCase(), view, source, connection }, connection.id);
  }

  async partnerRequestChanged({ enterpriseId, source, request }: PartnerRequestAnswer): Promise<void> {
    await this.#publish({ kind: 'partner_request', enterpriseId: enterpriseId.toLowerCase(), source, request }, request.id);
  }

  async allocationTouched({ enterpriseId, view, source, allocationId, connectionId = null }: AllocationTouched): Promise<void> {
    await this.#publish({ kind: 'allocation_hint', enterpriseId: enterpriseId.toLowerCase(), view, source, allocationId: allocationId.toLowerCase(), connectionId: connectionId?.toLowerCase() ?? null }, allocationId);
  }

  async settlementAnswered({ enterpriseId, view, source, settlement }: SettlementAnswer): Promise<void> {
    await this.#publish({ kind: 'settlement', enterpriseId: enterpriseId.toLowerCase(), view, source, settlement }, settlement.id);
  }

  async settlementTouched({ enterpriseId, view, source, settlementId }: SettlementTouched): Promise<void> {
    await this.#publish({ kind: 'settlement_hint', enterpriseId: enterpriseId.toLowerCase(), view, source, settlementId: settlementId.toLowerCase() }, settlementId);
  }

  async #publish(change: Change, id: string): Promise<void> {
    try {
      await this.feed.publish(change);
    } catch (error) {
      this.logger.warn({ id, kind: change.kind, err: { name: (error as Error)?.name, code: (error as { code?: string })?.code } }, 'change not published');
    }
  }
}
