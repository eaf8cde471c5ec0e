import { authorize } from './auth.js';
import type { Books } from './books.js';
import { ok, uuidParam, type Route, type RouteContext, type RouteResult } from './http.js';
import { boolean, page, paging, strings, uuids, type Query } from './query-params.js';
import { clientConnection } from './signing.route.js';
import type { AnyConnection, View } from './types.js';
import type { V1ConnectionOutput, V1ConnectionPayload, V1ConnectionsGetOkPayload } from './wire.types.js';

const BASE = '^/api/network/v1/enterprises/(?<enterpriseId>[^/]+)';

/** GET …/clients/connections, …/clients/connections/{connectionId} and …/partners/connections. */
export function connectionRoutes(books: Books): Route[] {
  return [
    { method: 'GET', pattern: new RegExp(`${BASE}/clients/connections$`), handler: (ctx) => list(books, ctx, 'client') },
    { method: 'GET', pattern: new RegExp(`${BASE}/clients/connections/(?<connectionId>[^/]+)$`), handler: (ctx) => getOne(books, ctx) },
    { method: 'GET', pattern: new RegExp(`${BASE}/partners/connections$`), handler: (ctx) => list(books, ctx, 'partner') },
  ];
}

type Predicate = (c: AnyConnection) => boolean;

/**
 * The filters each view's operation lists in the OpenAPI, ANDed; each list
 * filter matches any of its values. Partner-side ids never match a pending
 * connection, whose partner ids are null.
 */
function filters(query: Query, view: View): Predicate[] {
  const out: Predicate[] = [];
  const active = boolean(query, 'active');
  if (active !== undefined) out.push((c) => c.active === active);
  const connectionIds = uuids(query, 'connectionIds');
  if (connectionIds) out.push((c) => connectionIds.has(c.id));
  const partnerIds = uuids(query, 'partnerIds');
  if (partnerIds) out.push((c) => partnerIds.has(c.partnerId));
  if (view === 'client') {
    const names = strings(query, 'names');
    if (names) out.push((c) => names.has(c.name));
  } else {
    const clientIds = uuids(query, 'clientIds');
    if (clientIds) out.push((c) => clientIds.has(c.clientId));
    const partnersClientIds = strings(query, 'partnersClientIds');
    if (partnersClientIds) out.push((c) => c.partnersClientId !== null && partnersClientIds.has(c.partnersClientId));
    const partnersConnectionIds = strings(query, 'partnersConnectionIds');
    if (partnersConnectionIds) out.push((c) => c.partnersConnectionId !== null && partnersConnectionIds.has(c.partnersConnectionId));
  }
  return out;
}

/** Oldest first, then by id: a total order, so pages neither skip nor repeat. */
export function byCreation(a: AnyConnection, b: AnyConnection): number {
  const t = Date.parse(a.createdAt) - Date.parse(b.createdAt);
  return t !== 0 ? t : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function list(books: Books, ctx: RouteContext, view: View): RouteResult {
  const enterpriseId = ctx.params.enterpriseId!;
  authorize(books, ctx, enterpriseId, 'read');
  const p = paging(ctx.query);
  const predicates = filters(ctx.query, view);
  const selected = books.connections(enterpriseId, view).filter((c) => predicates.every((f) => f(c)));
  const body: V1ConnectionsGetOkPayload = { connections: page(selected.sort(byCreation), p).map(connectionOutput) };
  return ok(body);
}

function getOne(books: Books, ctx: RouteContext): RouteResult {
  const enterpriseId = ctx.params.enterpriseId!;
  authorize(books, ctx, enterpriseId, 'read');
  const connection = clientConnection(books, enterpriseId, uuidParam(ctx, 'connectionId'));
  const body: V1ConnectionPayload = { connection: connectionOutput(connection) };
  return ok(body);
}

/** V1ConnectionOutput in the schema's key order; what only the sandbox knows (async, trust org) stays inside. */
export function connectionOutput(c: AnyConnection): V1ConnectionOutput {
  return {
    id: c.id,
    name: c.name,
    clientId: c.clientId,
    partnerId: c.partnerId,
    networkAccountId: c.networkAccountId,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    active: c.active,
    proof: c.proof,
    nonce: c.nonce,
    ...(c.evaluationId === undefined ? {} : { evaluationId: c.evaluationId }),
    ...(c.pendingApprovalId === undefined ? {} : { pendingApprovalId: c.pendingApprovalId }),
    ...(c.policyResult === undefined ? {} : { policyResult: c.policyResult }),
    partnersConnectionId: c.partnersConnectionId,
    partnersClientId: c.partnersClientId,
    initialized: c.initialized,
  };
}
