import { DEMO_PARTNER_ENTERPRISE_ID } from './demo.js';
import type { DisputeClosureRecord, DisputeRecord, SettlementRecord, TransferRecord } from './settlement-wire.types.js';

/** One hour: BitGo's dispute window is the partner's; the sandbox has one for all (SANDBOX_DISPUTE_WINDOW_MS). */
export const DEFAULT_DISPUTE_WINDOW_MS = 3_600_000;

/** A settlement as the books keep it: its wire record, its transfers, and what the wire does not show. */
export interface StoredSettlement {
  wire: SettlementRecord;
  transfers: TransferRecord[];
  version: 'v1' | 'v2';
  /** v2 pending: when the dispute window ends and it is processed (the later of cutoffAt and creation, plus the window). */
  finalizeAt?: string;
  /** The request's fields that make it the same settlement (amounts, notes, cutoff, version), for idempotency on externalId. */
  fingerprint?: string;
  payload?: string;
  signature?: string;
}

export interface StoredDispute {
  wire: DisputeRecord;
  /** The client enterprise that raised it and the partner whose settlement it disputes. */
  clientId: string;
  partnerId: string;
  closure?: DisputeClosureRecord;
  /** Every signed request that acted on it (create, updates, close): an identical re-send is answered, a reused nonce refused. */
  signed: Array<{ nonce: string; payload: string }>;
}

export type SettlementEntryKind = 'settlement' | 'dispute';

/**
 * The settlement half of the books: settlements with their transfers, disputes with their closures, the sandbox's
 * clock (which tests move forward instead of sleeping) and which partners have disputes enabled. Everything saved goes
 * through `mark`, as the rest of the books do; the clock and the partners' switches are not saved (test controls and
 * fixed demo data, like the partner directory).
 */
export class SettlementBooks {
  private readonly settlementById = new Map<string, StoredSettlement>();
  /** Idempotency index: partnerId|externalId → settlement. */
  private readonly byExternalId = new Map<string, StoredSettlement>();
  private readonly disputeById = new Map<string, StoredDispute>();
  private readonly disputesEnabled = new Map<string, boolean>([[DEMO_PARTNER_ENTERPRISE_ID, true]]);
  private offsetMs = 0;
  disputeWindowMs = DEFAULT_DISPUTE_WINDOW_MS;

  constructor(private readonly mark: (kind: SettlementEntryKind, key: string) => void) {}

  // The clock

  now(): number {
    return Date.now() + this.offsetMs;
  }

  nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  /** Moves the sandbox's clock forward (never back: the books' times only grow). */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error('the clock only moves forward');
    this.offsetMs += ms;
  }

  get clockOffsetMs(): number {
    return this.offsetMs;
  }

  // Partners

  isDisputesEnabled(partnerId: string): boolean {
    return this.disputesEnabled.get(partnerId) ?? false;
  }

  setDisputesEnabled(partnerId: string, enabled: boolean): void {
    this.disputesEnabled.set(partnerId, enabled);
  }

  // Settlements

  insert(settlement: StoredSettlement): void {
    this.settlementById.set(settlement.wire.id, settlement);
    this.byExternalId.set(externalKey(settlement.wire.partnerId, settlement.wire.externalId), settlement);
    this.mark('settlement', settlement.wire.id);
  }

  /** After any change to a settlement or its transfers. */
  touch(settlement: StoredSettlement): void {
    this.mark('settlement', settlement.wire.id);
  }

  get(id: string): StoredSettlement | undefined {
    return this.settlementById.get(id);
  }

  byExternal(partnerId: string, externalId: string): StoredSettlement | undefined {
    return this.byExternalId.get(externalKey(partnerId, externalId));
  }

  /** Every settlement in insertion order (the stored objects: for the routes and the engine). */
  all(): StoredSettlement[] {
    return [...this.settlementById.values()];
  }

  // Disputes

  insertDispute(dispute: StoredDispute): void {
    this.disputeById.set(dispute.wire.id, dispute);
    this.mark('dispute', dispute.wire.id);
  }

  touchDispute(dispute: StoredDispute): void {
    this.mark('dispute', dispute.wire.id);
  }

  dispute(id: string): StoredDispute | undefined {
    return this.disputeById.get(id);
  }

  disputes(): StoredDispute[] {
    return [...this.disputeById.values()];
  }

  /** The dispute a signed request with this nonce acted on, if any. */
  disputeByNonce(nonce: string): { dispute: StoredDispute; payload: string } | undefined {
    for (const d of this.disputeById.values()) {
      const hit = d.signed.find((s) => s.nonce === nonce);
      if (hit) return { dispute: d, payload: hit.payload };
    }
    return undefined;
  }

  // Saving and restoring (through Books' entries)

  stored(kind: SettlementEntryKind, key: string): StoredSettlement | StoredDispute | undefined {
    return kind === 'settlement' ? this.settlementById.get(key) : this.disputeById.get(key);
  }

  restore(kind: SettlementEntryKind, value: StoredSettlement | StoredDispute): void {
    if (kind === 'settlement') this.insert(value as StoredSettlement);
    else this.insertDispute(value as StoredDispute);
  }
}

function externalKey(partnerId: string, externalId: string): string {
  return `${partnerId}\u0000${externalId}`;
}
