import { sql, type Kysely } from 'kysely';

/**
 * The embedded sandbox's books (`npm start`): one row per item, as JSON the store does not interpret. `seq`
 * keeps the order items were first saved in (the sandbox lists records in insertion order); an update keeps
 * its row's seq.
 *
 * Released, so it stays as it is (a migration is never edited or removed): stores migrated before hold this table
 * and the books in it. The sandbox now owns the table (sandbox/books.sql.ts creates it itself when missing, with
 * this very definition, and is the only code that reads or writes it); the store knows nothing more of it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE sandbox_books (
      kind text NOT NULL,
      key text NOT NULL,
      seq bigint GENERATED ALWAYS AS IDENTITY,
      value json NOT NULL,
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      PRIMARY KEY (kind, key)
    )`.execute(db);
  await sql`CREATE INDEX sandbox_books_seq ON sandbox_books (seq)`.execute(db);
}
