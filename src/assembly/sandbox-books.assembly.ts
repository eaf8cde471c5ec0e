import { CompiledQuery, type Kysely } from 'kysely';
import { SqlBooksPersistence, type SqlRunner } from '../sandbox/index.js';
import type { Store } from '../store/database.js';

/** The gateway's store as the sandbox's SQL runner: the one place where the two meet. */
function runnerOn(db: Kysely<unknown>): SqlRunner {
  return {
    query: async <R>(text: string, parameters: readonly unknown[] = []) => (await db.executeQuery<R>(CompiledQuery.raw(text, [...parameters]))).rows as R[],
    // On PGlite only the transaction's own connection may be used inside it (the one connection is taken).
    transaction: (work) => db.transaction().execute((tx) => work(runnerOn(tx))),
  };
}

/**
 * The embedded sandbox's books in the gateway's store (`npm start`, `npm run sandbox:reset`), in a table the sandbox
 * creates and reads itself, beside the journal.
 */
export function sandboxBooksIn(store: Store): SqlBooksPersistence {
  return new SqlBooksPersistence(runnerOn(store.db as unknown as Kysely<unknown>));
}
