import { badRequest } from './http.js';
import { partnerAllocationUpdatePayload, partnerDeallocationUpdatePayload, type PartnerUpdatePayloadFields } from './payload.js';
import { amount, object, oneOf, optionalString, requiredString, requiredUuid } from './request-body.js';
import type { AllocationType, PolicyResult } from './wire.types.js';

/**
 * The partner-update body for allocations and for deallocations: the same
 * fields, except that the record's id is `allocationId`/`deallocationId` and
 * the partner's own id `partnersAllocationId`/`partnersDeallocationId`.
 */
export interface PartnerKind {
  type: AllocationType;
  idKey: 'allocationId' | 'deallocationId';
  partnerIdKey: 'partnersAllocationId' | 'partnersDeallocationId';
  payload: (fields: PartnerUpdatePayloadFields) => string;
}

export const PARTNER_KINDS: readonly PartnerKind[] = [
  { type: 'allocation', idKey: 'allocationId', partnerIdKey: 'partnersAllocationId', payload: partnerAllocationUpdatePayload },
  { type: 'deallocation', idKey: 'deallocationId', partnerIdKey: 'partnersDeallocationId', payload: partnerDeallocationUpdatePayload },
];

/** The update as sent: the fields its payload is made of, BitGo's policy fields, and the payload and signature. */
export interface PartnerUpdate extends PartnerUpdatePayloadFields {
  evaluationId?: string;
  pendingApprovalId?: string;
  policyResult?: PolicyResult;
  payload: string;
  signature: string;
  /** What the payload must equal. */
  expectedPayload: string;
}

export function partnerUpdate(body: unknown, kind: PartnerKind): PartnerUpdate {
  const f = object(body);
  const status = oneOf(f, 'status', ['cleared', 'released'] as const, true)!;
  const rejectReason = optionalString(f, 'rejectReason');
  if (status === 'released' && rejectReason === undefined) throw badRequest('rejectReason is required when status is released');
  if (status === 'cleared' && rejectReason !== undefined) throw badRequest('rejectReason is only allowed when status is released');
  // The payload is signed over the id as sent; the lookup uses it lower-cased.
  const sentId = requiredUuid(f, kind.idKey);
  const update: PartnerUpdate = {
    status,
    recordId: sentId.toLowerCase(),
    amount: amount(f, { knownCurrency: false }),
    clientId: requiredUuid(f, 'clientId'),
    connectionId: requiredUuid(f, 'connectionId'),
    partnersClientId: requiredString(f, 'partnersClientId'),
    partnersConnectionId: requiredString(f, 'partnersConnectionId'),
    partnersRecordId: requiredString(f, kind.partnerIdKey),
    nonce: requiredString(f, 'nonce'),
    payload: requiredString(f, 'payload'),
    signature: requiredString(f, 'signature'),
    expectedPayload: '',
  };
  if (rejectReason !== undefined) update.rejectReason = rejectReason;
  const evaluationId = optionalString(f, 'evaluationId');
  if (evaluationId !== undefined) update.evaluationId = evaluationId;
  const pendingApprovalId = optionalString(f, 'pendingApprovalId');
  if (pendingApprovalId !== undefined) update.pendingApprovalId = pendingApprovalId;
  const policyResult = oneOf(f, 'policyResult', ['approved', 'rejected'] as const, false);
  if (policyResult !== undefined) update.policyResult = policyResult;
  update.expectedPayload = kind.payload({
    status,
    rejectReason,
    recordId: sentId,
    amount: update.amount,
    clientId: update.clientId,
    connectionId: update.connectionId,
    partnersClientId: update.partnersClientId,
    partnersConnectionId: update.partnersConnectionId,
    partnersRecordId: update.partnersRecordId,
    nonce: update.nonce,
  });
  return update;
}
