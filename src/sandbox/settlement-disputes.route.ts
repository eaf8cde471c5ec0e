import { authorize } from './auth.js';
import type { Books } from './books.js';
import { badRequest, HttpError, notFound, ok, uuidParam, type Route, type RouteContext, type RouteResult } from './http.js';
import { object, optionalString, requiredString, requiredUuid } from './request-body.js';
import type { StoredDispute } from './settlement-books.js';
import { expectedTransfers, signed } from './settlement-body.js';
import { windowOpen } from './settlement-engine.js';
import { closeDispute, raiseDispute, setRetracted } from './settlement-disputes.js';
import { closureWire, disputeOut } from './settlement-output.js';
import { disputeClosurePayload, disputePayload, disputeUpdatePayload } from './settlement-payload.js';
import { ownTransfers, visibleSettlement } from './settlement-reads.route.js';
import { checkPayload, checkSignature } from './verify.js';

const BASE = '^/api/network/v1/enterprises/(?<enterpriseId>[^/]+)/clients/settlements';

/**
 * A client's disputes, each a signed request (settlement-payload.ts says what is signed): raise one on a v2 settlement
 * inside its window, retract or un-retract it inside the window, close it at any time. A request repeated with the
 * same nonce and payload is answered with the dispute as it now stands; a nonce reused for anything else is a replay
 * (400). Outside the window: 422; a second open dispute of one connection on one settlement, or a change to a closed
 * one: 409.
 */
export function settlementDisputeRoutes(books: Books): Route[] {
  return [
    { method: 'POST', pattern: new RegExp(`${BASE}/(?<settlementId>[^/]+)/disputes$`), handler: (ctx) => create(books, ctx) },
    { method: 'PUT', pattern: new RegExp(`${BASE}/disputes/(?<disputeId>[^/]+)$`), handler: (ctx) => update(books, ctx) },
    { method: 'POST', pattern: new RegExp(`${BASE}/disputes/(?<disputeId>[^/]+)/close$`), handler: (ctx) => close(books, ctx) },
  ];
}

const WINDOW_CLOSED = 'The dispute window for this settlement has closed';

/** Checks the signed request; answers the dispute when it is an exact repeat of one already acted on. */
function verified(books: Books, enterpriseId: string, nonce: string, payload: string, expected: string, signature: string): StoredDispute | undefined {
  checkPayload(payload, expected);
  checkSignature(books, enterpriseId, payload, signature);
  const seen = books.settlements.disputeByNonce(nonce);
  if (seen !== undefined && seen.payload === payload && seen.dispute.clientId === enterpriseId) return seen.dispute;
  if (books.nonceSeen(enterpriseId, nonce)) throw badRequest('nonce has already been used: replayed request refused');
  return undefined;
}

function create(books: Books, ctx: RouteContext): RouteResult {
  const enterpriseId = ctx.params.enterpriseId!;
  const grant = authorize(books, ctx, enterpriseId, 'write');
  const settlementId = uuidParam(ctx, 'settlementId');
  const body = object(ctx.body);
  const fields = {
    connectionId: requiredUuid(body, 'connectionId').toLowerCase(),
    reason: optionalString(body, 'reason'),
    expectedTransfers: expectedTransfers(body.expectedTransfers ?? null, 'expectedTransfers'),
    nonce: requiredString(body, 'nonce'),
  };
  const { payload, signature } = signed(body);
  const s = books.settlements.get(settlementId);
  if (!visibleSettlement(books, s, enterpriseId, 'client')) throw notFound(`Settlement ${settlementId} not found`);
  const repeat = verified(books, enterpriseId, fields.nonce, payload, disputePayload({ ...fields, connectionId: String(body.connectionId) }, settlementId, enterpriseId), signature);
  if (repeat) return ok({ dispute: disputeOut(books, repeat) });
  if (!ownTransfers(books, s, enterpriseId).some((t) => t.connectionId === fields.connectionId)) throw badRequest(`connection ${fields.connectionId} has no transfers in settlement ${settlementId}`);
  if (s.version !== 'v2') throw new HttpError(422, 'This settlement cannot be disputed: its partner does not have disputes enabled');
  if (!windowOpen(books, s)) throw new HttpError(422, WINDOW_CLOSED);
  const open = books.settlements.disputes().find((d) => d.wire.disputedSettlementId === settlementId && d.wire.connectionId === fields.connectionId && d.closure === undefined);
  if (open) throw new HttpError(409, `Dispute ${open.wire.id} is already open for this settlement and connection`);
  books.useNonce(enterpriseId, fields.nonce);
  const d = raiseDispute(books, s, { ...fields, clientId: enterpriseId, userId: grant.userId ?? 'sandbox-user', signed: { nonce: fields.nonce, payload } });
  return ok({ dispute: disputeOut(books, d) });
}

function clientDispute(books: Books, ctx: RouteContext, enterpriseId: string): StoredDispute {
  const disputeId = uuidParam(ctx, 'disputeId');
  const d = books.settlements.dispute(disputeId);
  if (d === undefined || d.clientId !== enterpriseId) throw notFound(`Dispute ${disputeId} not found`);
  return d;
}

function update(books: Books, ctx: RouteContext): RouteResult {
  const enterpriseId = ctx.params.enterpriseId!;
  const grant = authorize(books, ctx, enterpriseId, 'write');
  const body = object(ctx.body);
  if (typeof body.retracted !== 'boolean') throw badRequest('retracted is required and must be a boolean');
  const fields = {
    connectionId: requiredUuid(body, 'connectionId'),
    retracted: body.retracted,
    reason: optionalString(body, 'reason'),
    expectedTransfers: body.expectedTransfers === undefined || body.expectedTransfers === null ? undefined : expectedTransfers(body.expectedTransfers, 'expectedTransfers'),
    nonce: requiredString(body, 'nonce'),
  };
  const { payload, signature } = signed(body);
  const d = clientDispute(books, ctx, enterpriseId);
  const repeat = verified(books, enterpriseId, fields.nonce, payload, disputeUpdatePayload(fields, d.wire.id, d.wire.disputedSettlementId, enterpriseId), signature);
  if (repeat) return ok({ dispute: disputeOut(books, repeat) });
  if (fields.connectionId.toLowerCase() !== d.wire.connectionId) throw badRequest(`dispute ${d.wire.id} was not raised under connection ${fields.connectionId}`);
  if (d.closure !== undefined) throw new HttpError(409, `Dispute ${d.wire.id} is closed`);
  if (!windowOpen(books, books.settlements.get(d.wire.disputedSettlementId)!)) throw new HttpError(422, WINDOW_CLOSED);
  books.useNonce(enterpriseId, fields.nonce);
  setRetracted(books, d, { ...fields, userId: grant.userId ?? 'sandbox-user', signed: { nonce: fields.nonce, payload } });
  return ok({ dispute: disputeOut(books, d) });
}

function close(books: Books, ctx: RouteContext): RouteResult {
  const enterpriseId = ctx.params.enterpriseId!;
  const grant = authorize(books, ctx, enterpriseId, 'write');
  const body = object(ctx.body);
  const fields = { notes: requiredString(body, 'notes'), nonce: requiredString(body, 'nonce') };
  const { payload, signature } = signed(body);
  const d = clientDispute(books, ctx, enterpriseId);
  const repeat = verified(books, enterpriseId, fields.nonce, payload, disputeClosurePayload(fields, d.wire.id, enterpriseId), signature);
  if (repeat?.closure) return ok({ disputeClosure: closureWire(repeat) });
  if (d.closure !== undefined) throw new HttpError(409, `Dispute ${d.wire.id} is already closed`);
  books.useNonce(enterpriseId, fields.nonce);
  closeDispute(books, d, { ...fields, userId: grant.userId ?? 'sandbox-user', signed: { nonce: fields.nonce, payload } });
  return ok({ disputeClosure: closureWire(d) });
}
