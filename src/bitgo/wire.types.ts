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


/** V1ConnectionOutput: a Go Network connection as both list routes and the client's get route answer it. */
export interface WireConnection {
  id: string;
  name: string;
  clientId: string;
  partnerId: string;
  networkAccountId: string;
  createdAt: string;
  updatedAt: string;
  active: boolean;
  proof: string;
  nonce: string;
  evaluationId?: string;
  pendingApprovalId?: string;
  policyResult?: WirePolicyResult;
  /** null until the partner has initialized the connection. */
  partnersConnectionId: string | null;
  partnersClientId: string | null;
  initialized: boolean;
}

/** Query parameters of GET …/clients/connections and …/partners/connections (lists comma-joined on the wire). */
export interface WireConnectionListQuery {
  connectionIds?: readonly string[];
  partnerIds?: readonly string[];
  active?: boolean;
  /** Client list only. */
  names?: readonly string[];
  /** Partner list only. */
  clientIds?: readonly string[];
  partnersClientIds?: readonly string[];
  partnersConnectionIds?: readonly string[];
  pageNumber?: number;
  pageSize?: number;
}

/** V1ConnectionsGetOkPayload. */
export interface WireConnectionsList {
  connections: WireConnection[];
}

/** V1ConnectionPayload. */
export interface WireConnectionGet {
  connection: WireConnection;
}

/** One currency of AccountBalanceRecord / V1PartnerAccountBalanceRecordOutput: base-unit amounts as strings. */
export interface WireBalanceEntry {
  available: string;
  held: string;
}

/** Currency code → balance. */
export type WireBalanceRecord = Record<string, WireBalanceEntry>;

/** A value of NetworkAccountBalanceRecordForClient (keyed by connection id). */
export interface WireClientNetworkBalance {
  partnerId: string;
  partnersConnectionId: string;
  name: string;
  partnerInstitutionIdentifier: string;
  balances: WireBalanceRecord;
}

/** V1ClientBalancesGetPayload. */
export interface WireClientBalances {
  clientId: string;
  balances: WireBalanceRecord;
  networkBalances: Record<string, WireClientNetworkBalance>;
}

/** A value of V1PartnerNetworkAccountBalanceRecordOutput (keyed by connection id). */
export interface WirePartnerNetworkBalance {
  clientId: string;
  partnerId: string;
  partnersConnectionId: string;
  /** Keys in the partner's currency naming; amounts may be decimal strings depending on the partner's configuration. */
  balances: WireBalanceRecord;
}

/** V1PartnerBalancesGetPayload: `balances` is left out when the partner may not see its own account. */
export interface WirePartnerBalances {
  networkBalances: Record<string, WirePartnerNetworkBalance>;
  balances?: WireBalanceRecord;
}

/** Query parameters of GET …/clients/balances and …/partners/balances; paging counts connections. */
export interface WireBalancesQuery {
  connectionIds?: readonly string[];
  partnerIds?: readonly string[];
  /** Partner report only. */
  clientIds?: readonly string[];
  partnersConnectionIds?: readonly string[];
  pageNumber?: number;
  pageSize?: number;
}
