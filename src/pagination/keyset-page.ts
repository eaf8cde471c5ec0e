import type { KeysetCursorCodec, KeysetPosition } from './keyset-cursor.js';
import { checkPageSizes } from './relay.js';
import { pageOf, type RelayArgs, type RelayPage } from './relay-page.js';

/** One read of a keyset list: the rows strictly after `after` and strictly before `before`, its first or last `limit`. */
export interface KeysetWindow {
  after: KeysetPosition | undefined;
  before: KeysetPosition | undefined;
  take: 'first' | 'last';
  limit: number;
}

export interface KeysetPager<T> {
  cursors: KeysetCursorCodec;
  limits: { defaultSize: number; maxSize: number };
  /** Where a row sits in the list's order. */
  positionOf(row: T): KeysetPosition;
  /** Reads a window; rows come back in list order whichever end was taken. */
  fetch(window: KeysetWindow): Promise<readonly T[]>;
}

/** List order is newest first: `a` comes before `b` when it is later, or as late with the larger id (ids of digits compare as integers). */
function precedes(a: KeysetPosition, b: KeysetPosition): boolean {
  if (a.atMs !== b.atMs) return a.atMs > b.atMs;
  return a.id.length !== b.id.length ? a.id.length > b.id.length : a.id > b.id;
}

/** Relay arguments checked and their cursors decoded: what `readKeysetPage` reads. */
export interface KeysetPlan {
  scope: string;
  after: KeysetPosition | undefined;
  before: KeysetPosition | undefined;
  /** `first` (forward) or `last` (backward), the default size applied. */
  forward: boolean;
  size: number;
}

/**
 * Checks the Relay arguments (sizes, `first` with `last`, cursors bound to `scope`) without reading anything,
 * so that a caller can refuse bad arguments before any other work. Throws RelayArgumentError or CursorError.
 */
export function planKeysetPage(pager: Pick<KeysetPager<unknown>, 'cursors' | 'limits'>, args: RelayArgs, scope: string): KeysetPlan {
  const { cursors, limits } = pager;
  const first = args.first ?? undefined;
  const last = args.last ?? undefined;
  checkPageSizes(first, last, limits.maxSize);
  return {
    scope,
    after: args.after == null ? undefined : cursors.decode(args.after, scope, 'after'),
    before: args.before == null ? undefined : cursors.decode(args.before, scope, 'before'),
    forward: last === undefined,
    size: last ?? first ?? limits.defaultSize,
  };
}

/**
 * One Relay page over a keyset-addressed list (newest first), with the same arguments, limits and pageInfo as
 * the offset-addressed `allocations`: one read of at most `size + 1` rows whatever the depth. Going forward,
 * `hasPreviousPage` is true when an `after` cursor was given (its row is before the page); going backward,
 * `hasNextPage` is true when a `before` cursor was given.
 */
export async function readKeysetPage<T>(pager: KeysetPager<T>, plan: KeysetPlan): Promise<RelayPage<T>> {
  const { after, before, forward, size, scope } = plan;
  let nodes: T[];
  let hasNextPage: boolean;
  let hasPreviousPage: boolean;
  if (after && before && !precedes(after, before)) {
    // `after` at or past `before`: Relay's cursor slicing leaves nothing.
    nodes = [];
    hasNextPage = false;
    hasPreviousPage = forward;
  } else if (forward) {
    // One extra row answers hasNextPage without a count.
    const rows = await pager.fetch({ after, before, take: 'first', limit: size + 1 });
    nodes = rows.slice(0, size);
    hasNextPage = rows.length > size;
    hasPreviousPage = after !== undefined;
  } else {
    const rows = await pager.fetch({ after, before, take: 'last', limit: size + 1 });
    nodes = rows.slice(Math.max(0, rows.length - size));
    hasPreviousPage = rows.length > size;
    hasNextPage = before !== undefined;
  }

  return pageOf(nodes, (i) => pager.cursors.encode(pager.positionOf(nodes[i]!), scope), hasNextPage, hasPreviousPage);
}
