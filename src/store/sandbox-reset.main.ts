import { openStore } from './database.js';
import { DataDirLockedError } from './data-dir.lock.js';
import { migrateStore, StoreSchemaError } from './migrate.js';
import { SandboxBooksStore } from './sandbox-books.store.js';

/**
 * `npm run sandbox:reset`: empties the embedded sandbox's books in the store the environment names (DATABASE_URL,
 * else DATA_DIR, default ./.data), so that the next `npm start` seeds them afresh. The journal of signed requests
 * is left as it is (the gateway never deletes it). Stop the gateway first: on the embedded store its lock refuses
 * a second process; on PostgreSQL a running gateway would keep its books in memory and save them again.
 */
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = process.env.DATA_DIR || './.data';

try {
  const store = await openStore({ databaseUrl, dataDir });
  try {
    await migrateStore(store);
    const removed = await new SandboxBooksStore(store.db).clear();
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
