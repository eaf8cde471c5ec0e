import { sql, type Kysely } from 'kysely';

/**
 * The partner's side of the flow: what BitGo asked this partner to reserve (allocations and deallocations,
 * under ONE primary key, so an id is one request whatever its type) and the JWT ids of BitGo's signed calls
 * already accepted. Uniqueness is the constraints' job: two replicas racing on one id make one row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE partner_ledger (
      id text COLLATE "C" PRIMARY KEY,
      enterprise_id text NOT NULL,
      type text NOT NULL CHECK (type IN ('allocation', 'deallocation')),
      status text NOT NULL DEFAULT 'reserved' CHECK (status IN ('reserved', 'cleared', 'released')),
      currency text NOT NULL,
      quantity text NOT NULL CHECK (quantity ~ '^[1-9][0-9]*$'),
      client_id text NOT NULL,
      connection_id text NOT NULL,
      partners_connection_id text NOT NULL,
      partners_client_id text,
      partners_allocation_id text,
      reject_reason text,
      received_at timestamptz(3) NOT NULL DEFAULT now(),
      cleared_at timestamptz(3),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT partner_ledger_cleared CHECK ((status = 'cleared') = (cleared_at IS NOT NULL)),
      CONSTRAINT partner_ledger_reason CHECK (status = 'released' OR reject_reason IS NULL)
    )`.execute(db);
  // The operators' list: newest first within the partner enterprise, keyset on (received_at, id).
  await sql`CREATE INDEX partner_ledger_list ON partner_ledger (enterprise_id, received_at DESC, id DESC)`.execute(db);

  await sql`
    CREATE TABLE seen_jwt_ids (
      jti text PRIMARY KEY,
      expires_at timestamptz(3) NOT NULL,
      seen_at timestamptz(3) NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX seen_jwt_ids_expiry ON seen_jwt_ids (expires_at)`.execute(db);
}
