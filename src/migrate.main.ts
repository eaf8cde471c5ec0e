import { loadStoreConfig } from './config/config.js';
import { openStore } from './store/database.js';
import { migrateStore, StoreSchemaError } from './store/migrate.js';

/**
 * `npm run migrate`: applies pending migrations to the store the environment names and exits. Reads the store's
 * variables as the gateway does: DATABASE_URL (PostgreSQL, in DATABASE_SCHEMA, default public) or, when it is
 * unset, DATA_DIR (embedded store, default ./.data). The gateway runs the same migrations at start-up; this is
 * for deploying the schema ahead of the code.
 */
try {
  const { databaseUrl, dataDir, databaseSchema } = loadStoreConfig();
  const store = await openStore({ databaseUrl, dataDir, schema: databaseSchema });
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
