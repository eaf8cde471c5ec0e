import type { WireSettlement } from '../bitgo/settlement.wire.js';
import type { WireAllocation, WireAllocationStatus, WireAllocationType, WireAmount, WireConnection, WireView } from '../bitgo/wire.types.js';

/**
 * The change feed's port: what happened to an allocation (or to a partner's inbound request) reaches every
 * replica's live subscriptions. Publishers hand over the record as BitGo answered it (or as the partner ledger
 * holds it); an implementation decides how it travels. In one process it is handed over as it is; across
 * replicas (PostgreSQL) the record is kept in a small table and only its sequence number crosses NOTIFY, so a
 * message stays a few bytes whatever the record holds, and a replica that lost its connection re-reads the table.
 */

/** Who caused a change; the GraphQL enum ChangeSource has the same values. */
export type ChangeSourceName = 'MUTATION' | 'RECONCILER' | 'PARTNER_UPDATE' | 'WEBHOOK' | 'POLL';

/** An allocation as BitGo answered one request of this gateway (or one poll of the watcher). */
export interface AllocationChange {
  kind: 'allocation';
  /** Whose view BitGo answered in: the enterprise the request named, and which side of its connections. */
  enterpriseId: string;
  view: WireView;
  source: ChangeSourceName;
  /** BitGo's record, verbatim. It holds no secret: the signature and the payload are never part of it. */
  allocation: WireAllocation;
}

/**
 * A partner's inbound request as the partner ledger holds it after a reservation, a clear or a release, shaped as
 * the GraphQL type PartnerAllocationRequest resolves it (the ledger's view), with instants as ISO 8601 strings so
 * that it travels as JSON unchanged.
 */
export interface PartnerRequestSnapshot {
  /** BitGo's allocation (or deallocation) id. */
  id: string;
  type: WireAllocationType;
  status: WireAllocationStatus;
  /** The partner enterprise whose ledger holds it (the `allocation` field reads in its scope). */
  enterpriseId: string;
  amount: WireAmount;
  /** The client enterprise. */
  clientId: string;
  connectionId: string;
  partnersConnectionId: string;
  partnersClientId: string | null;
  partnersAllocationId: string | null;
  rejectReason: string | null;
  receivedAt: string;
  clearedAt: string | null;
  updatedAt: string;
}

export interface PartnerRequestChange {
  kind: 'partner_request';
  /** The partner enterprise whose ledger holds the request. */
  enterpriseId: string;
  source: ChangeSourceName;
  request: PartnerRequestSnapshot;
}

/**
 * Something settled for an allocation but no record came with it (a partner update's answer, re-sent by the
 * reconciler): subscribers following it re-read it from BitGo, each in its own scope.
 */
export interface AllocationHint {
  kind: 'allocation_hint';
  enterpriseId: string;
  view: WireView;
  source: ChangeSourceName;
  allocationId: string;
  /** When known: subscribers following the connection re-read it too. */
  connectionId: string | null;
}

/** A connection as BitGo answered a connect or an update of this gateway (or a poll of a connectionChanged subscription). */
export interface ConnectionChange {
  kind: 'connection';
  enterpriseId: string;
  view: WireView;
  source: ChangeSourceName;
  /** BitGo's record, verbatim (it holds no secret: the connection key is never part of it). */
  connection: WireConnection;
}

/** A settlement as BitGo answered a settle of this gateway (or as its reconciler settled one). */
export interface SettlementChange {
  kind: 'settlement';
  enterpriseId: string;
  view: WireView;
  source: ChangeSourceName;
  /** BitGo's record, verbatim (it holds no secret: the payload and signature are never part of it). */
  settlement: WireSettlement;
}

/** Something happened to a settlement with no record in the answer (a dispute of it): subscribers following it re-read it. */
export interface SettlementHint {
  kind: 'settlement_hint';
  enterpriseId: string;
  view: WireView;
  source: ChangeSourceName;
  settlementId: string;
}

export type Change = AllocationChange | PartnerRequestChange | AllocationHint | ConnectionChange | SettlementChange | SettlementHint;

/** A change as a feed hands it to listeners, with its sequence number (decimal string; unique per feed). */
export type FeedChange = Change & { seq: string };

export interface ChangeListener {
  change(change: FeedChange): void;
  /**
   * The feed may have missed changes (its connection to the database dropped and came back): whatever a listener
   * holds live should be re-read from its source. The feed has already replayed what its table still held.
   */
  wake?(): void;
}

export interface ChangeFeed {
  /** Resolves once every replica can see the change (committed); rejects when it could not be recorded. */
  publish(change: Change): Promise<void>;
  /**
   * Listeners are called one change at a time, each change once. Changes published concurrently may arrive in
   * any order (commit order across replicas): subscribers order each record's history by its own version
   * (workflows/live/record-version.ts), not by `seq`. The answer unsubscribes.
   */
  subscribe(listener: ChangeListener): () => void;
  close(): Promise<void>;
}
