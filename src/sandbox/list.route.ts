import type { AllocationRecord } from './wire.types.js';
import { authorize } from './auth.js';
import type { Books } from './books.js';
import { notFound, ok, uuidParam, type Route, type RouteContext, type RouteResult } from './http.js';
import { parseListQuery, type ListFilter } from './list-query.js';
import { keysOf, sortRecords } from './order.js';
import { page } from './query-params.js';
import type { StoredRecord, View } from './types.js';

const BASE = '^/api/network/v1/enterprises/(?<enterpriseId>[^/]+)';

/** GET list and GET one, for the client and the partner view. */
export function listRoutes(books: Books): Route[] {
  return (['client', 'partner'] as const).flatMap((view): Route[] => [
    { method: 'GET', pattern: new RegExp(`${BASE}/${view}s/allocations$`), handler: (ctx) => list(books, ctx, view) },
    { method: 'GET', pattern: new RegExp(`${BASE}/${view}s/allocations/(?<allocationId>[^/]+)$`), handler: (ctx) => getOne(books, ctx, view) },
  ]);
}

function list(books: Books, ctx: RouteContext, view: View): RouteResult {
  const enterpriseId = ctx.params.enterpriseId!;
  authorize(books, ctx, enterpriseId, 'read');
  const filter = parseListQuery(ctx.query, view);
  const selected: AllocationRecord[] = [];
  for (const r of books.visible(enterpriseId, view)) if (matches(books, r, filter)) selected.push(r.wire);
  return ok({ allocations: page(sortRecords(selected, filter.sortField, filter.sortDirection), filter) });
}

function getOne(books: Books, ctx: RouteContext, view: View): RouteResult {
  const enterpriseId = ctx.params.enterpriseId!;
  authorize(books, ctx, enterpriseId, 'read');
  const id = uuidParam(ctx, 'allocationId');
  const r = books.record(id);
  const visible = r !== undefined && (view === 'client' ? r.ownerId === enterpriseId : books.connection(r.wire.connectionId)?.partnerId === enterpriseId);
  if (!visible) throw notFound(`Allocation ${id} not found`);
  return ok({ allocation: r.wire });
}

function matches(books: Books, r: StoredRecord, f: ListFilter): boolean {
  const w = r.wire;
  if (f.allocationIds && !f.allocationIds.has(w.id)) return false;
  if (f.types && !f.types.has(w.type)) return false;
  if (f.statuses && !f.statuses.has(w.status)) return false;
  if (f.currencies && !f.currencies.has(w.amount.currency)) return false;
  if (f.connectionIds && !f.connectionIds.has(w.connectionId)) return false;
  if (f.createdOnOrAfter !== undefined || f.createdBefore !== undefined) {
    const created = keysOf(w).created;
    if (f.createdOnOrAfter !== undefined && !(created >= f.createdOnOrAfter)) return false;
    // The OpenAPI text says "created on or before this date", whatever the name suggests.
    if (f.createdBefore !== undefined && !(created <= f.createdBefore)) return false;
  }
  if (f.partnerIds || f.clientIds || f.trustOrg) {
    const c = books.connection(w.connectionId);
    if (f.partnerIds && !(c && f.partnerIds.has(c.partnerId))) return false;
    if (f.clientIds && !(c && f.clientIds.has(c.clientId))) return false;
    if (f.trustOrg && c?.trustOrg !== f.trustOrg) return false;
  }
  return true;
}
