import type { CursorCodec } from './cursor.js';
import type { FetchPage } from './page-plan.js';
import { sliceConnection, type PageLimits } from './relay.js';

/** Relay arguments as a client sends them (cursors still opaque). */
export interface RelayArgs {
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}

export interface RelayEdge<T> {
  cursor: string;
  node: T;
}

export interface RelayPageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface RelayPage<T> {
  readonly edges: RelayEdge<T>[];
  nodes: T[];
  pageInfo: RelayPageInfo;
}

export interface RelayPager {
  cursors: CursorCodec;
  limits: PageLimits;
}

/**
 * One Relay page over an offset-addressed upstream list: cursors decoded against `scope` (a digest of
 * everything that defines the list), the window read through `fetch`, cursors issued for the rows.
 */
export async function relayPage<T>(pager: RelayPager, args: RelayArgs, scope: string, fetch: FetchPage<T>): Promise<RelayPage<T>> {
  const { cursors, limits } = pager;
  const slice = await sliceConnection<T>(
    {
      first: args.first ?? undefined,
      last: args.last ?? undefined,
      afterOffset: args.after == null ? undefined : cursors.decode(args.after, scope, 'after'),
      beforeOffset: args.before == null ? undefined : cursors.decode(args.before, scope, 'before'),
    },
    fetch,
    limits,
  );
  return pageOf(slice.rows as T[], (i) => cursors.encode(slice.startOffset + i, scope), slice.hasNextPage, slice.hasPreviousPage);
}

/**
 * A Relay page of `nodes`, whatever addresses the list: `cursorAt(i)` is the cursor of `nodes[i]`. Edges are built
 * only when the query selects them: a `nodes` page then costs no per-row cursor.
 */
export function pageOf<T>(nodes: T[], cursorAt: (index: number) => string, hasNextPage: boolean, hasPreviousPage: boolean): RelayPage<T> {
  let edges: RelayEdge<T>[] | undefined;
  return {
    get edges() {
      return (edges ??= nodes.map((node, i) => ({ node, cursor: cursorAt(i) })));
    },
    nodes,
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: nodes.length > 0 ? cursorAt(0) : null,
      endCursor: nodes.length > 0 ? cursorAt(nodes.length - 1) : null,
    },
  };
}

/** The same page with each node mapped; edges (made only when asked for) carry the mapped nodes. */
export function mapPage<T, U>(page: RelayPage<T>, map: (row: T) => U): RelayPage<U> {
  const nodes = page.nodes.map(map);
  return {
    get edges() {
      return page.edges.map((edge, i) => ({ cursor: edge.cursor, node: nodes[i]! }));
    },
    nodes,
    pageInfo: page.pageInfo,
  };
}
