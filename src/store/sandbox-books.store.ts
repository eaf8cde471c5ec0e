import { sql, type Kysely } from 'kysely';
import type { Database } from './database.type.js';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** One saved item: opaque JSON under a kind and a key; `value: null` removes the item. */
export interface BookRow {
  kind: string;
  key: string;
  value: Json;
}

/** Rows per INSERT: three parameters each, far below PostgreSQL's 65 535. */
const CHUNK = 1000;

/**
 * Durable storage for the embedded sandbox's books, in the gateway's own database. It knows nothing of the
 * sandbox: rows are kinds, keys and JSON values, handed over whole. `save` is one transaction, so a crash
 * keeps either all of a request's changes or none; `load` answers rows in the order they were first saved.
 */
export class SandboxBooksStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async load(): Promise<BookRow[]> {
    const rows = await this.#db
      .selectFrom('sandbox_books')
      .select(['kind', 'key', sql<string>`value::text`.as('value')])
      .orderBy('seq')
      .execute();
    return rows.map((row) => ({ kind: row.kind, key: row.key, value: JSON.parse(row.value) as Json }));
  }

  async save(rows: readonly BookRow[]): Promise<void> {
    if (rows.length === 0) return;
    const upserts = rows.filter((row) => row.value !== null);
    const removals = rows.filter((row) => row.value === null);
    // On PGlite only `tx` may be used inside the transaction (its one connection is taken).
    await this.#db.transaction().execute(async (tx) => {
      for (let i = 0; i < upserts.length; i += CHUNK) {
        await tx
          .insertInto('sandbox_books')
          .values(upserts.slice(i, i + CHUNK).map((row) => ({ kind: row.kind, key: row.key, value: JSON.stringify(row.value) })))
          .onConflict((oc) => oc.columns(['kind', 'key']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), updated_at: sql<Date>`now()` })))
          .execute();
      }
      for (let i = 0; i < removals.length; i += CHUNK) {
        const chunk = removals.slice(i, i + CHUNK);
        await tx
          .deleteFrom('sandbox_books')
          .where(({ eb, refTuple, tuple }) => eb(refTuple('kind', 'key'), 'in', chunk.map((row) => tuple(row.kind, row.key))))
          .execute();
      }
    });
  }

  /** Removes every row, so that the next start seeds the books afresh; answers how many there were. */
  async clear(): Promise<number> {
    const result = await this.#db.deleteFrom('sandbox_books').executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
