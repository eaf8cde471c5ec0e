import { authorize } from './auth.js';
import type { Books } from './books.js';
import { badRequest, HttpError, ok, type Route, type RouteContext, type RouteResult } from './http.js';
import { checkSupportedCurrency } from './partners.route.js';
import { object } from './request-body.js';
import type { StoredSettlement } from './settlement-books.js';
import { fingerprint, settlementFields, signed, type SettlementFields } from './settlement-body.js';
import { createSettlement } from './settlement-engine.js';
import { disputeOut, settlementOut } from './settlement-output.js';
import { settlementPayload } from './settlement-payload.js';
import { checkPayload, checkSignature } from './verify.js';

const V1 = '^/api/network/v1/enterprises/(?<enterpriseId>[^/]+)/partners';
const V2 = '^/api/network/v2/enterprises/(?<enterpriseId>[^/]+)/partners';

/**
 * A partner settles: `…/partners/settlements-signing` (GET with a JSON body, or POST) answers the canonical payload
 * (settlement-payload.ts); the signed POST then checks that payload against its own fields and the signature against
 * the partner's keys. v1 (`POST …/v1/…/partners/settlements`, and its deprecated twin `…/settlements/nonReconciled`)
 * settles at once and is refused with 403 for a partner with disputes enabled; v2 (`POST …/v2/…`, with `cutoffAt`)
 * holds the amounts until the dispute window has passed. Idempotent on `externalId`: the same settlement again is
 * answered with the one that exists (200), a different one under the same externalId is a conflict (409).
 */
export function settlementWriteRoutes(books: Books): Route[] {
  return [
    ...(['GET', 'POST'] as const).map((method) => ({ method, pattern: new RegExp(`${V1}/settlements-signing$`), handler: (ctx: RouteContext) => signing(books, ctx, method === 'GET' ? 'read' : 'write') })),
    { method: 'POST', pattern: new RegExp(`${V1}/settlements$`), handler: (ctx) => settle(books, ctx, 'v1') },
    { method: 'POST', pattern: new RegExp(`${V1}/settlements/nonReconciled$`), handler: (ctx) => settle(books, ctx, 'v1') },
    { method: 'POST', pattern: new RegExp(`${V2}/settlements$`), handler: (ctx) => settle(books, ctx, 'v2') },
  ];
}

/** The enterprise must be an active partner of the directory. */
function partnerOf(books: Books, enterpriseId: string): void {
  const partner = books.partner(enterpriseId);
  if (partner === undefined) throw new HttpError(403, 'Enterprise is not a Go Network partner');
  if (!partner.active) throw new HttpError(403, 'Partner is inactive');
}

/** Every connection is the partner's, initialized and active, and every currency one the partner accepts. */
function checkConnections(books: Books, enterpriseId: string, f: SettlementFields): void {
  for (const line of f.lines) {
    const c = books.connection(line.connectionId);
    if (c === undefined || c.partnerId !== enterpriseId) throw badRequest(`connection ${line.connectionId} is not a connection of this partner`);
    if (!c.active || !c.initialized) throw badRequest(`connection ${line.connectionId} is inactive`);
    checkSupportedCurrency(books, c, line.currency);
  }
}

function conflict(existing: StoredSettlement): HttpError {
  return new HttpError(409, `Settlement already exists with externalId ${existing.wire.externalId} and different properties`);
}

function signing(books: Books, ctx: RouteContext, access: 'read' | 'write'): RouteResult {
  const enterpriseId = ctx.params.enterpriseId!;
  authorize(books, ctx, enterpriseId, access);
  partnerOf(books, enterpriseId);
  const f = settlementFields(ctx.body, 'optional');
  checkConnections(books, enterpriseId, f);
  const existing = books.settlements.byExternal(enterpriseId, f.externalId);
  if (existing !== undefined && existing.fingerprint !== fingerprint(f)) throw conflict(existing);
  return ok({ payload: settlementPayload(f, enterpriseId) });
}

function settle(books: Books, ctx: RouteContext, version: 'v1' | 'v2'): RouteResult {
  const enterpriseId = ctx.params.enterpriseId!;
  const grant = authorize(books, ctx, enterpriseId, 'write');
  partnerOf(books, enterpriseId);
  const disputes = books.settlements.isDisputesEnabled(enterpriseId);
  if (version === 'v1' && disputes) {
    throw new HttpError(403, 'Partner has disputes enabled and cannot use the V1 settlement endpoint: use POST /api/network/v2/enterprises/{enterpriseId}/partners/settlements');
  }
  if (version === 'v2' && !disputes) {
    throw new HttpError(403, 'Partner does not have disputes enabled: use POST /api/network/v1/enterprises/{enterpriseId}/partners/settlements');
  }
  const body = object(ctx.body);
  const f = settlementFields(body, version === 'v2' ? 'required' : 'absent');
  const { payload, signature } = signed(body);
  checkPayload(payload, settlementPayload(f, enterpriseId));
  checkSignature(books, enterpriseId, payload, signature);

  const print = fingerprint(f);
  const existing = books.settlements.byExternal(enterpriseId, f.externalId);
  if (existing !== undefined) {
    if (existing.fingerprint !== print || existing.version !== version) throw conflict(existing);
    return answer(books, existing);
  }
  if (books.nonceSeen(enterpriseId, f.nonce)) throw badRequest('nonce has already been used: replayed request refused');
  checkConnections(books, enterpriseId, f);
  const made = createSettlement(books, {
    partnerId: enterpriseId,
    externalId: f.externalId,
    notes: f.notes,
    lines: f.lines,
    cutoffAt: f.cutoffAt,
    version,
    initiatedBy: grant.userId ?? 'sandbox-user',
    fingerprint: print,
    payload,
    signature,
  });
  // Refused before anything moved: no settlement, the nonce still unused (v1 lists no 422; v2 does, for exactly this).
  if ('refused' in made) throw new HttpError(version === 'v2' ? 422 : 400, made.refused);
  books.useNonce(enterpriseId, f.nonce);
  return answer(books, made.settlement);
}

function answer(books: Books, s: StoredSettlement): RouteResult {
  if (s.version === 'v1') return ok({ settlement: settlementOut(books, s) });
  const settling = books.settlements.disputes().filter((d) => d.wire.settledInSettlementId === s.wire.id && d.closure !== undefined);
  return ok({ settlement: { ...settlementOut(books, s), settlingDisputes: settling.map((d) => disputeOut(books, d)) } });
}
