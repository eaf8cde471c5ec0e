import { authorize } from './auth.js';
import type { Books } from './books.js';
import { byCreation } from './connections.route.js';
import { ok, type Route, type RouteContext, type RouteResult } from './http.js';
import { page, paging, strings, uuids, type Query } from './query-params.js';
import type { Balance, Connection, View } from './types.js';
import type { AccountBalanceRecord, ClientNetworkBalance, PartnerNetworkBalance, V1ClientBalancesGetPayload, V1PartnerBalancesGetPayload } from './wire.types.js';

const BASE = '^/api/network/v1/enterprises/(?<enterpriseId>[^/]+)';

/**
 * GET …/clients/balances and …/partners/balances, read straight from the
 * ledger the write routes move: an enterprise's account is its trading
 * balance (held = allocations in flight), a connection's account is what is
 * allocated to it (held = deallocations in flight).
 */
export function balanceRoutes(books: Books): Route[] {
  return [
    { method: 'GET', pattern: new RegExp(`${BASE}/clients/balances$`), handler: (ctx) => clientBalances(books, ctx) },
    { method: 'GET', pattern: new RegExp(`${BASE}/partners/balances$`), handler: (ctx) => partnerBalances(books, ctx) },
  ];
}

/**
 * The connections behind a view's networkBalances, filtered, ordered and paged
 * (paging counts connections). Pending connections have no network account
 * activity and no partnersConnectionId, which both records require, so they
 * are left out.
 */
function networkConnections(books: Books, enterpriseId: string, view: View, query: Query): Connection[] {
  const p = paging(query);
  const connectionIds = uuids(query, 'connectionIds');
  const partnerIds = uuids(query, 'partnerIds');
  const clientIds = view === 'partner' ? uuids(query, 'clientIds') : undefined;
  const partnersConnectionIds = view === 'partner' ? strings(query, 'partnersConnectionIds') : undefined;
  const selected = books
    .connections(enterpriseId, view)
    .filter((c): c is Connection => c.initialized)
    .filter(
      (c) =>
        (connectionIds === undefined || connectionIds.has(c.id)) &&
        (partnerIds === undefined || partnerIds.has(c.partnerId)) &&
        (clientIds === undefined || clientIds.has(c.clientId)) &&
        (partnersConnectionIds === undefined || partnersConnectionIds.has(c.partnersConnectionId)),
    );
  return page(selected.sort(byCreation), p);
}

function clientBalances(books: Books, ctx: RouteContext): RouteResult {
  const enterpriseId = ctx.params.enterpriseId!;
  authorize(books, ctx, enterpriseId, 'read');
  const networkBalances: Record<string, ClientNetworkBalance> = {};
  for (const c of networkConnections(books, enterpriseId, 'client', ctx.query)) {
    networkBalances[c.id] = {
      partnerId: c.partnerId,
      partnersConnectionId: c.partnersConnectionId,
      name: c.name,
      partnerInstitutionIdentifier: c.partnerInstitutionIdentifier,
      balances: record(books.ledger.all(c.id), 'available-first'),
    };
  }
  const body: V1ClientBalancesGetPayload = { clientId: enterpriseId, balances: record(books.ledger.all(enterpriseId), 'available-first'), networkBalances };
  return ok(body);
}

function partnerBalances(books: Books, ctx: RouteContext): RouteResult {
  const enterpriseId = ctx.params.enterpriseId!;
  authorize(books, ctx, enterpriseId, 'read');
  const networkBalances: Record<string, PartnerNetworkBalance> = {};
  for (const c of networkConnections(books, enterpriseId, 'partner', ctx.query)) {
    networkBalances[c.id] = {
      clientId: c.clientId,
      partnerId: c.partnerId,
      partnersConnectionId: c.partnersConnectionId,
      // The sandbox's partners name currencies as BitGo does, so the keys are BitGo's codes.
      balances: record(books.ledger.all(c.id), 'held-first'),
    };
  }
  const body: V1PartnerBalancesGetPayload = { networkBalances, balances: record(books.ledger.all(enterpriseId), 'held-first') };
  return ok(body);
}

/**
 * Currency → { available, held } as base-unit decimal strings, currencies in
 * code-unit order; the entry's key order is its schema's (AccountBalanceRecord
 * lists available first, the partner record held first).
 */
function record(byCurrency: Record<string, Balance>, order: 'available-first' | 'held-first'): AccountBalanceRecord {
  const out: AccountBalanceRecord = {};
  for (const currency of Object.keys(byCurrency).sort()) {
    const b = byCurrency[currency]!;
    out[currency] =
      order === 'available-first' ? { available: b.available.toString(), held: b.held.toString() } : { held: b.held.toString(), available: b.available.toString() };
  }
  return out;
}
