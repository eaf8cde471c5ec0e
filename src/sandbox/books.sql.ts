import type { BooksEntry, BooksPersistence, JsonValue } from './persistence.js';

/**
 * The least the sandbox needs of a SQL database (PostgreSQL's dialect, positional parameters): defined here, so
 * that whoever starts the sandbox on a database adapts its own connection to it (main.ts adapts the gateway's
 * store) and the gateway's store knows nothing of the sandbox.
 */
export interface SqlRunner {
  /** One statement with parameters `$1`, `$2`, …; answers its rows. */
  query<R>(text: string, parameters?: readonly unknown[]): Promise<R[]>;
  /** `work` in one transaction: all of its statements commit, or none. */
  transaction<T>(work: (sql: SqlRunner) => Promise<T>): Promise<T>;
}

/**
 * The books' table, created by the sandbox itself when missing: a deliberate twin of migration 0002 of the gateway's
 * store (released, so it stays), whose very definition this is: on a store migrated before, the table is there. `seq`
 * keeps the order items were first saved in (the sandbox lists records in insertion order); an update keeps its
 * row's seq.
 */
const CREATE_TABLE = [
  `CREATE TABLE IF NOT EXISTS sandbox_books (
    kind text NOT NULL,
    key text NOT NULL,
    seq bigint GENERATED ALWAYS AS IDENTITY,
    value json NOT NULL,
    updated_at timestamptz(3) NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, key)
  )`,
  'CREATE INDEX IF NOT EXISTS sandbox_books_seq ON sandbox_books (seq)',
];

/** Rows per statement: three parameters each (two for a removal), far below PostgreSQL's 65 535. */
const CHUNK = 1000;

/** `($1, $2::json, …), (…)`: a row of `width` parameters per item, numbered from 1. */
function rows(count: number, width: number, cast: (column: number) => string = () => ''): string {
  return Array.from({ length: count }, (_, i) => `(${Array.from({ length: width }, (_, c) => `$${i * width + c + 1}${cast(c)}`).join(', ')})`).join(', ');
}

/**
 * The sandbox's books in a SQL database, one row per item: kinds, keys and JSON values the database does not
 * interpret. `save` is one transaction, so a crash keeps either all of a request's changes or none; `load` answers
 * rows in the order they were first saved.
 */
export class SqlBooksPersistence implements BooksPersistence {
  #ready: Promise<void> | undefined;

  constructor(private readonly sql: SqlRunner) {}

  async load(): Promise<BooksEntry[]> {
    await this.#table();
    const found = await this.sql.query<{ kind: string; key: string; value: string }>('SELECT kind, key, value::text AS value FROM sandbox_books ORDER BY seq');
    return found.map((row) => ({ kind: row.kind, key: row.key, value: JSON.parse(row.value) as JsonValue }));
  }

  async save(changes: readonly BooksEntry[]): Promise<void> {
    if (changes.length === 0) return;
    await this.#table();
    const upserts = changes.filter((entry) => entry.value !== null);
    const removals = changes.filter((entry) => entry.value === null);
    await this.sql.transaction(async (tx) => {
      for (let i = 0; i < upserts.length; i += CHUNK) {
        const chunk = upserts.slice(i, i + CHUNK);
        await tx.query(
          `INSERT INTO sandbox_books (kind, key, value) VALUES ${rows(chunk.length, 3, (c) => (c === 2 ? '::json' : ''))}
           ON CONFLICT (kind, key) DO UPDATE SET value = excluded.value, updated_at = now()`,
          chunk.flatMap((entry) => [entry.kind, entry.key, JSON.stringify(entry.value)]),
        );
      }
      for (let i = 0; i < removals.length; i += CHUNK) {
        const chunk = removals.slice(i, i + CHUNK);
        await tx.query(`DELETE FROM sandbox_books WHERE (kind, key) IN (${rows(chunk.length, 2)})`, chunk.flatMap((entry) => [entry.kind, entry.key]));
      }
    });
  }

  /** Removes every row, so that the next start seeds the books afresh; answers how many there were. */
  async clear(): Promise<number> {
    await this.#table();
    const [row] = await this.sql.query<{ removed: number }>('WITH gone AS (DELETE FROM sandbox_books RETURNING 1) SELECT count(*)::int AS removed FROM gone');
    return row?.removed ?? 0;
  }

  #table(): Promise<void> {
    return (this.#ready ??= (async () => {
      for (const statement of CREATE_TABLE) await this.sql.query(statement);
    })().catch((error: unknown) => {
      // Tried again on the next call: a database that was down must not leave the books unusable.
      this.#ready = undefined;
      throw error;
    }));
  }
}
