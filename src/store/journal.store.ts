/**
 * The journal's port: a write-ahead record of every signed request the gateway sends to BitGo.
 * A request's exact bytes are committed before the first send; every later send under its key, from any
 * replica and after any restart, sends those bytes. Uniqueness of a key is the store's job (one row per key
 * whatever races), never a check-then-write in the caller. Nothing is ever deleted.
 */

export type SignedRequestKind = 'allocate' | 'deallocate' | 'update_allocation';

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
  /** `clientExternalId` for allocate/deallocate; `${allocationId}:${status}` for a partner update. */
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
  currency: string;
  /** Base units, decimal string. */
  quantity: string;
}

/** What BitGo last answered (or why there was no answer). */
export interface SignedRequestOutcome {
  /** HTTP status; null when no answer arrived. */
  httpStatus: number | null;
  allocationId: string | null;
  /** BitGo's status of the allocation: cleared, reserved, released. */
  allocationStatus: string | null;
  /** BitGo's error message, or the kind of failure (timeout, network). Never a secret. */
  message: string | null;
}

export interface SignedRequest extends NewSignedRequest {
  id: string;
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
   */
  releasesKey?: boolean;
  /** For an indefinite answer: `unknown` when BitGo may have acted and did not say, else `pending`. */
  state?: 'pending' | 'unknown';
  outcome: SignedRequestOutcome;
}

export interface JournalStore {
  /**
   * Commits `request` unless a row holds its key already (a settled row whose answer released its key
   * does not). Answers the row that holds the key (ours, or the
   * one that won a race) and whether this call created it. Atomic across replicas.
   */
  claim(request: NewSignedRequest): Promise<{ request: SignedRequest; created: boolean }>;
  find(key: SignedRequestKey): Promise<SignedRequest | undefined>;
  /** Counts a send and appends an `attempt` event; called just before the bytes go out. */
  recordAttempt(id: string): Promise<void>;
  /** Appends BitGo's answer; a definite one settles the row (a settled row stays settled). */
  recordAnswer(id: string, answer: SignedRequestAnswer): Promise<void>;
  events(id: string): Promise<SignedRequestEvent[]>;
  /**
   * Rows still waiting for a definite answer (`pending` or `unknown`): how many, and when the oldest was
   * committed. The operator's view of what the reconciler still has to settle; also the readiness probe's
   * "the store answers" check.
   */
  unsettled(): Promise<{ count: number; oldestCreatedAt: Date | null }>;
}
