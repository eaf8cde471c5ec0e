import type { KeysetCursorCodec, KeysetPosition } from './keyset-cursor.js';
import { RelayArgumentError } from './relay.js';
import type { RelayArgs, RelayEdge, RelayPage } from './relay-page.js';

/** One read of a keyset-ordered list: rows strictly between the bounds, the first or last `limit` of them, in list order. */
export interface KeysetRead {
  after: KeysetPosition | undefined;
  before: KeysetPosition | undefined;
  take: 'first' | 'last';
  limit: number;
}

export interface KeysetPager {
  cursors: KeysetCursorCodec;
  defaultSize: number;
  maxSize: number;
}

function size(value: number | null | undefined, name: string, max: number): number | undefined {
  if (value == null) return undefined;
  if (!Number.isInteger(value) || value < 0) throw new RelayArgumentError(`\`${name}\` must be a non-negative integer`, name);
  if (value > max) throw new RelayArgumentError(`\`${name}\` must be at most ${max} (got ${value})`, name);
  return value;
}

/**
 * Relay paging over a keyset list in one read: one row beyond the page tells whether more exist on the side
 * being read; the other side has more exactly when a cursor bounds it (rows are never deleted).
 */
export async function keysetPage<T>(
  pager: KeysetPager,
  args: RelayArgs,
  scope: string,
  positionOf: (row: T) => KeysetPosition,
  read: (window: KeysetRead) => Promise<T[]>,
): Promise<RelayPage<T>> {
  const first = size(args.first, 'first', pager.maxSize);
  const last = size(args.last, 'last', pager.maxSize);
  if (first !== undefined && last !== undefined) throw new RelayArgumentError('pass either `first` or `last`, not both', 'last');
  const after = args.after == null ? undefined : pager.cursors.decode(args.after, scope, 'after');
  const before = args.before == null ? undefined : pager.cursors.decode(args.before, scope, 'before');
  const take = last === undefined ? 'first' : 'last';
  const n = last ?? first ?? pager.defaultSize;
  const rows = n === 0 ? [] : await read({ after, before, take, limit: n + 1 });
  const more = rows.length > n;
  const nodes = take === 'first' ? rows.slice(0, n) : rows.slice(rows.length - Math.min(n, rows.length));
  const cursorOf = (row: T) => pager.cursors.encode(positionOf(row), scope);
  let edges: RelayEdge<T>[] | undefined;
  return {
    get edges() {
      return (edges ??= nodes.map((node) => ({ node, cursor: cursorOf(node) })));
    },
    nodes,
    pageInfo: {
      hasNextPage: take === 'first' ? more : before !== undefined,
      hasPreviousPage: take === 'last' ? more : after !== undefined,
      startCursor: nodes.length > 0 ? cursorOf(nodes[0]!) : null,
      endCursor: nodes.length > 0 ? cursorOf(nodes[nodes.length - 1]!) : null,
    },
  };
}
