import { canonicalPayload, PARTNER_DEALLOCATION_UPDATE_PAYLOAD_KEYS, PARTNER_UPDATE_PAYLOAD_KEYS } from '../bitgo/payloads.js';
import type { WireAmount, WireAllocationType, WirePolicyResult } from '../bitgo/wire.types.js';
import { badRequest } from './http.js';
import { amount, object, oneOf, optionalString, requiredString, requiredUuid } from './request-body.js';

/**
 * The partner-update body for allocations and for deallocations: the same
 * fields, except that the record's id is `allocationId`/`deallocationId` and
 * the partner's own id `partnersAllocationId`/`partnersDeallocationId`.
 */
export interface PartnerKind {
  type: WireAllocationType;
  idKey: 'allocationId' | 'deallocationId';
  partnerIdKey: 'partnersAllocationId' | 'partnersDeallocationId';
  payloadKeys: readonly string[];
}

export const PARTNER_KINDS: readonly PartnerKind[] = [
  { type: 'allocation', idKey: 'allocationId', partnerIdKey: 'partnersAllocationId', payloadKeys: PARTNER_UPDATE_PAYLOAD_KEYS },
  {
    type: 'deallocation',
    idKey: 'deallocationId',
    partnerIdKey: 'partnersDeallocationId',
    payloadKeys: PARTNER_DEALLOCATION_UPDATE_PAYLOAD_KEYS,
  },
];

export interface PartnerUpdate {
  status: 'cleared' | 'released';
  rejectReason?: string;
  recordId: string;
  amount: WireAmount;
  clientId: string;
  connectionId: string;
  partnersClientId: string;
  partnersConnectionId: string;
  partnersRecordId: string;
  nonce: string;
  evaluationId?: string;
  pendingApprovalId?: string;
  policyResult?: WirePolicyResult;
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
  const update: PartnerUpdate = {
    status,
    recordId: requiredUuid(f, kind.idKey).toLowerCase(),
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
  update.expectedPayload = canonicalPayload(kind.payloadKeys, {
    status,
    rejectReason,
    [kind.idKey]: f[kind.idKey],
    amount: { currency: update.amount.currency, quantity: update.amount.quantity },
    clientId: update.clientId,
    connectionId: update.connectionId,
    partnersClientId: update.partnersClientId,
    partnersConnectionId: update.partnersConnectionId,
    [kind.partnerIdKey]: update.partnersRecordId,
    nonce: update.nonce,
  });
  return update;
}
