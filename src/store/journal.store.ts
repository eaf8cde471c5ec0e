/**
 * The journal's port: a write-ahead record of every signed request the gateway sends to BitGo.
 * A request's exact bytes are committed before the first send; every later send under its key, from any
 * replica and after any restart, sends those bytes. Uniqueness of a key is the store's job (one row per key
 * whatever races), never a check-then-write in the caller. Nothing is ever deleted.
 */

/**
 * Which signed request a row holds. Each kind has its own key, payload and sender (workflows/writes/signed-kinds.ts);
 * the journal itself treats every kind alike. The database checks only the spelling (migration 0005).
 */
export type SignedRequestKind =
  | 'allocate'
  | 'deallocate'
  | 'update_allocation'
  | 'connect'
  | 'settle'
  | 'dispute_settlement'
  | 'update_settlement_dispute'
  | 'close_settlement_dispute';

/**
 * PENDING: committed, no definite answer yet (not sent, in flight, or BitGo said "retry the identical request").
 * UNKNOWN: sent, and what BitGo did is not known (timeout, dropped connection, 5xx past the deadline).
 * SETTLED: BitGo answered definitely. ABANDONED: the reconciler gave up after the maximum age.
 */
export type SignedRequestState = 'pending' | 'unknown' | 'settled' | 'abandoned';

/** Two requests under one key are the same instruction: the second sends the first one's bytes. */
export interface SignedRequestKey {
  enterpriseId: string;
  kind: SignedRequestKind;
  /** `clientExternalId` for allocate/deallocate; `${allocationId}:${status}` for a partner update; each kind says its own. */
  idempotencyKey: string;
}

export interface NewSignedRequest extends SignedRequestKey {
  /** What was asked (connection, amount, notes; or the partner update's fields), so a different request under the key is told apart. */
  fingerprint: string;
  method: 'POST' | 'PUT';
  /** Path below BitGo's base URL that the bytes go to. */
  path: string;
  /** The exact request body, sent byte for byte on every attempt. */
  body: string;
  /** The exact string that was signed. */
  payload: string;
  nonce: string;
  /** Lowercase-hex SHA-256 of the signature's hex string as sent; the signature itself is only inside `body`. */
  signatureSha256: string;
  /** Who asked, without a secret: a short hash of the BitGo token, or `service`. */
  caller: string;
  clientExternalId: string | null;
  allocationId: string | null;
  connectionId: string | null;
  /**
   * The BitGo record the request acts on when it is not an allocation or a connection (the settlement a dispute is
   * about, the dispute an update closes); null otherwise.
   */
  subjectId?: string | null | undefined;
  /** The one amount the request moves (allocate, deallocate, a partner update); null for kinds without one. */
  currency: string | null;
  /** Base units, decimal string; null with `currency`. */
  quantity: string | null;
}

/** How long a row must have been idle, and how long it is then held, for `recordExclusiveAttempt`. */
export interface ExclusiveHold {
  idleMs: number;
  leaseMs: number;
}

/** What BitGo last answered (or why there was no answer). */
export interface SignedRequestOutcome {
  /** HTTP status; null when no answer arrived. */
  httpStatus: number | null;
  /** The id of the record BitGo answered with (or that the request names): an allocation, connection, settlement or dispute. */
  recordId: string | null;
  /** BitGo's status of that record (an allocation's cleared, reserved, released; a connection's or a settlement's own). */
  recordStatus: string | null;
  /** BitGo's error message, or the kind of failure (timeout, network). Never a secret. */
  message: string | null;
}

export interface SignedRequest extends NewSignedRequest {
  id: string;
  subjectId: string | null;
  state: SignedRequestState;
  /** Sends so far, by every replica and the reconciler. */
  attempts: number;
  createdAt: Date;
  updatedAt: Date;
  settledAt: Date | null;
  outcome: SignedRequestOutcome | null;
}

export type SignedRequestEventType = 'committed' | 'attempt' | 'answer' | 'abandoned';

export interface SignedRequestEvent {
  type: SignedRequestEventType;
  at: Date;
  /** For `answer`: what BitGo said. */
  outcome: SignedRequestOutcome | null;
}

/** BitGo's answer to one send. `definite` settles the row; otherwise it stays for the reconciler. */
export interface SignedRequestAnswer {
  definite: boolean;
  /**
   * A definite refusal after which BitGo holds nothing under the key (400, 401, 403, 404 before any
   * ambiguous send): the row stays, settled, but no longer holds its key, so a corrected request may use it.
   * Only while the row counts one send: if another send of the same bytes was counted meanwhile (a repeat, here or
   * on another replica), the refusal may be BitGo's answer to a duplicate of what it holds, so the row becomes
   * unknown and keeps its key. The store decides this from its own count, not the caller.
   */
  releasesKey?: boolean;
  /**
   * For an indefinite answer: `pending` when BitGo said "retry the identical request" (nothing is unknown), else
   * `unknown` (the default): BitGo may have acted and did not say. Unknown is sticky: a later `pending` answer
   * does not undo it.
   */
  state?: 'pending' | 'unknown';
  outcome: SignedRequestOutcome;
}

export interface JournalStore {
  /**
   * Commits `request` unless a row holds its key already (a settled row whose answer released its key does not),
   * counting it as sent once: the caller sends the bytes right after a claim that created the row, so the commit
   * and the first attempt are one write. Answers the row that holds the key (ours, or the one that won a race,
   * whose attempts this call does not count) and whether this call created it. Atomic across replicas.
   */
  claim(request: NewSignedRequest): Promise<{ request: SignedRequest; created: boolean }>;
  /** The row holding the key, if any. */
  find(key: SignedRequestKey): Promise<SignedRequest | undefined>;
  /** Counts a send and appends an `attempt` event; called just before the bytes of a row this caller did not just create go out. */
  recordAttempt(id: string): Promise<void>;
  /**
   * The same, for a kind BitGo keeps no idempotency key for (connect): counts the send only when nobody else may be
   * sending the row: it is unsettled, nothing happened to it for `idleMs` (the send that made it is over) and no
   * worker holds it (its next attempt time is reached); it is then held for `leaseMs`, so the reconciler passes it
   * over. One statement: of concurrent callers, on any replica, exactly one is answered true.
   */
  recordExclusiveAttempt(id: string, hold: ExclusiveHold): Promise<boolean>;
  /**
   * Appends BitGo's answer. The first definite one settles the row and freezes its outcome (a settled row stays
   * settled, later answers are events only); an indefinite one records the last outcome on an unsettled row.
   */
  recordAnswer(id: string, answer: SignedRequestAnswer): Promise<void>;
  events(id: string): Promise<SignedRequestEvent[]>;
  /**
   * Rows still waiting for a definite answer (`pending` or `unknown`): how many, and when the oldest was committed.
   * The operator's view of what the reconciler still has to settle; also the readiness probe's "the store answers".
   */
  unsettledStats(): Promise<UnsettledStats>;
}

/**
 * Added with the durable implementation: what the reconciler, the audit query and the metrics need. Kept out of
 * `JournalStore` so the mutation path's port stays as small as it was.
 */

/** Filters of the audit list (GraphQL `signedRequests`); all given ones must hold. */
export interface SignedRequestFilter {
  kinds?: readonly SignedRequestKind[] | undefined;
  states?: readonly SignedRequestState[] | undefined;
  clientExternalId?: string | undefined;
  /** The allocation the request names, or the one BitGo answered with (an allocate learns its id from the answer). */
  allocationId?: string | undefined;
  /** Inclusive. */
  createdOnOrAfter?: Date | undefined;
  /** Exclusive. */
  createdBefore?: Date | undefined;
}

/** A position in the list's order (created_at DESC, id DESC). Timestamps are stored with milliseconds, so a Date is exact. */
export interface SignedRequestCursor {
  createdAt: Date;
  id: string;
}

/**
 * One page of the audit list, newest first. The window is the rows strictly after `after` and strictly before
 * `before` in that order; `take: 'first'` answers its first `limit` rows (Relay `first`), `take: 'last'` its last
 * `limit` rows (Relay `last`), in list order either way. Ask for limit + 1 to learn whether more exist.
 */
export interface SignedRequestPageQuery {
  enterpriseId: string;
  filter?: SignedRequestFilter | undefined;
  after?: SignedRequestCursor | undefined;
  before?: SignedRequestCursor | undefined;
  take: 'first' | 'last';
  limit: number;
}

export interface DueSignedRequestsQuery {
  /** Who takes the rows (e.g. hostname:pid); recorded on the row as the lease owner. */
  worker: string;
  /** Most rows handed out by one call. */
  limit: number;
  /** A row is due only when nothing happened to it (attempt, answer) for this long: the mutation that made it may still be retrying. */
  idleMs: number;
  /** No other worker gets the row for at least this long: the time one re-send may take. */
  leaseMs: number;
  /** Backoff between rounds of the reconciler on one row: base × 2^round, at most max (and never under leaseMs). */
  backoffBaseMs: number;
  backoffMaxMs: number;
}

/** A row handed to one worker by `claimDue`. */
export interface DueSignedRequest extends SignedRequest {
  /** How many times the reconciler has taken the row, this time included. */
  round: number;
  /** No other worker is handed the row before this instant (the later of the lease end and the backoff). */
  nextAttemptAt: Date;
}

export interface UnsettledStats {
  /** Rows pending or unknown. */
  count: number;
  /** The oldest such row's creation, or null when there is none. */
  oldestCreatedAt: Date | null;
}

/** The journal as the reconciler, the audit query and the metrics see it. */
export interface JournalAdminStore extends JournalStore {
  findById(id: string): Promise<SignedRequest | undefined>;
  /**
   * Hands out due unsettled rows (pending or unknown, idle for `idleMs`, next attempt time reached) to one worker:
   * rows are locked with FOR UPDATE SKIP LOCKED and their next attempt time moved past the lease in the same
   * statement, so concurrent workers (any replica) never get the same row in one lease. Oldest due first.
   */
  claimDue(query: DueSignedRequestsQuery): Promise<DueSignedRequest[]>;
  /**
   * Marks ABANDONED the unsettled rows created at least `maxAgeMs` ago (at most `limit` per call), appending an
   * `abandoned` event to each; answers their ids. A definite answer that still arrives later settles the row.
   */
  abandon(maxAgeMs: number, limit?: number): Promise<string[]>;
  page(query: SignedRequestPageQuery): Promise<SignedRequest[]>;
  /** Events of many rows in one query, each list oldest first; every asked id is a key (empty list when unknown). */
  eventsFor(ids: readonly string[]): Promise<Map<string, SignedRequestEvent[]>>;
}
