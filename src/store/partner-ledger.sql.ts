import type { Selectable } from 'kysely';
import type { PartnerRequest, PartnerRequestStatus, PartnerRequestType } from './partner-ledger.store.js';
import type { PartnerLedgerTable } from './partner-ledger.type.js';

/**
 * The partner ledger's per-request statements as fixed SQL text with positional parameters (one round trip each,
 * the same text on PostgreSQL and PGlite). Unqualified table names resolve through the connection's search_path.
 */

export const LEDGER_COLUMNS = [
  'id', 'enterprise_id', 'type', 'status', 'currency', 'quantity', 'client_id', 'connection_id', 'partners_connection_id',
  'partners_client_id', 'partners_allocation_id', 'reject_reason', 'received_at', 'cleared_at', 'updated_at',
] as const satisfies ReadonlyArray<keyof PartnerLedgerTable>;

export type LedgerRow = Pick<Selectable<PartnerLedgerTable>, (typeof LEDGER_COLUMNS)[number]>;

const COLUMNS = LEDGER_COLUMNS.join(', ');

/** Zero rows: the id was taken (possibly by a replica that committed after this statement began); read it with FIND. */
export const RESERVE = `
INSERT INTO partner_ledger (id, enterprise_id, type, currency, quantity, client_id, connection_id, partners_connection_id,
  partners_client_id, partners_allocation_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
ON CONFLICT (id) DO NOTHING
RETURNING ${COLUMNS}`;

export const FIND = `SELECT ${COLUMNS} FROM partner_ledger WHERE id = $1`;

/**
 * $1 id, $2 final status, $3 reason (releases only), $4 type or null. Only a RESERVED row moves: the row lock the
 * UPDATE takes serialises concurrent settlements, and the loser re-checks `status = 'reserved'` and moves nothing.
 */
export const SETTLE = `
UPDATE partner_ledger SET
  status = $2::text,
  cleared_at = CASE WHEN $2::text = 'cleared' THEN now() ELSE NULL END,
  reject_reason = CASE WHEN $2::text = 'released' THEN $3::text ELSE NULL END,
  updated_at = now()
WHERE id = $1 AND status = 'reserved' AND ($4::text IS NULL OR type = $4::text)
RETURNING ${COLUMNS}`;

/** One row for the first caller with a jti, none for every later one (on any replica). */
export const ACCEPT_JTI = `
INSERT INTO seen_jwt_ids (jti, expires_at) VALUES ($1, $2::timestamptz)
ON CONFLICT (jti) DO NOTHING
RETURNING jti`;

/** $1 grace in milliseconds. */
export const RELEASE_JTI = `DELETE FROM seen_jwt_ids WHERE jti = $1`;

export const DELETE_EXPIRED_JTIS = `
DELETE FROM seen_jwt_ids WHERE expires_at < now() - $1::float8 * interval '1 millisecond'`;

export function toPartnerRequest(row: LedgerRow): PartnerRequest {
  return {
    id: row.id,
    type: row.type as PartnerRequestType,
    enterpriseId: row.enterprise_id,
    status: row.status as PartnerRequestStatus,
    currency: row.currency,
    quantity: row.quantity,
    clientId: row.client_id,
    connectionId: row.connection_id,
    partnersConnectionId: row.partners_connection_id,
    partnersClientId: row.partners_client_id,
    partnersAllocationId: row.partners_allocation_id,
    rejectReason: row.reject_reason,
    receivedAt: row.received_at,
    clearedAt: row.cleared_at,
    updatedAt: row.updated_at,
  };
}
