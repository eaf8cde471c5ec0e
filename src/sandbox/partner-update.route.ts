import { authorize } from './auth.js';
import type { Books } from './books.js';
import { returnHeld, settleHeld } from './funds.js';
import { badRequest, HttpError, notFound, ok, type Route, type RouteContext, type RouteResult } from './http.js';
import { PARTNER_KINDS, partnerUpdate, type PartnerKind, type PartnerUpdate } from './partner-body.js';
import { wireRecord } from './records.js';
import type { StoredRecord } from './types.js';
import { checkPayload, checkSignature } from './verify.js';

const BASE = '^/api/network/v1/enterprises/(?<enterpriseId>[^/]+)/partners';

/** PUT …/partners/allocations and …/partners/deallocations: an async partner settles a reserved record. */
export function partnerUpdateRoutes(books: Books): Route[] {
  return PARTNER_KINDS.map((kind) => ({
    method: 'PUT',
    pattern: new RegExp(`${BASE}/${kind.type}s$`),
    handler: (ctx: RouteContext) => update(books, ctx, kind),
  }));
}

/**
 * Order of checks: auth; body shape; payload; signature (partner's key); the
 * record is the partner's (404); ids match the record (400); amount matches
 * (422: well-formed but not this record's amount); the connection is async
 * (422); a record already settled answers 200 if settled the same way, else
 * 409; a nonce seen before on a new update is a replay (400).
 */
function update(books: Books, ctx: RouteContext, kind: PartnerKind): RouteResult {
  const enterpriseId = ctx.params.enterpriseId!;
  authorize(books, ctx, enterpriseId, 'write');
  const body = partnerUpdate(ctx.body, kind);
  checkPayload(body.payload, body.expectedPayload);
  checkSignature(books, enterpriseId, body.payload, body.signature);

  const stored = books.record(body.recordId);
  const connection = stored === undefined ? undefined : books.connection(stored.wire.connectionId);
  if (stored === undefined || stored.wire.type !== kind.type || connection?.partnerId !== enterpriseId) {
    throw notFound(`${kind.type === 'allocation' ? 'Allocation' : 'Deallocation'} ${body.recordId} not found for this partner`);
  }
  const w = stored.wire;
  if (body.connectionId.toLowerCase() !== w.connectionId) throw badRequest(`connectionId does not match the ${kind.type}`);
  if (body.clientId.toLowerCase() !== connection.clientId) throw badRequest(`clientId does not match the ${kind.type}'s client`);
  if (body.partnersConnectionId !== connection.partnersConnectionId) throw badRequest('partnersConnectionId does not match the connection');
  if (body.partnersClientId !== connection.partnersClientId) throw badRequest('partnersClientId does not match the connection');
  if (body.amount.currency !== w.amount.currency || BigInt(body.amount.quantity) !== BigInt(w.amount.quantity)) {
    throw new HttpError(422, `amount does not match the ${kind.type}`);
  }
  if (!connection.async) throw new HttpError(422, 'connection does not use asynchronous allocations');

  if (w.status !== 'reserved') {
    if (w.status === body.status) return answer(stored, body, kind);
    throw new HttpError(409, `${kind.type} is already ${w.status}`);
  }
  if (books.nonceSeen(enterpriseId, body.nonce)) throw badRequest('nonce has already been used: replayed request refused');
  books.useNonce(enterpriseId, body.nonce);

  if (body.status === 'cleared') settleHeld(books.ledger, w, stored.ownerId);
  else returnHeld(books.ledger, w, stored.ownerId);
  books.updateRecord(stored, wireRecord({
    ...w,
    status: body.status,
    reason: body.status === 'released' ? body.rejectReason! : null,
    retriable: false,
    partnerExternalId: body.partnersRecordId,
    updatedAt: new Date().toISOString(),
    ...(body.evaluationId === undefined ? {} : { evaluationId: body.evaluationId }),
    ...(body.pendingApprovalId === undefined ? {} : { pendingApprovalId: body.pendingApprovalId }),
    ...(body.policyResult === undefined ? {} : { policyResult: body.policyResult }),
  }));
  return answer(stored, body, kind);
}

/** V1PartnerUpdateAllocationResponse (or its deallocation twin) from the record as it now stands. */
function answer(stored: StoredRecord, body: PartnerUpdate, kind: PartnerKind): RouteResult {
  const w = stored.wire;
  return ok({
    [kind.idKey]: w.id,
    amount: w.amount,
    clientId: body.clientId,
    connectionId: w.connectionId,
    partnersClientId: body.partnersClientId,
    partnersConnectionId: body.partnersConnectionId,
    [kind.partnerIdKey]: w.partnerExternalId ?? body.partnersRecordId,
    ...(w.evaluationId === undefined ? {} : { evaluationId: w.evaluationId }),
    ...(w.pendingApprovalId === undefined ? {} : { pendingApprovalId: w.pendingApprovalId }),
    ...(w.policyResult === undefined ? {} : { policyResult: w.policyResult }),
  });
}
