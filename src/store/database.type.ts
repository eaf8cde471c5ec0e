import type { ColumnType, Generated } from 'kysely';

/**
 * The tables as Kysely sees them. Timestamps are `timestamptz(3)`: millisecond precision, so a JavaScript Date
 * holds a stored value exactly and keyset cursors built from Dates compare exactly. Ids are bigint identities,
 * read as decimal strings (never numbers); quantities are decimal text.
 */
export interface SignedRequestsTable {
  id: Generated<string>;
  enterprise_id: string;
  kind: string;
  idempotency_key: string;
  fingerprint: string;
  method: string;
  path: string;
  body: string;
  payload: string;
  nonce: string;
  signature_sha256: string;
  caller: string;
  client_external_id: string | null;
  allocation_id: string | null;
  connection_id: string | null;
  /** Migration 0005: the record a non-allocation request acts on (a settlement, a dispute). */
  subject_id: string | null;
  /** Null (migration 0005) for kinds that move no single amount. */
  currency: string | null;
  quantity: string | null;
  state: Generated<string>;
  attempts: Generated<number>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
  settled_at: Date | null;
  /** Last answer (or failure) recorded; null until the first one. A settled row keeps the settling answer. */
  answered_at: Date | null;
  http_status: number | null;
  /** The record BitGo answered with (an allocation, or since migration 0005 any record): SignedRequestOutcome.recordId. */
  answer_allocation_id: string | null;
  answer_allocation_status: string | null;
  answer_message: string | null;
  /** Reconciler bookkeeping: when the row may next be handed to a worker (lease end or backoff, whichever is later). */
  next_attempt_at: ColumnType<Date, never, Date>;
  lease_owner: string | null;
  reconcile_rounds: Generated<number>;
  /** False once a definite refusal released the key: the row stays, and a corrected request may take the key. */
  holds_key: Generated<boolean>;
  /** Generated from enterprise_id, kind and idempotency_key: what the key's unique index and look-ups use. */
  journal_key: ColumnType<string, never, never>;
}

/** Events keep the answer's record in `allocation_id` / `allocation_status`, whatever its kind (column names predate other kinds). */
export interface SignedRequestEventsTable {
  id: Generated<string>;
  request_id: string;
  type: string;
  at: ColumnType<Date, Date | undefined, never>;
  http_status: number | null;
  allocation_id: string | null;
  allocation_status: string | null;
  message: string | null;
}

export interface Database {
  signed_requests: SignedRequestsTable;
  signed_request_events: SignedRequestEventsTable;
}
