import { sql, type Kysely } from 'kysely';

/**
 * The embedded sandbox's books (`npm start`): one row per item, as JSON the store does not interpret. `seq`
 * keeps the order items were first saved in (the sandbox lists records in insertion order); an update keeps
 * its row's seq.
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
