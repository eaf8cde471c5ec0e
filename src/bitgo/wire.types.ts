/**
 * Wire shapes of BitGo's Go Network allocation endpoints, mirroring
 * ../shared/bitgo/oes-openapi.yaml. Quantities are base-unit decimal strings.
 */

export type WireAllocationType = 'allocation' | 'deallocation';
export type WireAllocationStatus = 'cleared' | 'released' | 'reserved';
export type WirePolicyResult = 'approved' | 'rejected';
export type WireSortField = 'id' | 'updatedAt' | 'quantity' | 'currency';
export type WireSortDirection = 'ASC' | 'DESC';
export type WireView = 'client' | 'partner';

export interface WireAmount {
  currency: string;
  quantity: string;
}

/** V1AllocationGetOutput / items of V1AllocationsGetPayload.allocations. */
export interface WireAllocation {
  id: string;
  amount: WireAmount;
  connectionId: string;
  clientExternalId: string;
  partnerExternalId?: string;
  initiatedBy: string;
  notes?: string;
  createdAt: string;
  updatedAt: string;
  retriable: boolean;
  evaluationId?: string;
  pendingApprovalId?: string;
  policyResult?: WirePolicyResult;
  reason: string | null;
  status: WireAllocationStatus;
  type: WireAllocationType;
}

/** Query parameters of GET …/clients/allocations and …/partners/allocations (lists are joined with commas on the wire). */
export interface WireListQuery {
  allocationIds?: readonly string[];
  types?: readonly WireAllocationType[];
  statuses?: readonly WireAllocationStatus[];
  currencies?: readonly string[];
  connectionIds?: readonly string[];
  partnerIds?: readonly string[];
  /** Partner list only. */
  clientIds?: readonly string[];
  /** Accepted by some BitGo deployments. */
  trustOrg?: string;
  createdOnOrAfter?: string;
  createdBefore?: string;
  pageNumber?: number;
  pageSize?: number;
  sortField?: WireSortField;
  sortDirection?: WireSortDirection;
}

export interface WireAllocationsList {
  allocations: WireAllocation[];
}

export interface WireAllocationGet {
  allocation: WireAllocation;
}

export interface WireErrorPayload {
  error: string;
}

/** Body of POST …/{allocations|deallocations}/signing. */
export interface WireSigningRequest {
  amount: WireAmount;
  clientExternalId: string;
  nonce: string;
  notes?: string;
}

export interface WireSigningPayload {
  payload: string;
}

/** Body of POST …/connections/{connectionId}/{allocations|deallocations}. */
export interface WireAllocateRequest extends WireSigningRequest {
  payload: string;
  signature: string;
}

/** 200, 422 and 500 bodies of the allocate route (deallocations answer under `deallocation`). */
export interface WireAllocateResponse {
  allocation?: WireAllocation;
  deallocation?: WireAllocation;
  error?: string;
}

/** What identifies an allocation on both sides of a partner update: V1PartnerUpdateAllocationResponse. */
export interface WirePartnerUpdateResponse {
  allocationId: string;
  amount: WireAmount;
  clientId: string;
  connectionId: string;
  partnersClientId: string;
  partnersConnectionId: string;
  partnersAllocationId: string;
  evaluationId?: string;
  pendingApprovalId?: string;
  policyResult?: WirePolicyResult;
}

/** Body of PUT …/partners/allocations, without payload and signature. */
export interface WirePartnerUpdateFields extends WirePartnerUpdateResponse {
  status: 'cleared' | 'released';
  rejectReason?: string;
  nonce: string;
}

export interface WirePartnerUpdateRequest extends WirePartnerUpdateFields {
  payload: string;
  signature: string;
}

/** The keys of the partner-update payload, in the order the contract signs them. */
export const PARTNER_UPDATE_PAYLOAD_KEYS = [
  'status',
  'rejectReason',
  'allocationId',
  'amount',
  'clientId',
  'connectionId',
  'partnersClientId',
  'partnersConnectionId',
  'partnersAllocationId',
  'nonce',
] as const;

/** The same for PUT …/partners/deallocations, whose ids are named for deallocations. */
export const PARTNER_DEALLOCATION_UPDATE_PAYLOAD_KEYS = [
  'status',
  'rejectReason',
  'deallocationId',
  'amount',
  'clientId',
  'connectionId',
  'partnersClientId',
  'partnersConnectionId',
  'partnersDeallocationId',
  'nonce',
] as const;

/** The keys of the allocate/deallocate payload, in BitGo's canonical order (see signing-vectors.json). */
export const ALLOCATE_PAYLOAD_KEYS = ['amount', 'clientExternalId', 'nonce', 'notes', 'connectionId', 'enterpriseId'] as const;

/** Build a payload string with `keys` in order, leaving out absent ones. */
export function canonicalPayload(keys: readonly string[], fields: object): string {
  const ordered: Record<string, unknown> = {};
  for (const key of keys) {
    const value = (fields as Record<string, unknown>)[key];
    if (value !== undefined && value !== null) ordered[key] = value;
  }
  return JSON.stringify(ordered);
}
