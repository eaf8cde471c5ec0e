import { authorize } from './auth.js';
import type { Books } from './books.js';
import { badRequest, notFound, ok, uuidParam, type Route, type RouteContext, type RouteResult } from './http.js';
import { parseIsoDate } from './list-query.js';
import { boolean, list, oneOf, page, paging, single, strings, uuids, type Query } from './query-params.js';
import type { StoredDispute, StoredSettlement } from './settlement-books.js';
import { direction, disputeOut, maskedTransferOut, settlementOut, transferOut } from './settlement-output.js';
import type { SettlementStatus, SettlementTransferStatus, TransferRecord } from './settlement-wire.types.js';
import type { View } from './types.js';

const BASE = '^/api/network/v1/enterprises/(?<enterpriseId>[^/]+)';
const STATUSES: readonly SettlementStatus[] = ['failed', 'completed', 'pending', 'rejected'];
const TRANSFER_STATUSES: readonly SettlementTransferStatus[] = ['pending', 'pending_onchain', 'onchain_initiated', 'onchain_failed', 'completed', 'failed', 'rejected', 'disputed', 'pending_settlement_assignment'];

/**
 * The settlement reads of both sides: lists in BitGo's order (createdAt, then id, ascending) with its zero-based
 * paging, filters validated as strictly as the allocation lists (400 naming the parameter). A client sees a
 * settlement that has a transfer on one of its connections, and only its own transfers and disputes; a partner sees
 * its own settlements whole.
 */
export function settlementReadRoutes(books: Books): Route[] {
  const r = (path: string, handler: (ctx: RouteContext, enterpriseId: string) => RouteResult): Route => ({
    method: 'GET',
    pattern: new RegExp(`${BASE}/${path}$`),
    handler: (ctx) => {
      const enterpriseId = ctx.params.enterpriseId!;
      authorize(books, ctx, enterpriseId, 'read');
      return handler(ctx, enterpriseId);
    },
  });
  return [
    r('clients/settlements', (ctx, e) => ok({ settlements: page(listSettlements(books, e, 'client', ctx.query), paging(ctx.query)).map((s) => ({ ...settlementOut(books, s), transferDirection: direction(ownTransfers(books, s, e)) })) })),
    r('clients/settlements/(?<settlementId>[^/]+)', (ctx, e) => oneSettlement(books, ctx, e, 'client')),
    r('clients/settlementTransfers', (ctx, e) => ok({ settlementTransfers: clientTransfers(books, e, ctx.query) })),
    r('clients/settlement/disputes', (ctx, e) => ok({ disputes: page(listDisputes(books, e, 'client', ctx.query), paging(ctx.query)).map((d) => disputeOut(books, d)) })),
    r('partners/settlements', (ctx, e) => ok({ settlements: page(listSettlements(books, e, 'partner', ctx.query), paging(ctx.query)).map((s) => settlementOut(books, s)) })),
    r('partners/settlements/(?<settlementId>[^/]+)', (ctx, e) => oneSettlement(books, ctx, e, 'partner')),
    r('partners/settlement/disputes', (ctx, e) => ok({ disputes: page(listDisputes(books, e, 'partner', ctx.query), paging(ctx.query)).map((d) => disputeOut(books, d)) })),
  ];
}

const byCreation = <T extends { wire: { createdAt: string; id: string } }>(a: T, b: T): number =>
  a.wire.createdAt < b.wire.createdAt ? -1 : a.wire.createdAt > b.wire.createdAt ? 1 : a.wire.id < b.wire.id ? -1 : a.wire.id > b.wire.id ? 1 : 0;

/** The client's own transfers in a settlement. */
export function ownTransfers(books: Books, s: StoredSettlement, clientId: string): TransferRecord[] {
  return s.transfers.filter((t) => books.connection(t.connectionId)?.clientId === clientId);
}

export function visibleSettlement(books: Books, s: StoredSettlement | undefined, enterpriseId: string, view: View): s is StoredSettlement {
  if (s === undefined) return false;
  return view === 'partner' ? s.wire.partnerId === enterpriseId : ownTransfers(books, s, enterpriseId).length > 0;
}

function date(query: Query, name: string): number | undefined {
  const value = single(query, name);
  if (value === undefined) return undefined;
  const ms = parseIsoDate(value);
  if (ms === undefined) throw badRequest(`${name} must be an ISO 8601 date (got "${value}")`);
  return ms;
}

function listSettlements(books: Books, enterpriseId: string, view: View, query: Query): StoredSettlement[] {
  const ids = uuids(query, 'settlementIds');
  const onlyDisputed = boolean(query, 'onlyShowDisputed');
  const partnerIds = uuids(query, 'partnerIds');
  const party = uuids(query, 'partyConnectionIds');
  const counterparty = uuids(query, 'counterpartyConnectionIds');
  const statuses = view === 'client' ? list(query, 'statuses', (v) => (STATUSES as readonly string[]).includes(v), `one of ${STATUSES.join(', ')}`) : undefined;
  const externalIds = view === 'partner' ? strings(query, 'externalIds') : undefined;
  const range = (field: 'createdAt' | 'updatedAt', name: string) => (view === 'partner' ? { from: date(query, `${name}OnOrAfter`), before: date(query, `${name}Before`), field } : undefined);
  const ranges = [range('createdAt', 'created'), range('updatedAt', 'updated')];
  const disputed = new Set(books.settlements.disputes().filter((d) => view === 'partner' || d.clientId === enterpriseId).map((d) => d.wire.disputedSettlementId));
  return books.settlements
    .all()
    .filter((s) => visibleSettlement(books, s, enterpriseId, view))
    .filter((s) => {
      if (ids && !ids.has(s.wire.id)) return false;
      if (onlyDisputed === true && !disputed.has(s.wire.id)) return false;
      if (partnerIds && !partnerIds.has(s.wire.partnerId)) return false;
      const mine = view === 'client' ? ownTransfers(books, s, enterpriseId) : s.transfers;
      if (party && !mine.some((t) => party.has(t.connectionId))) return false;
      // Party-form settlements are between a connection and its partner: no counterparty connection is ever involved.
      if (counterparty) return false;
      if (statuses && !statuses.has(s.wire.status)) return false;
      if (externalIds && !externalIds.has(s.wire.externalId)) return false;
      for (const r of ranges) {
        if (r === undefined) continue;
        const at = Date.parse(s.wire[r.field]);
        if (r.from !== undefined && at < r.from) return false;
        if (r.before !== undefined && at >= r.before) return false;
      }
      return true;
    })
    .sort(byCreation);
}

function oneSettlement(books: Books, ctx: RouteContext, enterpriseId: string, view: View): RouteResult {
  const id = uuidParam(ctx, 'settlementId');
  const s = books.settlements.get(id);
  if (!visibleSettlement(books, s, enterpriseId, view)) throw notFound(`Settlement ${id} not found`);
  const currencies = strings(ctx.query, 'currencies');
  const accounts = view === 'partner' ? (['sourceNetworkAccountIds', 'sourceTradingAccountIds', 'destinationNetworkAccountIds', 'destinationTradingAccountIds'] as const) : [];
  const accountFilters = accounts.map((name) => [name.replace(/Ids$/, 'Id'), name.includes('Network') ? uuids(ctx.query, name) : strings(ctx.query, name)] as const);
  const transfers = (view === 'client' ? ownTransfers(books, s, enterpriseId) : s.transfers)
    .filter((t) => !currencies || currencies.has(t.currency))
    .map((t) => (view === 'client' ? maskedTransferOut(books, t, s) : transferOut(books, t, s.wire.partnerId)))
    .filter((t) => accountFilters.every(([field, set]) => !set || set.has(String(t[field]))));
  const mine = (d: StoredDispute) => view === 'partner' || d.clientId === enterpriseId;
  const disputes = books.settlements.disputes().filter(mine).sort(byCreation);
  return ok({
    settlement: settlementOut(books, s),
    settlementTransfers: page(transfers, paging(ctx.query)),
    settlingDisputes: disputes.filter((d) => d.wire.settledInSettlementId === id && d.closure !== undefined).map((d) => disputeOut(books, d)),
    settlementDisputes: disputes.filter((d) => d.wire.disputedSettlementId === id).map((d) => disputeOut(books, d)),
  });
}

function clientTransfers(books: Books, clientId: string, query: Query): Record<string, unknown>[] {
  const p = paging(query);
  const currencies = strings(query, 'currencies');
  const initiatedBy = strings(query, 'initiatedBy');
  const partnerIds = uuids(query, 'partnerIds');
  const settlementIds = uuids(query, 'settlementIds');
  const statuses = list(query, 'settlementStatuses', (v) => (STATUSES as readonly string[]).includes(v), `one of ${STATUSES.join(', ')}`);
  const transferStatuses = list(query, 'settlementTransferStatuses', (v) => (TRANSFER_STATUSES as readonly string[]).includes(v), `one of ${TRANSFER_STATUSES.join(', ')}`);
  const before = date(query, 'settlementUpdatedBefore');
  const from = date(query, 'settlementUpdatedOnOrAfter');
  const sortField = oneOf(query, 'sortField', ['updatedAt'] as const);
  const sortDirection = oneOf(query, 'sortDirection', ['ASC', 'DESC'] as const) ?? 'ASC';
  const rows: Array<{ t: TransferRecord; s: StoredSettlement }> = [];
  for (const s of books.settlements.all()) {
    if (partnerIds && !partnerIds.has(s.wire.partnerId)) continue;
    if (settlementIds && !settlementIds.has(s.wire.id)) continue;
    if (statuses && !statuses.has(s.wire.status)) continue;
    if (initiatedBy && !initiatedBy.has(s.wire.initiatedBy)) continue;
    const updated = Date.parse(s.wire.updatedAt);
    if ((before !== undefined && updated >= before) || (from !== undefined && updated < from)) continue;
    for (const t of ownTransfers(books, s, clientId)) {
      if (currencies && !currencies.has(t.currency)) continue;
      if (transferStatuses && !transferStatuses.has(t.status)) continue;
      rows.push({ t, s });
    }
  }
  // BitGo's final order (createdAt, then id, ascending) stays under the chosen sort, whatever its direction.
  rows.sort((a, b) => {
    if (sortField === 'updatedAt' && a.t.updatedAt !== b.t.updatedAt) return (a.t.updatedAt < b.t.updatedAt ? -1 : 1) * (sortDirection === 'DESC' ? -1 : 1);
    return byCreation({ wire: a.t }, { wire: b.t });
  });
  return page(rows, p).map(({ t, s }) => maskedTransferOut(books, t, s));
}

function listDisputes(books: Books, enterpriseId: string, view: View, query: Query): StoredDispute[] {
  const f = {
    settlementIds: uuids(query, 'settlementIds'),
    settledIn: uuids(query, 'settledInSettlementIds'),
    connectionIds: uuids(query, 'connectionIds'),
    partnerIds: uuids(query, 'partnerIds'),
    closed: boolean(query, 'closed'),
    disputeIds: uuids(query, 'disputeIds'),
    closureIds: uuids(query, 'disputeClosureIds'),
    externalIds: view === 'partner' ? strings(query, 'settlementExternalIds') : undefined,
    settledInExternalIds: view === 'partner' ? strings(query, 'settledInSettlementExternalIds') : undefined,
    clientIds: view === 'partner' ? uuids(query, 'clientIds') : undefined,
    // The partner's list leaves retracted disputes out unless asked: they hold nothing back.
    showRetracted: view === 'partner' ? boolean(query, 'showRetracted') === true : true,
  };
  const externalOf = (id: string | undefined) => (id === undefined ? undefined : books.settlements.get(id)?.wire.externalId);
  return books.settlements
    .disputes()
    .filter((d) => (view === 'client' ? d.clientId === enterpriseId : d.partnerId === enterpriseId))
    .filter((d) => {
      const w = d.wire;
      if (f.settlementIds && !f.settlementIds.has(w.disputedSettlementId)) return false;
      if (f.settledIn && !(w.settledInSettlementId && f.settledIn.has(w.settledInSettlementId))) return false;
      if (f.connectionIds && !f.connectionIds.has(w.connectionId)) return false;
      if (f.partnerIds && !f.partnerIds.has(d.partnerId)) return false;
      if (f.closed !== undefined && f.closed !== (d.closure !== undefined)) return false;
      if (f.disputeIds && !f.disputeIds.has(w.id)) return false;
      if (f.closureIds && !(d.closure && f.closureIds.has(d.closure.id))) return false;
      if (f.externalIds && !f.externalIds.has(externalOf(w.disputedSettlementId) ?? '')) return false;
      if (f.settledInExternalIds && !f.settledInExternalIds.has(externalOf(w.settledInSettlementId) ?? '')) return false;
      if (f.clientIds && !f.clientIds.has(d.clientId)) return false;
      if (!f.showRetracted && w.retracted) return false;
      return true;
    })
    .sort(byCreation);
}
