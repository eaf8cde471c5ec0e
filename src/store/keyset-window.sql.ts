import { sql, type SelectQueryBuilder } from 'kysely';

/** A row's place in a list ordered by (time, id): what a keyset cursor names. */
export interface KeysetBound {
  at: Date;
  id: string;
}

export interface KeysetWindowQuery {
  /** Strictly older than this row (list order is newest first). */
  after?: KeysetBound | undefined;
  /** Strictly newer than this row. */
  before?: KeysetBound | undefined;
  /** The window's newest (`first`) or oldest (`last`) `limit` rows. */
  take: 'first' | 'last';
  limit: number;
}

/**
 * The keyset window of every list the gateway keeps itself (the audit trail, the partner ledger, and whatever is
 * added beside them): rows strictly between the bounds, ordered by (`timeColumn`, id) on the list's index, answered
 * newest first whichever end was taken. The row comparison is one tuple comparison, which PostgreSQL (and PGlite)
 * answer from a (time, id) index.
 */
export async function readKeysetWindow<DB, TB extends keyof DB, O>(
  select: SelectQueryBuilder<DB, TB, O>,
  timeColumn: string,
  window: KeysetWindowQuery,
): Promise<O[]> {
  const key = sql`(${sql.ref(timeColumn)}, ${sql.ref('id')})`;
  const { after, before } = window;
  if (after) select = select.where(sql<boolean>`${key} < (${after.at}, ${after.id})`);
  if (before) select = select.where(sql<boolean>`${key} > (${before.at}, ${before.id})`);
  const newestFirst = window.take === 'first';
  const direction = newestFirst ? sql`desc` : sql`asc`;
  const rows = await select.orderBy(sql`${sql.ref(timeColumn)} ${direction}`).orderBy(sql`${sql.ref('id')} ${direction}`).limit(window.limit).execute();
  return newestFirst ? rows : rows.reverse();
}

/** `column IN (values)` for a list filter; an empty list matches nothing, as `IN ()` would. */
export function anyOf<DB, TB extends keyof DB, O>(select: SelectQueryBuilder<DB, TB, O>, column: string, values: readonly string[] | undefined): SelectQueryBuilder<DB, TB, O> {
  if (values === undefined) return select;
  return select.where(values.length > 0 ? sql<boolean>`${sql.ref(column)} in (${sql.join([...values])})` : sql<boolean>`false`);
}
