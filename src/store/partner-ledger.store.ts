/**
 * The partner ledger's port: every request BitGo sent this partner to reserve funds (an allocation or a
 * deallocation), and where it stands. One row per BitGo id, whatever its type and whatever races: the
 * uniqueness is the store's (a primary key and INSERT … ON CONFLICT), never a check-then-write in the caller.
 * Rows are never deleted.
 */

export type PartnerRequestType = 'allocation' | 'deallocation';

/** RESERVED until BitGo clears it (or the partner's own update clears or releases it); CLEARED and RELEASED are final. */
export type PartnerRequestStatus = 'reserved' | 'cleared' | 'released';

/** What BitGo's inbound request says, as stored. */
export interface NewPartnerRequest {
  /** BitGo's allocation or deallocation id, lowercase. */
  id: string;
  type: PartnerRequestType;
  /** The partner enterprise the request was received for. */
  enterpriseId: string;
  currency: string;
  /** Base units, decimal string; never a number. */
  quantity: string;
  clientId: string;
  connectionId: string;
  partnersConnectionId: string;
  partnersClientId: string | null;
  partnersAllocationId: string | null;
}

export interface PartnerRequest extends NewPartnerRequest {
  status: PartnerRequestStatus;
  /** The partner's reason, for RELEASED only. */
  rejectReason: string | null;
  receivedAt: Date;
  clearedAt: Date | null;
  updatedAt: Date;
}

/** A final status and, for a release, its reason. */
export interface PartnerRequestSettlement {
  status: 'cleared' | 'released';
  rejectReason?: string | null | undefined;
  /** Only a request of this type moves (a clear of an allocation id must not clear a deallocation). */
  type?: PartnerRequestType | undefined;
}

/** Filters of the operators' list; all given ones must hold. An empty list matches nothing. */
export interface PartnerRequestFilter {
  types?: readonly PartnerRequestType[] | undefined;
  statuses?: readonly PartnerRequestStatus[] | undefined;
  connectionIds?: readonly string[] | undefined;
  clientIds?: readonly string[] | undefined;
  /** Inclusive. */
  receivedOnOrAfter?: Date | undefined;
  /** Exclusive. */
  receivedBefore?: Date | undefined;
}

/** A position in the list's order (received_at DESC, id DESC). */
export interface PartnerRequestCursor {
  receivedAt: Date;
  id: string;
}

/**
 * One page of the list, newest first: the rows strictly after `after` and strictly before `before` in that
 * order; `take: 'first'` answers the window's first `limit` rows, `take: 'last'` its last `limit` rows, in list
 * order either way. Ask for limit + 1 to learn whether more exist.
 */
export interface PartnerRequestPageQuery {
  enterpriseId: string;
  filter?: PartnerRequestFilter | undefined;
  after?: PartnerRequestCursor | undefined;
  before?: PartnerRequestCursor | undefined;
  take: 'first' | 'last';
  limit: number;
}

export interface PartnerLedgerStore {
  /**
   * Stores `request` as RESERVED unless its id is taken, and answers the id's row (ours, or the one already
   * there) and whether this call created it. Atomic across replicas: concurrent calls make one row.
   */
  reserve(request: NewPartnerRequest): Promise<{ request: PartnerRequest; created: boolean }>;
  find(id: string): Promise<PartnerRequest | undefined>;
  /**
   * Moves a RESERVED row to a final status in one statement; answers the row as it then stands and whether this
   * call moved it (a row already final, or of another type, is answered unmoved). Undefined: no such id.
   */
  settle(id: string, settlement: PartnerRequestSettlement): Promise<{ request: PartnerRequest; moved: boolean } | undefined>;
  page(query: PartnerRequestPageQuery): Promise<PartnerRequest[]>;
}

/**
 * JWT ids of BitGo's signed calls that were accepted. `accept` is true for the first call with a jti, on any
 * replica, and false for every later one; a row is kept at least until its token expires.
 */
export interface SeenJwtIdStore {
  accept(jti: string, expiresAt: Date): Promise<boolean>;
  /** Forgets an accepted id (its call failed before anything was decided). */
  release(jti: string): Promise<void>;
  /** Deletes ids whose tokens expired more than `graceMs` ago (no such token can pass verification again); answers how many. */
  deleteExpired(graceMs: number): Promise<number>;
}
