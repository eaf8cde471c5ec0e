import { sql, type Kysely } from 'kysely';

/**
 * The journal of signed requests and its append-only events. Uniqueness of a key is a unique index, so two
 * replicas racing on one key make one row. Timestamps keep milliseconds only (see database.type.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE signed_requests (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      enterprise_id text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('allocate', 'deallocate', 'update_allocation')),
      idempotency_key text NOT NULL,
      fingerprint text NOT NULL,
      method text NOT NULL CHECK (method IN ('POST', 'PUT')),
      path text NOT NULL,
      body text NOT NULL,
      payload text NOT NULL,
      nonce text NOT NULL,
      signature_sha256 text NOT NULL,
      caller text NOT NULL,
      client_external_id text,
      allocation_id text,
      connection_id text,
      currency text NOT NULL,
      quantity text NOT NULL CHECK (quantity ~ '^[0-9]+$'),
      state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'unknown', 'settled', 'abandoned')),
      attempts integer NOT NULL DEFAULT 0,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      settled_at timestamptz(3),
      answered_at timestamptz(3),
      http_status integer,
      answer_allocation_id text,
      answer_allocation_status text,
      answer_message text,
      next_attempt_at timestamptz(3) NOT NULL DEFAULT now(),
      lease_owner text,
      reconcile_rounds integer NOT NULL DEFAULT 0,
      holds_key boolean NOT NULL DEFAULT true,
      -- The key (enterprise, kind, idempotency key) as one value: the key's look-ups and its unique index use this
      -- column and nothing else has it, so no planner estimate (stale statistics, a new enterprise) can send a
      -- look-up to another index that starts with enterprise_id. The length prefix keeps it unambiguous whatever
      -- the parts hold (kind is one of three words, none a prefix of another).
      journal_key text GENERATED ALWAYS AS (length(enterprise_id)::text || ':' || enterprise_id || '/' || kind || '/' || idempotency_key) STORED,
      -- A row gives its key up only by a definite refusal that settled it (BitGo holds nothing under the key).
      CONSTRAINT signed_requests_released CHECK (holds_key OR state = 'settled'),
      CONSTRAINT signed_requests_settled CHECK ((state = 'settled') = (settled_at IS NOT NULL))
    )`.execute(db);
  // One row holds a key at a time; rows that gave theirs up (a definite refusal of a first send) stay, beside the
  // row of the corrected request that took the key after them.
  await sql`
    CREATE UNIQUE INDEX signed_requests_key ON signed_requests (journal_key) WHERE holds_key`.execute(db);
  // The audit list: newest first within an enterprise, keyset on (created_at, id).
  await sql`CREATE INDEX signed_requests_list ON signed_requests (enterprise_id, created_at DESC, id DESC)`.execute(db);
  // Lookups by the audit filters. Partial: a column that is null (no clientExternalId on a partner update, no allocation
  // id before an allocate is answered) puts nothing in its index, so a write maintains fewer entries and the key's
  // look-up is never planned onto one of these (`col = $1` implies `col IS NOT NULL`, so the filters still use them).
  await sql`CREATE INDEX signed_requests_client_external_id ON signed_requests (enterprise_id, client_external_id) WHERE client_external_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX signed_requests_allocation_id ON signed_requests (enterprise_id, allocation_id) WHERE allocation_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX signed_requests_answer_allocation_id ON signed_requests (enterprise_id, answer_allocation_id) WHERE answer_allocation_id IS NOT NULL`.execute(db);
  // The reconciler's queue and the unsettled metrics read only unsettled rows: a small partial index.
  await sql`
    CREATE INDEX signed_requests_unsettled ON signed_requests (next_attempt_at)
    WHERE state IN ('pending', 'unknown')`.execute(db);

  await sql`
    CREATE TABLE signed_request_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      request_id bigint NOT NULL REFERENCES signed_requests (id),
      type text NOT NULL CHECK (type IN ('committed', 'attempt', 'answer', 'abandoned')),
      at timestamptz(3) NOT NULL DEFAULT now(),
      http_status integer,
      allocation_id text,
      allocation_status text,
      message text
    )`.execute(db);
  await sql`CREATE INDEX signed_request_events_request ON signed_request_events (request_id, id)`.execute(db);
}
