import { openStore } from './database.js';
import { migrateStore, StoreSchemaError } from './migrate.js';

/**
 * `npm run migrate`: applies pending migrations to the store the environment names and exits. Reads
 * DATABASE_URL (PostgreSQL, in DATABASE_SCHEMA, default public) or, when it is unset, DATA_DIR (embedded store,
 * default ./.data). The gateway
 * runs the same migrations at start-up; this is for deploying the schema ahead of the code.
 */
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = process.env.DATA_DIR || './.data';
const schema = process.env.DATABASE_SCHEMA || undefined;

try {
  const store = await openStore({ databaseUrl, dataDir, schema });
  try {
    const applied = await migrateStore(store);
    const where = store.engine === 'pglite' ? `embedded store in ${dataDir}` : `PostgreSQL (schema ${store.schema})`;
    console.log(applied.length ? `${where}: applied ${applied.join(', ')}` : `${where}: up to date`);
  } finally {
    await store.close();
  }
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`migrate: ${message}`);
  process.exitCode = error instanceof StoreSchemaError ? 3 : 1;
}
