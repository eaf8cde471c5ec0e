/**
 * Wire shapes of BitGo's Go Network allocation endpoints, mirroring
 * docs/bitgo/oes-openapi.yaml. Quantities are base-unit decimal strings.
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

