import { Migrator, sql, type Kysely } from 'kysely';
import type { Store } from './database.js';
import type { Database } from './database.type.js';
import { MIGRATIONS, migrationProvider } from './migrations/migrations.js';

/** The database was migrated by a newer build: refuse to run on a schema this code does not know. */
export class StoreSchemaError extends Error {
  readonly code = 'STORE_SCHEMA_NEWER';
  override readonly name = 'StoreSchemaError';
}

/** What migrating needs of a Store: its database and the schema holding the tables and Kysely's bookkeeping. */
export type MigratableStore = Pick<Store, 'db' | 'schema'>;

const MIGRATION_TABLE = 'kysely_migration';

/**
 * Brings the database up to this build's latest migration; call it at start-up before anything reads the
 * store (and `npm run migrate` does the same). Replicas starting together are serialised by Kysely's migration
 * lock. Throws StoreSchemaError, before changing anything, when the database has migrations this build lacks.
 * Answers the names applied by this call.
 */
export async function migrateStore({ db, schema }: MigratableStore): Promise<string[]> {
  const unknown = (await appliedMigrations(db, schema)).filter((name) => !(name in MIGRATIONS));
  if (unknown.length > 0) {
    throw new StoreSchemaError(
      `the store's database is newer than this build: it has migration${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} ` +
        `that this code does not know; run a build that includes ${unknown.length > 1 ? 'them' : 'it'} (migrations are forward only)`,
    );
  }
  const migrator = new Migrator({ db, provider: migrationProvider, migrationTableSchema: schema });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new Error(`store migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/** Names of the migrations the database has applied (none when it was never migrated). */
export async function appliedMigrations(db: Kysely<Database>, schema = 'public'): Promise<string[]> {
  const table = `${schema}.${MIGRATION_TABLE}`;
  const exists = await sql<{ found: string | null }>`SELECT to_regclass(${table})::text AS found`.execute(db);
  if (!exists.rows[0]?.found) return [];
  const rows = await sql<{ name: string }>`SELECT name FROM ${sql.table(table)} ORDER BY name`.execute(db);
  return rows.rows.map((row) => row.name);
}
