import { randomUUID } from 'node:crypto';
import type { AllocationRecord, AllocationType } from './wire.types.js';
import { authorize } from './auth.js';
import type { Books } from './books.js';
import { canFund, hold, settleHeld, transfer } from './funds.js';
import { badRequest, uuidParam, type Route, type RouteContext, type RouteResult } from './http.js';
import { AWAITING_PARTNER, RETRY_IDENTICAL, wireRecord, writeAnswer } from './records.js';
import { allocateFields, type AllocateFields } from './request-body.js';
import { allocatePayload } from './payload.js';
import { checkSupportedCurrency } from './partners.route.js';
import { clientConnection } from './signing.route.js';
import type { AnyConnection, StoredRecord } from './types.js';
import { checkPayload, checkSignature } from './verify.js';

const BASE = '^/api/network/v1/enterprises/(?<enterpriseId>[^/]+)/clients/connections/(?<connectionId>[^/]+)';

/** POST …/clients/connections/{connectionId}/allocations and …/deallocations. */
export function writeRoutes(books: Books): Route[] {
  return (['allocation', 'deallocation'] as const).map((type) => ({
    method: 'POST',
    pattern: new RegExp(`${BASE}/${type}s$`),
    handler: (ctx: RouteContext) => write(books, ctx, type),
  }));
}

/**
 * Synchronous from the idempotency lookup to the insert, so concurrent
 * identical requests cannot both create a record.
 */
function write(books: Books, ctx: RouteContext, type: AllocationType): RouteResult {
  const enterpriseId = ctx.params.enterpriseId!;
  const grant = authorize(books, ctx, enterpriseId, 'write');
  const connectionId = uuidParam(ctx, 'connectionId');
  const body = allocateFields(ctx.body);
  const connection = clientConnection(books, enterpriseId, connectionId);
  checkSupportedCurrency(books, connection, body.amount.currency);
  checkPayload(body.payload, allocatePayload(body, connection.id, enterpriseId));
  checkSignature(books, enterpriseId, body.payload, body.signature);

  // The same clientExternalId never makes a second record, whatever else differs.
  const existing = books.storedByClientExternalId(enterpriseId, type, body.clientExternalId);
  if (existing !== undefined) return resend(books, existing, body, connection);
  if (books.nonceSeen(enterpriseId, body.nonce)) throw badRequest('nonce has already been used: replayed request refused');
  books.useNonce(enterpriseId, body.nonce);

  const now = new Date().toISOString();
  const record: AllocationRecord = {
    id: randomUUID(),
    amount: body.amount,
    connectionId: connection.id,
    clientExternalId: body.clientExternalId,
    initiatedBy: grant.userId ?? 'sandbox-user',
    ...(body.notes === undefined ? {} : { notes: body.notes }),
    createdAt: now,
    updatedAt: now,
    retriable: false,
    reason: null,
    status: 'cleared',
    type,
  };
  const stored: StoredRecord = { wire: record, ownerId: enterpriseId, payload: body.payload, signature: body.signature };
  if (!connection.active) {
    Object.assign(record, { status: 'released', reason: 'connection is inactive' });
  } else if (!connection.initialized) {
    Object.assign(record, { status: 'released', reason: 'connection is not initialized by the partner' });
  } else if (!canFund(books.ledger, record, enterpriseId)) {
    Object.assign(record, { status: 'released', reason: 'insufficient balance' });
  } else if (ctx.fault?.retriableReserved) {
    Object.assign(record, { status: 'reserved', retriable: true, reason: RETRY_IDENTICAL });
    hold(books.ledger, record, enterpriseId);
  } else if (connection.async) {
    Object.assign(record, { status: 'reserved', reason: AWAITING_PARTNER });
    hold(books.ledger, record, enterpriseId);
  } else {
    transfer(books.ledger, record, enterpriseId);
  }
  books.insert(stored);
  return writeAnswer(record);
}

/**
 * A request under an existing clientExternalId gets the existing record. Only
 * the byte-identical request (same payload and signature) may finish a
 * record that was left reserved and retriable.
 */
function resend(books: Books, existing: StoredRecord, body: AllocateFields, connection: AnyConnection): RouteResult {
  const identical = existing.payload === body.payload && existing.signature === body.signature;
  const w = existing.wire;
  if (identical && w.status === 'reserved' && w.retriable) {
    const recordConnection = books.connection(w.connectionId) ?? connection;
    const changes: Partial<AllocationRecord> = recordConnection.async
      ? { retriable: false, reason: AWAITING_PARTNER }
      : { retriable: false, reason: null, status: 'cleared' };
    if (changes.status === 'cleared') settleHeld(books.ledger, w, existing.ownerId);
    books.updateRecord(existing, wireRecord({ ...w, ...changes, updatedAt: new Date().toISOString() }));
  }
  return writeAnswer(existing.wire);
}
