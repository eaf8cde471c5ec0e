/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** An allocation (or deallocation) request. The gateway gets BitGo's payload, signs it and submits it. */
export type AllocateInput = {
  amount: AmountInput;
  /** Idempotency key. Generated (UUID v4) when absent and always returned: repeat the mutation with it to retry safely. */
  clientExternalId?: string | null | undefined;
  connectionId: string;
  /** Defaults to the gateway's configured enterprise. */
  enterpriseId?: string | null | undefined;
  notes?: string | null | undefined;
};

/** Every BitGo list filter. Lists match any of their values; absent means no filter. */
export type AllocationFilter = {
  /** PARTNER view only. */
  clientIds?: Array<string> | null | undefined;
  connectionIds?: Array<string> | null | undefined;
  /** Inclusive upper bound on createdAt ("created on or before", as BitGo documents it). */
  createdBefore?: string | null | undefined;
  /** Inclusive lower bound on createdAt. */
  createdOnOrAfter?: string | null | undefined;
  /** BitGo currency codes, e.g. "ofctbtc". */
  currencies?: Array<string> | null | undefined;
  /** Allocation ids (UUIDs), at most 100. */
  ids?: Array<string> | null | undefined;
  partnerIds?: Array<string> | null | undefined;
  statuses?: Array<AllocationStatus> | null | undefined;
  trustOrg?: TrustOrg | null | undefined;
  /** Defaults to both types. */
  types?: Array<AllocationType> | null | undefined;
};

/** Primary order; BitGo then orders by createdAt and id ascending, whatever the direction. */
export type AllocationOrder = {
  direction: OrderDirection;
  field: AllocationOrderField;
};

/** Primary sort key. BitGo always breaks ties by createdAt then id, both ascending. CURRENCY is for the CLIENT view only. */
export type AllocationOrderField =
  | 'CURRENCY'
  | 'ID'
  | 'QUANTITY'
  | 'UPDATED_AT';

/** RESERVED waits on the partner; CLEARED and RELEASED are final. */
export type AllocationStatus =
  | 'CLEARED'
  | 'RELEASED'
  | 'RESERVED';

/** What a record moves: funds to a connection (allocation) or back from it (deallocation). */
export type AllocationType =
  | 'ALLOCATION'
  | 'DEALLOCATION';

/** The final state a partner gives a reserved allocation. */
export type AllocationUpdateStatus =
  | 'CLEARED'
  | 'RELEASED';

/** Which side of the connections to read: the client that allocates (CLIENT) or the partner that receives (PARTNER). */
export type AllocationView =
  | 'CLIENT'
  | 'PARTNER';

/** An amount in base units. The quantity is a decimal integer string, never a number. */
export type AmountInput = {
  /** BitGo currency code, e.g. "ofctbtc". */
  currency: string;
  /** Positive base-unit integer, digits only, no leading zeros, at most 2^256 − 1. */
  quantity: string;
};

export type OrderDirection =
  | 'ASC'
  | 'DESC';

/** Outcome of a BitGo policy evaluation. */
export type PolicyResult =
  | 'APPROVED'
  | 'REJECTED';

/** COMMITTED before the first send; ATTEMPT before each send; ANSWER with what BitGo said (or why nothing came); ABANDONED when the gateway gave up. */
export type SignedRequestEventType =
  | 'ABANDONED'
  | 'ANSWER'
  | 'ATTEMPT'
  | 'COMMITTED';

/** Filters of the audit trail; every one given must hold. Lists match any of their values. */
export type SignedRequestFilter = {
  /** The allocation a request names or that BitGo answered with. */
  allocationId?: string | null | undefined;
  clientExternalId?: string | null | undefined;
  /** Exclusive upper bound on createdAt. */
  createdBefore?: string | null | undefined;
  /** Inclusive lower bound on createdAt. */
  createdOnOrAfter?: string | null | undefined;
  kinds?: Array<SignedRequestKind> | null | undefined;
  states?: Array<SignedRequestState> | null | undefined;
};

/** Which mutation signed the request: allocate, deallocate, or a partner's updateAllocation. */
export type SignedRequestKind =
  | 'ALLOCATE'
  | 'DEALLOCATE'
  | 'UPDATE_ALLOCATION';

/** PENDING: committed, no definite answer yet (or BitGo asked for the identical request again). UNKNOWN: sent, and what BitGo did is not known yet; the gateway keeps re-sending the same bytes. SETTLED: BitGo answered definitely. ABANDONED: no definite answer within the maximum age. */
export type SignedRequestState =
  | 'ABANDONED'
  | 'PENDING'
  | 'SETTLED'
  | 'UNKNOWN';

/** The BitGo trust entity that holds the funds. */
export type TrustOrg =
  | 'BITGO_CUSTODY_MENA_FZE'
  | 'BITGO_EUROPE_APS'
  | 'BITGO_GERMANY'
  | 'BITGO_INDIA'
  | 'BITGO_KOREA'
  | 'BITGO_NEW_YORK'
  | 'BITGO_SINGAPORE'
  | 'BITGO_SISTER_TRUST_1'
  | 'BITGO_SWITZERLAND'
  | 'BITGO_TRUST'
  | 'FRANKFURT_DE_TRUST';

/** A partner's decision on a reserved allocation (partners with asynchronous allocations only). */
export type UpdateAllocationInput = {
  /** The allocation's (or deallocation's) id. */
  allocationId: string;
  /** Must match the allocation's amount. */
  amount: AmountInput;
  clientId: string;
  connectionId: string;
  /** The partner enterprise; defaults to the gateway's configured enterprise. */
  enterpriseId?: string | null | undefined;
  evaluationId?: string | null | undefined;
  /** The partner's own id for the allocation (or deallocation). */
  partnersAllocationId: string;
  partnersClientId: string;
  partnersConnectionId: string;
  pendingApprovalId?: string | null | undefined;
  policyResult?: PolicyResult | null | undefined;
  /** Required for RELEASED, refused for CLEARED. */
  rejectReason?: string | null | undefined;
  status: AllocationUpdateStatus;
  /** ALLOCATION (default) or DEALLOCATION: deallocations to asynchronous partners are settled the same way. */
  type?: AllocationType | null | undefined;
};

/** Why a mutation did not do what was asked. */
export type UserErrorCode =
  | 'CONFLICT'
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'OUTCOME_UNKNOWN'
  | 'READ_FAILED'
  | 'REJECTED'
  | 'RELEASED';

export type AllocateMutationVariables = Exact<{
  input: AllocateInput;
}>;


export type AllocateMutation = { allocate: { clientExternalId: string, allocation: { id: string, type: AllocationType, status: AllocationStatus, connectionId: string, clientExternalId: string, partnerExternalId: string | null, initiatedBy: string, notes: string | null, createdAt: string, updatedAt: string, retriable: boolean, evaluationId: string | null, pendingApprovalId: string | null, policyResult: PolicyResult | null, reason: string | null, amount: { currency: string, quantity: string } } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type AllocationByIdQueryVariables = Exact<{
  id: string;
  enterpriseId?: string | null | undefined;
  view?: AllocationView | null | undefined;
}>;


export type AllocationByIdQuery = { allocation: { id: string, type: AllocationType, status: AllocationStatus, connectionId: string, clientExternalId: string, partnerExternalId: string | null, initiatedBy: string, notes: string | null, createdAt: string, updatedAt: string, retriable: boolean, evaluationId: string | null, pendingApprovalId: string | null, policyResult: PolicyResult | null, reason: string | null, amount: { currency: string, quantity: string } } | null };

export type AllocationFieldsFragment = { id: string, type: AllocationType, status: AllocationStatus, connectionId: string, clientExternalId: string, partnerExternalId: string | null, initiatedBy: string, notes: string | null, createdAt: string, updatedAt: string, retriable: boolean, evaluationId: string | null, pendingApprovalId: string | null, policyResult: PolicyResult | null, reason: string | null, amount: { currency: string, quantity: string } };

export type AllocationsPageQueryVariables = Exact<{
  enterpriseId?: string | null | undefined;
  view?: AllocationView | null | undefined;
  filter?: AllocationFilter | null | undefined;
  orderBy?: AllocationOrder | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type AllocationsPageQuery = { allocations: { edges: Array<{ cursor: string, node: { id: string, type: AllocationType, status: AllocationStatus, connectionId: string, clientExternalId: string, partnerExternalId: string | null, initiatedBy: string, notes: string | null, createdAt: string, updatedAt: string, retriable: boolean, evaluationId: string | null, pendingApprovalId: string | null, policyResult: PolicyResult | null, reason: string | null, amount: { currency: string, quantity: string } } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } };

export type DeallocateMutationVariables = Exact<{
  input: AllocateInput;
}>;


export type DeallocateMutation = { deallocate: { clientExternalId: string, allocation: { id: string, type: AllocationType, status: AllocationStatus, connectionId: string, clientExternalId: string, partnerExternalId: string | null, initiatedBy: string, notes: string | null, createdAt: string, updatedAt: string, retriable: boolean, evaluationId: string | null, pendingApprovalId: string | null, policyResult: PolicyResult | null, reason: string | null, amount: { currency: string, quantity: string } } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type SignedRequestsQueryVariables = Exact<{
  enterpriseId?: string | null | undefined;
  filter?: SignedRequestFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type SignedRequestsQuery = { signedRequests: { edges: Array<{ cursor: string, node: { id: string, kind: SignedRequestKind, state: SignedRequestState, clientExternalId: string | null, allocationId: string | null, connectionId: string | null, payload: string, signatureSha256: string, caller: string, attempts: number, createdAt: string, settledAt: string | null, amount: { currency: string, quantity: string }, outcome: { httpStatus: number | null, allocationId: string | null, allocationStatus: AllocationStatus | null, message: string | null } | null, events: Array<{ type: SignedRequestEventType, at: string, outcome: { httpStatus: number | null, allocationStatus: AllocationStatus | null, message: string | null } | null }> } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } };

export type UpdateAllocationMutationVariables = Exact<{
  input: UpdateAllocationInput;
}>;


export type UpdateAllocationMutation = { updateAllocation: { allocation: { id: string, type: AllocationType, status: AllocationStatus, connectionId: string, clientExternalId: string, partnerExternalId: string | null, initiatedBy: string, notes: string | null, createdAt: string, updatedAt: string, retriable: boolean, evaluationId: string | null, pendingApprovalId: string | null, policyResult: PolicyResult | null, reason: string | null, amount: { currency: string, quantity: string } } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type UserErrorFieldsFragment = { field: Array<string> | null, message: string, code: UserErrorCode };

export const AllocationFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AllocationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Allocation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"clientExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"partnerExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"initiatedBy"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"retriable"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationId"}},{"kind":"Field","name":{"kind":"Name","value":"pendingApprovalId"}},{"kind":"Field","name":{"kind":"Name","value":"policyResult"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]} as unknown as DocumentNode<AllocationFieldsFragment, unknown>;
export const UserErrorFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<UserErrorFieldsFragment, unknown>;
export const AllocateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Allocate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AllocateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"allocate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clientExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"allocation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AllocationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AllocationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Allocation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"clientExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"partnerExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"initiatedBy"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"retriable"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationId"}},{"kind":"Field","name":{"kind":"Name","value":"pendingApprovalId"}},{"kind":"Field","name":{"kind":"Name","value":"policyResult"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<AllocateMutation, AllocateMutationVariables>;
export const AllocationByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AllocationById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"enterpriseId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"view"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AllocationView"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"allocation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"enterpriseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"enterpriseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"view"},"value":{"kind":"Variable","name":{"kind":"Name","value":"view"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AllocationFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AllocationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Allocation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"clientExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"partnerExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"initiatedBy"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"retriable"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationId"}},{"kind":"Field","name":{"kind":"Name","value":"pendingApprovalId"}},{"kind":"Field","name":{"kind":"Name","value":"policyResult"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]} as unknown as DocumentNode<AllocationByIdQuery, AllocationByIdQueryVariables>;
export const AllocationsPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AllocationsPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"enterpriseId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"view"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AllocationView"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AllocationFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AllocationOrder"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"allocations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"enterpriseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"enterpriseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"view"},"value":{"kind":"Variable","name":{"kind":"Name","value":"view"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AllocationFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AllocationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Allocation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"clientExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"partnerExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"initiatedBy"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"retriable"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationId"}},{"kind":"Field","name":{"kind":"Name","value":"pendingApprovalId"}},{"kind":"Field","name":{"kind":"Name","value":"policyResult"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]} as unknown as DocumentNode<AllocationsPageQuery, AllocationsPageQueryVariables>;
export const DeallocateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Deallocate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AllocateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deallocate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clientExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"allocation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AllocationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AllocationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Allocation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"clientExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"partnerExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"initiatedBy"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"retriable"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationId"}},{"kind":"Field","name":{"kind":"Name","value":"pendingApprovalId"}},{"kind":"Field","name":{"kind":"Name","value":"policyResult"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<DeallocateMutation, DeallocateMutationVariables>;
export const SignedRequestsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SignedRequests"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"enterpriseId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SignedRequestFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signedRequests"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"enterpriseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"enterpriseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"clientExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"allocationId"}},{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"payload"}},{"kind":"Field","name":{"kind":"Name","value":"signatureSha256"}},{"kind":"Field","name":{"kind":"Name","value":"caller"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"settledAt"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"httpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"allocationId"}},{"kind":"Field","name":{"kind":"Name","value":"allocationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"httpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"allocationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<SignedRequestsQuery, SignedRequestsQueryVariables>;
export const UpdateAllocationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateAllocation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateAllocationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateAllocation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"allocation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AllocationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AllocationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Allocation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"clientExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"partnerExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"initiatedBy"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"retriable"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationId"}},{"kind":"Field","name":{"kind":"Name","value":"pendingApprovalId"}},{"kind":"Field","name":{"kind":"Name","value":"policyResult"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<UpdateAllocationMutation, UpdateAllocationMutationVariables>;