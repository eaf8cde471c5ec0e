import { sandboxBooksIn } from './assembly/sandbox-books.assembly.js';
import { loadStoreConfig } from './config/config.js';
import { DataDirLockedError } from './store/data-dir.lock.js';
import { openStore } from './store/database.js';
import { migrateStore, StoreSchemaError } from './store/migrate.js';

/**
 * `npm run sandbox:reset`: empties the embedded sandbox's books in the store the environment names (DATABASE_URL in
 * DATABASE_SCHEMA, else DATA_DIR, default ./.data), read as `npm start` reads them, so that the next `npm start`
 * seeds them afresh. The journal of signed requests is left as it is (the gateway never deletes it). Stop the
 * gateway first: on the embedded store its lock refuses a second process; on PostgreSQL a running gateway would
 * keep its books in memory and save them again.
 */
try {
  const { databaseUrl, dataDir, databaseSchema } = loadStoreConfig();
  const store = await openStore({ databaseUrl, dataDir, schema: databaseSchema });
  try {
    await migrateStore(store);
    const removed = await sandboxBooksIn(store).clear();
    const where = store.engine === 'pglite' ? `embedded store in ${dataDir}` : 'PostgreSQL';
    console.log(`${where}: removed the sandbox's books (${removed} rows); the next start seeds them afresh`);
  } finally {
    await store.close();
  }
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`sandbox:reset: ${message}`);
  process.exitCode = error instanceof DataDirLockedError ? 4 : error instanceof StoreSchemaError ? 3 : 1;
}
