import type { Selectable } from 'kysely';
import type { SignedRequestEventsTable, SignedRequestsTable } from './database.type.js';
import type {
  SignedRequest,
  SignedRequestEvent,
  SignedRequestEventType,
  SignedRequestKind,
  SignedRequestState,
} from './journal.store.js';

/**
 * The journal's hot-path statements as fixed SQL text with positional parameters: one round trip per step, no
 * query building per call, and the same text every time (prepared-statement friendly). The same text runs on
 * PostgreSQL and on PGlite. Unqualified table names resolve through the connection's search_path.
 */

export const REQUEST_COLUMNS = [
  'id', 'enterprise_id', 'kind', 'idempotency_key', 'fingerprint', 'method', 'path', 'body', 'payload', 'nonce',
  'signature_sha256', 'caller', 'client_external_id', 'allocation_id', 'connection_id', 'subject_id', 'currency', 'quantity',
  'state', 'attempts', 'created_at', 'updated_at', 'settled_at', 'answered_at', 'http_status',
  'answer_allocation_id', 'answer_allocation_status', 'answer_message', 'next_attempt_at', 'reconcile_rounds',
] as const satisfies ReadonlyArray<keyof SignedRequestsTable>;

export type RequestRow = Pick<Selectable<SignedRequestsTable>, (typeof REQUEST_COLUMNS)[number]>;

const columns = (prefix: string): string => REQUEST_COLUMNS.map((column) => `${prefix}${column}`).join(', ');
const UNSETTLED = `('pending', 'unknown')`;
/** The journal_key column's formula over $1 enterprise, $2 kind, $3 idempotency key (see migration 0001). */
const KEY_OF_PARAMETERS = `length($1::text)::text || ':' || $1::text || '/' || $2::text || '/' || $3::text`;

/**
 * Inserts the request, counted as sent once (the caller sends it right after), with its `committed` and `attempt`
 * events, unless a row holds the key; answers the key's row: the new one (created = true) or the one already
 * there. Zero rows means the holder committed after this statement's snapshot (a race lost to another replica):
 * read it with FIND_BY_KEY. Rows that gave their key up (holds_key false) neither block the insert nor answer.
 */
export const CLAIM = `
WITH ins AS (
  INSERT INTO signed_requests (enterprise_id, kind, idempotency_key, fingerprint, method, path, body, payload, nonce,
    signature_sha256, caller, client_external_id, allocation_id, connection_id, currency, quantity, subject_id, attempts)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 1)
  ON CONFLICT (journal_key) WHERE holds_key DO NOTHING
  RETURNING ${columns('')}
), events AS (
  INSERT INTO signed_request_events (request_id, type, at)
  SELECT ins.id, e.type, ins.created_at FROM ins CROSS JOIN (VALUES (1, 'committed'), (2, 'attempt')) AS e (n, type)
  ORDER BY e.n
)
SELECT ${columns('')}, true AS created FROM ins
UNION ALL
SELECT ${columns('s.')}, false AS created FROM signed_requests s
WHERE s.journal_key = ${KEY_OF_PARAMETERS} AND s.holds_key`;

export const FIND_BY_KEY = `
SELECT ${columns('')} FROM signed_requests WHERE journal_key = ${KEY_OF_PARAMETERS} AND holds_key`;

export const FIND_BY_ID = `SELECT ${columns('')} FROM signed_requests WHERE id = $1`;

export const RECORD_ATTEMPT = `
WITH counted AS (
  UPDATE signed_requests SET attempts = attempts + 1, updated_at = now() WHERE id = $1 RETURNING id
)
INSERT INTO signed_request_events (request_id, type) SELECT id, 'attempt' FROM counted RETURNING request_id`;

/**
 * $2 idle ms, $3 lease ms. Counts the attempt only on an unsettled row idle for $2 that no worker holds (next attempt
 * time reached), and holds it for $3 in the same statement: the row lock serialises concurrent callers, and the loser
 * re-checks the conditions on the updated row and counts nothing.
 */
export const RECORD_EXCLUSIVE_ATTEMPT = `
WITH counted AS (
  UPDATE signed_requests SET attempts = attempts + 1, updated_at = now(), next_attempt_at = now() + $3::float8 * interval '1 millisecond'
  WHERE id = $1 AND state IN ${UNSETTLED} AND updated_at <= now() - $2::float8 * interval '1 millisecond' AND next_attempt_at <= now()
  RETURNING id
)
INSERT INTO signed_request_events (request_id, type) SELECT id, 'attempt' FROM counted RETURNING request_id`;

/**
 * $2 definite, $3 the indefinite state asked (null: unknown), $8 releases the key. The first definite answer
 * settles the row and freezes its outcome (and, when it releases the key, frees the key for a corrected request:
 * the row stays); later answers are only events. An indefinite answer keeps the row unsettled and records it as
 * the last outcome; UNKNOWN is sticky (once BitGo may have acted unseen, a later "retry" does not prove
 * otherwise); ABANDONED stays so until a definite answer settles it.
 */
export const RECORD_ANSWER = `
WITH answered AS (
  UPDATE signed_requests SET
    state = CASE
      WHEN state = 'settled' THEN 'settled'
      WHEN $2::boolean AND NOT ($8::boolean AND attempts > 1) THEN 'settled'
      WHEN state = 'abandoned' THEN 'abandoned'
      WHEN state = 'unknown' OR coalesce($3::text, 'unknown') = 'unknown' THEN 'unknown'
      ELSE 'pending' END,
    settled_at = CASE WHEN state <> 'settled' AND $2::boolean AND NOT ($8::boolean AND attempts > 1) THEN now() ELSE settled_at END,
    holds_key = CASE WHEN state <> 'settled' AND $2::boolean AND $8::boolean AND attempts = 1 THEN false ELSE holds_key END,
    answered_at = CASE WHEN state = 'settled' THEN answered_at ELSE now() END,
    http_status = CASE WHEN state = 'settled' THEN http_status ELSE $4::integer END,
    answer_allocation_id = CASE WHEN state = 'settled' THEN answer_allocation_id ELSE $5::text END,
    answer_allocation_status = CASE WHEN state = 'settled' THEN answer_allocation_status ELSE $6::text END,
    answer_message = CASE WHEN state = 'settled' THEN answer_message ELSE $7::text END,
    updated_at = now()
  WHERE id = $1
  RETURNING id
)
INSERT INTO signed_request_events (request_id, type, http_status, allocation_id, allocation_status, message)
SELECT id, 'answer', $4::integer, $5::text, $6::text, $7::text FROM answered RETURNING request_id`;

/**
 * $1 worker, $2 idle ms, $3 limit, $4 lease ms, $5 backoff base ms, $6 backoff max ms. Locks due rows with
 * SKIP LOCKED (a row another worker is taking is passed over, not waited for) and moves their next attempt past
 * the lease in the same statement; a row a concurrent statement just took is re-checked against its new next
 * attempt time and left out.
 */
export const CLAIM_DUE = `
WITH due AS (
  SELECT id FROM signed_requests
  WHERE state IN ${UNSETTLED}
    AND next_attempt_at <= now()
    AND updated_at <= now() - $2::float8 * interval '1 millisecond'
  ORDER BY next_attempt_at, id
  LIMIT $3
  FOR UPDATE SKIP LOCKED
)
UPDATE signed_requests s SET
  lease_owner = $1,
  reconcile_rounds = s.reconcile_rounds + 1,
  next_attempt_at = now() + greatest($4::float8, least($6::float8, $5::float8 * power(2, least(s.reconcile_rounds, 40))))
    * interval '1 millisecond'
FROM due WHERE s.id = due.id
RETURNING ${columns('s.')}`;

/** $1 max age ms, $2 limit. */
export const ABANDON = `
WITH old AS (
  SELECT id FROM signed_requests
  WHERE state IN ${UNSETTLED} AND created_at <= now() - $1::float8 * interval '1 millisecond'
  ORDER BY created_at, id
  LIMIT $2
  FOR UPDATE SKIP LOCKED
), abandoned AS (
  UPDATE signed_requests s SET state = 'abandoned', updated_at = now() FROM old WHERE s.id = old.id RETURNING s.id
)
INSERT INTO signed_request_events (request_id, type) SELECT id, 'abandoned' FROM abandoned RETURNING request_id`;

export const UNSETTLED_STATS = `
SELECT count(*)::integer AS count, min(created_at) AS oldest FROM signed_requests WHERE state IN ${UNSETTLED}`;

export function toSignedRequest(row: RequestRow): SignedRequest {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    kind: row.kind as SignedRequestKind,
    idempotencyKey: row.idempotency_key,
    fingerprint: row.fingerprint,
    method: row.method as SignedRequest['method'],
    path: row.path,
    body: row.body,
    payload: row.payload,
    nonce: row.nonce,
    signatureSha256: row.signature_sha256,
    caller: row.caller,
    clientExternalId: row.client_external_id,
    allocationId: row.allocation_id,
    connectionId: row.connection_id,
    subjectId: row.subject_id,
    currency: row.currency,
    quantity: row.quantity,
    state: row.state as SignedRequestState,
    attempts: row.attempts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    settledAt: row.settled_at,
    outcome:
      row.answered_at === null
        ? null
        : {
            httpStatus: row.http_status,
            recordId: row.answer_allocation_id,
            recordStatus: row.answer_allocation_status,
            message: row.answer_message,
          },
  };
}

export type EventRow = Pick<
  Selectable<SignedRequestEventsTable>,
  'request_id' | 'type' | 'at' | 'http_status' | 'allocation_id' | 'allocation_status' | 'message'
>;

export function toSignedRequestEvent(row: EventRow): SignedRequestEvent {
  const type = row.type as SignedRequestEventType;
  return {
    type,
    at: row.at,
    outcome:
      type === 'answer'
        ? {
            httpStatus: row.http_status,
            recordId: row.allocation_id,
            recordStatus: row.allocation_status,
            message: row.message,
          }
        : null,
  };
}

/**
 * The hot-path statements, by the name PostgreSQL prepares them under on each pooled connection (parsed and
 * planned once per connection instead of on every call). Their result columns are spelled out, so a later
 * migration that adds columns does not invalidate a prepared plan.
 */
export const PREPARED_STATEMENTS: ReadonlyMap<string, string> = new Map([
  [CLAIM, 'journal_claim'],
  [FIND_BY_KEY, 'journal_find_by_key'],
  [FIND_BY_ID, 'journal_find_by_id'],
  [RECORD_ATTEMPT, 'journal_record_attempt'],
  [RECORD_ANSWER, 'journal_record_answer'],
]);
