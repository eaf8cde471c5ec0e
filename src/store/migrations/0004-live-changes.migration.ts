import { sql, type Kysely } from 'kysely';

/**
 * The change feed's table (PostgreSQL engine): each published change, kept for a few minutes so that a replica
 * whose LISTEN connection dropped can re-read what it missed. NOTIFY carries only `seq`; the row holds the change
 * (BitGo's record as answered, or the partner ledger's snapshot: no secrets). Pruned by age, never updated.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE live_changes (
      seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('allocation', 'partner_request', 'allocation_hint')),
      subject_id text NOT NULL,
      body text NOT NULL,
      created_at timestamptz(3) NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX live_changes_created_at ON live_changes (created_at)`.execute(db);
}
