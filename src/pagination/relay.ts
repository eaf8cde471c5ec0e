import { findTotal, planWindow, type FetchPage } from './page-plan.js';

/** Relay arguments after their cursors were decoded to absolute offsets. */
export interface RelayWindowArgs {
  first?: number | undefined;
  last?: number | undefined;
  afterOffset?: number | undefined;
  beforeOffset?: number | undefined;
}

export interface RelaySlice<T> {
  rows: readonly T[];
  /** Absolute offset of rows[0]. */
  startOffset: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

export class RelayArgumentError extends Error {
  constructor(
    message: string,
    readonly argument: string,
  ) {
    super(message);
    this.name = 'RelayArgumentError';
  }
}

export interface PageLimits {
  defaultSize: number;
  maxSize: number;
  /** Largest pageSize asked of the upstream. */
  maxUpstreamPageSize: number;
}

/**
 * Relay's `first` and `last` as every list takes them, offset- or keyset-addressed: non-negative integers up to
 * `maxSize`, never both. Throws RelayArgumentError naming the argument at fault.
 */
export function checkPageSizes(first: number | undefined, last: number | undefined, maxSize: number): void {
  for (const [name, value] of [['first', first], ['last', last]] as const) {
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 0) throw new RelayArgumentError(`\`${name}\` must be a non-negative integer`, name);
    if (value > maxSize) throw new RelayArgumentError(`\`${name}\` must be at most ${maxSize} (got ${value})`, name);
  }
  if (first !== undefined && last !== undefined) throw new RelayArgumentError('pass either `first` or `last`, not both', 'last');
}

async function readWindow<T>(fetch: FetchPage<T>, start: number, count: number, limits: PageLimits): Promise<readonly T[]> {
  if (count <= 0) return [];
  const plan = planWindow(start, count, limits.maxUpstreamPageSize);
  const pages = await Promise.all(plan.reads.map(fetch));
  const rows = pages.length === 1 ? pages[0]! : pages.flat();
  const skip = start - plan.firstRowOffset;
  return rows.slice(skip, skip + count);
}

/** Rows [start, end) from pages already read during the gallop, or undefined when one is missing. */
function fromSeen<T>(seen: Map<number, readonly T[]>, pageSize: number, start: number, end: number): T[] | undefined {
  const out: T[] = [];
  for (let i = start; i < end; i++) {
    const row = seen.get(Math.floor(i / pageSize))?.[i % pageSize];
    if (row === undefined) return undefined;
    out.push(row);
  }
  return out;
}

/**
 * Relay connection semantics over an offset-addressed list whose length is not
 * known. Forward pages and pages before a cursor cost at most two reads; `last`
 * without `before` finds the end by galloping first.
 */
export async function sliceConnection<T>(args: RelayWindowArgs, fetch: FetchPage<T>, limits: PageLimits): Promise<RelaySlice<T>> {
  checkPageSizes(args.first, args.last, limits.maxSize);
  const lo = args.afterOffset === undefined ? 0 : args.afterOffset + 1;
  const hi = args.beforeOffset;
  // `after` at or past `before`: Relay's cursor slicing leaves nothing.
  if (hi !== undefined && hi < lo) return { rows: [], startOffset: lo, hasNextPage: false, hasPreviousPage: args.last === undefined && lo > 0 };

  if (args.last === undefined) {
    const n = args.first ?? limits.defaultSize;
    if (hi !== undefined) {
      const take = Math.min(n, hi - lo);
      const rows = await readWindow(fetch, lo, take, limits);
      return { rows, startOffset: lo, hasNextPage: hi - lo > n, hasPreviousPage: lo > 0 };
    }
    // One extra row answers hasNextPage without a count.
    const rows = await readWindow(fetch, lo, n + 1, limits);
    return { rows: rows.slice(0, n), startOffset: lo, hasNextPage: rows.length > n, hasPreviousPage: lo > 0 };
  }

  const n = args.last;
  if (hi !== undefined) {
    const start = Math.max(lo, hi - n);
    const rows = await readWindow(fetch, start, hi - start, limits);
    return { rows, startOffset: start, hasNextPage: true, hasPreviousPage: start > lo };
  }
  // No `before`: find the end, galloping from the page that holds `after` so earlier pages are never read.
  const seen = new Map<number, readonly T[]>();
  const gallopSize = limits.maxUpstreamPageSize;
  const total = await findTotal(fetch, gallopSize, seen, Math.floor(lo / gallopSize));
  const start = Math.max(lo, total - n);
  // An empty window (start >= total) reads nothing: fromSeen answers [] and `start > lo` is `total - lo > n`.
  const rows = fromSeen(seen, gallopSize, start, total) ?? (await readWindow(fetch, start, total - start, limits));
  return { rows, startOffset: start, hasNextPage: false, hasPreviousPage: start > lo };
}
