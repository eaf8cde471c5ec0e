import type { ColumnType } from 'kysely';

/**
 * The partner tables as Kysely sees them (migration 0003). Kept beside `Database` rather than in it: the
 * partner stores widen their handle with `withTables<PartnerTables>()`. Timestamps are `timestamptz(3)`, so a
 * JavaScript Date holds a stored value exactly and keyset cursors compare exactly.
 */
export interface PartnerLedgerTable {
  /** BitGo's allocation or deallocation id, lowercase: one key for both types. */
  id: string;
  /** The partner enterprise the request was received for. */
  enterprise_id: string;
  type: string;
  status: ColumnType<string, string | undefined, string>;
  currency: string;
  /** Base units, decimal text. */
  quantity: string;
  client_id: string;
  connection_id: string;
  partners_connection_id: string;
  partners_client_id: string | null;
  partners_allocation_id: string | null;
  reject_reason: string | null;
  received_at: ColumnType<Date, never, never>;
  cleared_at: Date | null;
  updated_at: ColumnType<Date, never, Date>;
}

export interface SeenJwtIdsTable {
  jti: string;
  expires_at: Date;
  seen_at: ColumnType<Date, never, never>;
}

// A type alias, not an interface: `withTables` wants a record type.
export type PartnerTables = {
  partner_ledger: PartnerLedgerTable;
  seen_jwt_ids: SeenJwtIdsTable;
};
