import type { ChangeSourceName, PartnerRequestSnapshot } from '../../store/change-feed.js';
import type {
  NewPartnerRequest,
  PartnerLedgerStore,
  PartnerRequest,
  PartnerRequestPageQuery,
  PartnerRequestSettlement,
} from '../../store/partner-ledger.store.js';
import type { ChangePublisher } from './change-publisher.js';

/** A ledger row as live subscribers receive it. */
export function snapshotOf(row: PartnerRequest): PartnerRequestSnapshot {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    enterpriseId: row.enterpriseId,
    amount: { currency: row.currency, quantity: row.quantity },
    clientId: row.clientId,
    connectionId: row.connectionId,
    partnersConnectionId: row.partnersConnectionId,
    partnersClientId: row.partnersClientId,
    partnersAllocationId: row.partnersAllocationId,
    rejectReason: row.rejectReason,
    receivedAt: row.receivedAt.toISOString(),
    clearedAt: row.clearedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * The partner ledger, telling live subscriptions of every reservation it creates and every row it moves
 * (after the store committed it). Put in front of the ledger at the composition root, once per writer, so each
 * change names its cause: WEBHOOK for BitGo's inbound calls, PARTNER_UPDATE for the partner's updateAllocation.
 * Reads pass through.
 */
export class PublishingPartnerLedger implements PartnerLedgerStore {
  constructor(
    private readonly ledger: PartnerLedgerStore,
    private readonly changes: ChangePublisher,
    private readonly source: ChangeSourceName,
  ) {}

  async reserve(request: NewPartnerRequest): Promise<{ request: PartnerRequest; created: boolean }> {
    const answer = await this.ledger.reserve(request);
    if (answer.created) await this.#publish(answer.request);
    return answer;
  }

  find(id: string): Promise<PartnerRequest | undefined> {
    return this.ledger.find(id);
  }

  async settle(id: string, settlement: PartnerRequestSettlement): Promise<{ request: PartnerRequest; moved: boolean } | undefined> {
    const answer = await this.ledger.settle(id, settlement);
    if (answer?.moved) await this.#publish(answer.request);
    return answer;
  }

  page(query: PartnerRequestPageQuery): Promise<PartnerRequest[]> {
    return this.ledger.page(query);
  }

  #publish(row: PartnerRequest): Promise<void> {
    return this.changes.partnerRequestChanged({ enterpriseId: row.enterpriseId, source: this.source, request: snapshotOf(row) });
  }
}
