import { sql, type Kysely } from 'kysely';

/**
 * Opens the journal and the change feed to kinds beyond allocations (connecting, settling, disputes): each new kind
 * is a sender and a key in the application, not a migration. The database still refuses what no kind could be
 * (a kind must stay one lowercase word with underscores: journal_key separates its parts with `/`), and a quantity
 * that is present must be base units. A request that moves no single amount (a connect, a settlement of many)
 * keeps none; `subject_id` names the record a non-allocation request acts on (the settlement a dispute is about).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE signed_requests DROP CONSTRAINT signed_requests_kind_check`.execute(db);
  await sql`ALTER TABLE signed_requests ADD CONSTRAINT signed_requests_kind_check CHECK (kind ~ '^[a-z][a-z_]{0,39}$')`.execute(db);
  await sql`ALTER TABLE signed_requests ALTER COLUMN currency DROP NOT NULL`.execute(db);
  await sql`ALTER TABLE signed_requests ALTER COLUMN quantity DROP NOT NULL`.execute(db);
  await sql`ALTER TABLE signed_requests ADD CONSTRAINT signed_requests_amount_whole CHECK ((currency IS NULL) = (quantity IS NULL))`.execute(db);
  await sql`ALTER TABLE signed_requests ADD COLUMN subject_id text`.execute(db);
  await sql`CREATE INDEX signed_requests_subject_id ON signed_requests (enterprise_id, subject_id) WHERE subject_id IS NOT NULL`.execute(db);
  await sql`ALTER TABLE live_changes DROP CONSTRAINT live_changes_kind_check`.execute(db);
  await sql`ALTER TABLE live_changes ADD CONSTRAINT live_changes_kind_check CHECK (kind ~ '^[a-z][a-z_]{0,39}$')`.execute(db);
}
