import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { GatewayContext } from '../../schema/context.type.js';
import type { ReadTicket } from '../../workflows/reads/read-ticket.js';

export interface ReadCachePluginOptions {
  /** Milliseconds now (tests). */
  now?: () => number;
}

/**
 * Root fields whose every part is read from BitGo through the read cache (so its hints cover them). Anything else
 * (the audit trail's signed payloads, the partner ledger, a mutation) is answered `no-store`.
 */
const CACHEABLE_ROOTS = new Set(['allocations', 'allocation', 'balances', 'partners', 'networkConnections', 'networkConnection', '_entities', '__typename']);

/** The operation-level directive a frontend puts on a query for data read from BitGo now: `query Dashboard @fresh { … }`. */
export const FRESH_DIRECTIVE = 'fresh';

/**
 * What the read cache tells the caller and the routers in front. A query with `@fresh` reads BitGo now (as does
 * `Cache-Control: no-cache` on the request, read by the context factory). Every answer says how old its cached
 * parts are (`Age`, in seconds, and `extensions.readCache`). `Cache-Control` is for Apollo Router's and Hive
 * Gateway's caches: always `private` (the answer depends on the token), `max-age` the least time any part has left,
 * and `no-store` on mutations (a dry run carries the payload that would be signed), on anything outside the
 * cacheable root fields, and on answers with errors.
 */
export function readCachePlugin(options: ReadCachePluginOptions = {}): ApolloServerPlugin<GatewayContext> {
  const now = options.now ?? Date.now;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          const ticket = contextValue.caller.reads;
          if (ticket && operation?.directives?.some((d) => d.name.value === FRESH_DIRECTIVE)) ticket.fresh = true;
        },
        async willSendResponse({ response, contextValue, operation }) {
          const ticket = contextValue?.caller?.reads;
          const at = now();
          const single = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const failed = single === undefined || (single.errors?.length ?? 0) > 0;
          response.http.headers.set('cache-control', cacheControl(operation, ticket, failed));
          if (!ticket?.cacheOn) return;
          const ageMs = ticket.ageMs(at);
          if (ticket.hits > 0) response.http.headers.set('age', String(Math.floor(ageMs / 1000)));
          if (single) single.extensions = { ...single.extensions, readCache: { ageMs, hits: ticket.hits, misses: ticket.misses, fresh: ticket.fresh } };
        },
      };
    },
  };
}

function cacheControl(operation: OperationDefinitionNode | undefined, ticket: ReadTicket | undefined, failed: boolean): string {
  if (!operation || operation.operation !== 'query' || failed || !ticket || ticket.uncacheable || ticket.freshForMs === undefined) return 'private, no-store';
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || !CACHEABLE_ROOTS.has(selection.name.value)) return 'private, no-store';
  }
  return `private, max-age=${Math.floor(ticket.freshForMs / 1000)}`;
}
