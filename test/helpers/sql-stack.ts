import { after, before } from 'node:test';
import { pgliteEngine, postgresEngine, type TestDatabase, type TestEngine } from '../store/engines.js';
import { readThrough, startStack, type Stack, type StackOptions } from './stack.js';

export interface SqlStack extends Stack {
  /** The suite's own migrated database under the journal: PostgreSQL when TEST_DATABASE_URL is set, else embedded. */
  readonly database: TestDatabase;
}

/**
 * Starts a stack whose gateway journals to a fresh SQL store (of `engine`; default PostgreSQL when TEST_DATABASE_URL is
 * set, else embedded); `close` disposes of the database too.
 */
export async function startSqlStack(options: StackOptions = {}, engine: TestEngine = postgresEngine ?? pgliteEngine, whole: { store?: boolean } = {}): Promise<SqlStack> {
  const database = await engine.open();
  try {
    // `store`: the gateway gets the whole store, as main.ts gives it (partner ledger and change feed too), not the journal alone.
    const gateway = { ...options.gateway, journal: database.journal, ...(whole.store ? { store: database.store } : {}) };
    const stack = await startStack({ ...options, gateway });
    return Object.assign(readThrough(() => stack), {
      database,
      async close() {
        await stack.close();
        await database.dispose();
      },
    });
  } catch (error) {
    await database.dispose();
    throw error;
  }
}

/** useStack on the SQL journal: started in the suite's `before`, closed (database included) in its `after`. */
export function useSqlStack(options: StackOptions = {}, engine?: TestEngine, whole: { store?: boolean } = {}): SqlStack {
  let stack: SqlStack | undefined;
  before(async () => {
    stack = await startSqlStack(options, engine, whole);
  });
  after(async () => {
    await stack?.close();
  });
  const current = (): SqlStack => {
    if (!stack) throw new Error('useSqlStack: the stack starts in the suite\'s before hook');
    return stack;
  };
  // defineProperty, not Object.assign: assign would read the getter now, before the stack exists.
  return Object.defineProperty(readThrough(current), 'database', { get: () => current().database, enumerable: true }) as SqlStack;
}
