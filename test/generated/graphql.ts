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
  /** Check and preview only: validate, fetch and check BitGo's payload, check the connection is active and the balance covers the amount, and answer `dryRun`. Nothing is signed, written or kept. */
  dryRun?: boolean | null | undefined;
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

/** An `apiKeyAndSecret` connection key: an API key made on the partner's platform. */
export type ApiKeyAndSecretConnectionKeyInput = {
  apiKey: string;
  /** A secret: never logged or answered; the journal keeps it sealed. */
  apiSecret: string;
};

/** What brought a change: MUTATION (allocate or deallocate through a gateway), RECONCILER (a journaled request settled later), PARTNER_UPDATE (updateAllocation), WEBHOOK (a request BitGo sent to the partner), POLL (the gateway re-read a reserved allocation from BitGo). */
export type ChangeSource =
  /** allocate or deallocate through a replica of this gateway. */
  | 'MUTATION'
  /** A partner cleared or released it with updateAllocation. */
  | 'PARTNER_UPDATE'
  /** The gateway re-read a RESERVED allocation from BitGo and found it changed: nobody here caused it. */
  | 'POLL'
  /** A journaled request whose outcome was unknown, settled by the reconciler. */
  | 'RECONCILER'
  /** BitGo told the partner (inbound reservation, clear or release). */
  | 'WEBHOOK';

/** A `clearloop` connection key. */
export type ClearloopConnectionKeyInput = {
  apiKey: string;
  /** A secret: never logged or answered; the journal keeps it sealed. */
  apiSecret: string;
  clientAccountId: string;
  companyRegistrationNumber: string;
};

/** Connect the enterprise to a partner. The gateway gets BitGo's payload, checks and signs it, journals it and submits it. */
export type ConnectInput = {
  /** Idempotency key. Generated (UUID v4) when absent and always returned: repeat the mutation with it, and the one connection it made is answered. */
  clientRequestId?: string | null | undefined;
  connectionKey: ConnectionKeyInput;
  /** Check and preview only: the partner is active and takes this key's schema, and BitGo's payload (secrets masked) says what was asked. Nothing is signed, written or created. */
  dryRun?: boolean | null | undefined;
  /** Defaults to the gateway's configured enterprise. */
  enterpriseId?: string | null | undefined;
  /** The label for the connection. */
  name: string;
  /** Partner.id, from partners. */
  partnerId: string;
};

/** INITIALIZED: the partner initialized it (it can hold funds now). RENAMED, DEACTIVATED, ACTIVATED. UPDATED: anything else BitGo changed. */
export type ConnectionChangeKind =
  | 'ACTIVATED'
  | 'DEACTIVATED'
  | 'INITIALIZED'
  | 'RENAMED'
  | 'UPDATED';

/** The connection key, in the shape of the partner's connectionKeySchema: set exactly one member, the one Partner.connectionKeySchema names. */
export type ConnectionKeyInput = {
  apiKeyAndSecret?: ApiKeyAndSecretConnectionKeyInput | null | undefined;
  clearloop?: ClearloopConnectionKeyInput | null | undefined;
  token?: TokenConnectionKeyInput | null | undefined;
  tokenAndSignature?: TokenAndSignatureConnectionKeyInput | null | undefined;
};

/** Which connectionKey a partner takes: the member of ConnectionKeyInput to set when connecting to it. */
export type ConnectionKeySchema =
  | 'API_KEY_AND_SECRET'
  | 'CLEARLOOP'
  | 'TOKEN'
  | 'TOKEN_AND_SIGNATURE';

/** UNKNOWN_TOKEN: not a token this partner issued (422). EXPIRED_TOKEN: issued, expired (422). USED_TOKEN: already used for another connection (422). ACCOUNT_CONNECTED: the account the token stands for already has a connection (409). */
export type ConnectionRefusal =
  | 'ACCOUNT_CONNECTED'
  | 'EXPIRED_TOKEN'
  | 'UNKNOWN_TOKEN'
  | 'USED_TOKEN';

/** Partner side: a one-time connection token for one account on the partner's platform, for that account's user to give BitGo when connecting. */
export type IssueConnectionTokenInput = {
  /** The partner enterprise; defaults to the one the gateway receives BitGo's calls for. */
  enterpriseId?: string | null | undefined;
  /** Seconds the token stays valid: 15 minutes unless given, from 60 s to a week. */
  expiresIn?: number | null | undefined;
  /** The account on the partner's platform (answered to BitGo as partnersClientId). It may have one connection. */
  partnersClientId: string;
  /** The partner's own id for the connection to be made; a UUID is made when absent. */
  partnersConnectionId?: string | null | undefined;
};

/** BitGo's connection list filters. Lists match any of their values; absent means no filter. */
export type NetworkConnectionFilter = {
  active?: boolean | null | undefined;
  /** PARTNER view only. */
  clientIds?: Array<string> | null | undefined;
  /** Connection ids (UUIDs), at most 100. */
  ids?: Array<string> | null | undefined;
  /** Exact connection names. CLIENT view only. */
  names?: Array<string> | null | undefined;
  partnerIds?: Array<string> | null | undefined;
  /** The partner's own ids for the client. PARTNER view only. */
  partnersClientIds?: Array<string> | null | undefined;
  /** The partner's own ids for the connection. PARTNER view only. */
  partnersConnectionIds?: Array<string> | null | undefined;
};

export type OrderDirection =
  | 'ASC'
  | 'DESC';

/** Filters of the partner ledger. Lists match any of their values; absent means no filter. */
export type PartnerAllocationRequestFilter = {
  clientIds?: Array<string> | null | undefined;
  connectionIds?: Array<string> | null | undefined;
  /** Exclusive upper bound on receivedAt. */
  receivedBefore?: string | null | undefined;
  /** Inclusive lower bound on receivedAt. */
  receivedOnOrAfter?: string | null | undefined;
  statuses?: Array<AllocationStatus> | null | undefined;
  types?: Array<AllocationType> | null | undefined;
};

/** Filters of the partner's connection requests. Lists match any of their values; absent means no filter. */
export type PartnerConnectionRequestFilter = {
  clientIds?: Array<string> | null | undefined;
  partnersClientIds?: Array<string> | null | undefined;
  statuses?: Array<PartnerConnectionStatus> | null | undefined;
};

/** ACCEPTED: this partner initialized the connection. REFUSED: it did not (see refusal). */
export type PartnerConnectionStatus =
  | 'ACCEPTED'
  | 'REFUSED';

/** BitGo's partner directory filters. Lists match any of their values; absent means no filter. */
export type PartnerFilter = {
  /** true: only partners taking connections; false: only inactive ones. */
  active?: boolean | null | undefined;
  ids?: Array<string> | null | undefined;
  institutionIdentifiers?: Array<string> | null | undefined;
  institutionIds?: Array<string> | null | undefined;
  /** Exact partner names. */
  names?: Array<string> | null | undefined;
};

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
  /** The idempotency key: an allocate's or deallocate's clientExternalId, a connect's clientRequestId. */
  clientExternalId?: string | null | undefined;
  /** Exclusive upper bound on createdAt. */
  createdBefore?: string | null | undefined;
  /** Inclusive lower bound on createdAt. */
  createdOnOrAfter?: string | null | undefined;
  kinds?: Array<SignedRequestKind> | null | undefined;
  states?: Array<SignedRequestState> | null | undefined;
};

/** Which mutation signed the request: allocate, deallocate, a partner's updateAllocation, connect, a partner's settle, or a client's disputeSettlement, updateSettlementDispute or closeSettlementDispute. */
export type SignedRequestKind =
  | 'ALLOCATE'
  | 'CLOSE_SETTLEMENT_DISPUTE'
  | 'CONNECT'
  | 'DEALLOCATE'
  | 'DISPUTE_SETTLEMENT'
  | 'SETTLE'
  | 'UPDATE_ALLOCATION'
  | 'UPDATE_SETTLEMENT_DISPUTE';

/** PENDING: committed, no definite answer yet (or BitGo asked for the identical request again). UNKNOWN: sent, and what BitGo did is not known yet; the gateway keeps re-sending the same bytes. SETTLED: BitGo answered definitely. ABANDONED: no definite answer within the maximum age. */
export type SignedRequestState =
  | 'ABANDONED'
  | 'PENDING'
  | 'SETTLED'
  | 'UNKNOWN';

/** A `tokenAndSignature` connection key. */
export type TokenAndSignatureConnectionKeyInput = {
  /** A secret: never logged or answered; the journal keeps it sealed. */
  connectionToken: string;
  /** A secret: never logged or answered; the journal keeps it sealed. */
  signature: string;
};

/** A `token` connection key: the one-time code (or identifier) the partner's platform gave its user. */
export type TokenConnectionKeyInput = {
  /** A secret: never logged or answered; the journal keeps it sealed. */
  connectionToken: string;
};

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
  /** Must match the allocation's amount. From the partner ledger when absent. */
  amount?: AmountInput | null | undefined;
  /** From the partner ledger when absent. */
  clientId?: string | null | undefined;
  /** From the partner ledger when absent. */
  connectionId?: string | null | undefined;
  /** The partner enterprise; defaults to the one the gateway receives BitGo's partner calls for, else the gateway's configured enterprise. */
  enterpriseId?: string | null | undefined;
  evaluationId?: string | null | undefined;
  /** The partner's own id for the allocation (or deallocation). From the partner ledger when absent (BitGo's id when BitGo sent none). */
  partnersAllocationId?: string | null | undefined;
  /** From the partner ledger when absent. */
  partnersClientId?: string | null | undefined;
  /** From the partner ledger when absent. */
  partnersConnectionId?: string | null | undefined;
  pendingApprovalId?: string | null | undefined;
  policyResult?: PolicyResult | null | undefined;
  /** Required for RELEASED, refused for CLEARED. */
  rejectReason?: string | null | undefined;
  status: AllocationUpdateStatus;
  /** ALLOCATION or DEALLOCATION: deallocations to asynchronous partners are settled the same way. From the partner ledger when absent, else ALLOCATION. */
  type?: AllocationType | null | undefined;
};

/** Rename a connection, or (de)activate it. Safe to repeat: it sets this name and flag, nothing else. */
export type UpdateConnectionInput = {
  /** false: no more allocations to it (deallocations still work); what is in flight is released. true: open it again. */
  active?: boolean | null | undefined;
  connectionId: string;
  /** Preview only: the connection as it is, and what deactivating it would release. */
  dryRun?: boolean | null | undefined;
  /** Defaults to the gateway's configured enterprise. */
  enterpriseId?: string | null | undefined;
  name?: string | null | undefined;
};

/** Why a mutation did not do what was asked. */
export type UserErrorCode =
  | 'CONFLICT'
  | 'CONNECTION_INACTIVE'
  | 'DISPUTE_WINDOW_CLOSED'
  | 'INSUFFICIENT_BALANCE'
  | 'INVALID_INPUT'
  | 'KEY_SCHEMA_MISMATCH'
  | 'NOT_FOUND'
  | 'OUTCOME_UNKNOWN'
  | 'PARTNER_INACTIVE'
  | 'READ_FAILED'
  | 'REJECTED'
  | 'RELEASED'
  | 'SETTLEMENT_VERSION_REFUSED'
  | 'UNSUPPORTED_CURRENCY';

export type AllocatePreviewMutationVariables = Exact<{
  connectionId: string;
  amount: AmountInput;
  clientExternalId?: string | null | undefined;
  notes?: string | null | undefined;
}>;


export type AllocatePreviewMutation = { allocate: { clientExternalId: string, dryRun: { payload: string, available: string, availableAfter: string } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type AllocateScreenQueryVariables = Exact<{
  enterpriseId?: string | null | undefined;
  filter?: NetworkConnectionFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AllocateScreenQuery = { balances: { clientId: string | null, balances: Array<{ currency: string, available: string, held: string }> }, networkConnections: { nodes: Array<{ id: string, name: string | null, clientId: string | null, partnerId: string | null, networkAccountId: string | null, active: boolean | null, initialized: boolean | null, createdAt: string | null, updatedAt: string | null, proof: string | null, nonce: string | null, evaluationId: string | null, pendingApprovalId: string | null, policyResult: PolicyResult | null, partnersConnectionId: string | null, partnersClientId: string | null, balances: Array<{ currency: string, available: string, held: string }> }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

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

export type AllocationChangedSubscriptionVariables = Exact<{
  enterpriseId?: string | null | undefined;
  view?: AllocationView | null | undefined;
  ids?: Array<string> | string | null | undefined;
  connectionIds?: Array<string> | string | null | undefined;
  clientExternalIds?: Array<string> | string | null | undefined;
}>;


export type AllocationChangedSubscription = { allocationChanged: { source: ChangeSource, previousStatus: AllocationStatus | null, allocation: { id: string, type: AllocationType, status: AllocationStatus, connectionId: string, clientExternalId: string, partnerExternalId: string | null, initiatedBy: string, notes: string | null, createdAt: string, updatedAt: string, retriable: boolean, evaluationId: string | null, pendingApprovalId: string | null, policyResult: PolicyResult | null, reason: string | null, amount: { currency: string, quantity: string } } } };

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

export type ConnectMutationVariables = Exact<{
  input: ConnectInput;
}>;


export type ConnectMutation = { connect: { clientRequestId: string, connection: { id: string, name: string | null, clientId: string | null, partnerId: string | null, networkAccountId: string | null, active: boolean | null, initialized: boolean | null, createdAt: string | null, updatedAt: string | null, proof: string | null, nonce: string | null, evaluationId: string | null, pendingApprovalId: string | null, policyResult: PolicyResult | null, partnersConnectionId: string | null, partnersClientId: string | null } | null, dryRun: { payload: string, partner: { id: string, name: string, connectionKeySchema: ConnectionKeySchema } } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type ConnectionChangedSubscriptionVariables = Exact<{
  enterpriseId?: string | null | undefined;
  connectionIds: Array<string> | string;
}>;


export type ConnectionChangedSubscription = { connectionChanged: { source: ChangeSource, changes: Array<ConnectionChangeKind>, previous: { name: string, active: boolean, initialized: boolean }, connection: { id: string, name: string | null, clientId: string | null, partnerId: string | null, networkAccountId: string | null, active: boolean | null, initialized: boolean | null, createdAt: string | null, updatedAt: string | null, proof: string | null, nonce: string | null, evaluationId: string | null, pendingApprovalId: string | null, policyResult: PolicyResult | null, partnersConnectionId: string | null, partnersClientId: string | null } } };

export type CurrencyBalanceFieldsFragment = { currency: string, available: string, held: string };

export type DeallocateMutationVariables = Exact<{
  input: AllocateInput;
}>;


export type DeallocateMutation = { deallocate: { clientExternalId: string, allocation: { id: string, type: AllocationType, status: AllocationStatus, connectionId: string, clientExternalId: string, partnerExternalId: string | null, initiatedBy: string, notes: string | null, createdAt: string, updatedAt: string, retriable: boolean, evaluationId: string | null, pendingApprovalId: string | null, policyResult: PolicyResult | null, reason: string | null, amount: { currency: string, quantity: string } } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type IssueConnectionTokenMutationVariables = Exact<{
  input: IssueConnectionTokenInput;
}>;


export type IssueConnectionTokenMutation = { issueConnectionToken: { connectionToken: string | null, expiresAt: string | null, partnersClientId: string, partnersConnectionId: string | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type NetworkConnectionFieldsFragment = { id: string, name: string | null, clientId: string | null, partnerId: string | null, networkAccountId: string | null, active: boolean | null, initialized: boolean | null, createdAt: string | null, updatedAt: string | null, proof: string | null, nonce: string | null, evaluationId: string | null, pendingApprovalId: string | null, policyResult: PolicyResult | null, partnersConnectionId: string | null, partnersClientId: string | null };

export type PartnerAllocationRequestChangedSubscriptionVariables = Exact<{
  enterpriseId?: string | null | undefined;
  connectionIds?: Array<string> | string | null | undefined;
}>;


export type PartnerAllocationRequestChangedSubscription = { partnerAllocationRequestChanged: { id: string, type: AllocationType, status: AllocationStatus, clientId: string, connectionId: string, partnersConnectionId: string, partnersClientId: string | null, partnersAllocationId: string | null, receivedAt: string, clearedAt: string | null, updatedAt: string, amount: { currency: string, quantity: string } } };

export type PartnerAllocationRequestsQueryVariables = Exact<{
  filter?: PartnerAllocationRequestFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type PartnerAllocationRequestsQuery = { partnerAllocationRequests: { edges: Array<{ cursor: string, node: { id: string, type: AllocationType, status: AllocationStatus, clientId: string, connectionId: string, partnersConnectionId: string, partnersClientId: string | null, partnersAllocationId: string | null, rejectReason: string | null, receivedAt: string, clearedAt: string | null, updatedAt: string, amount: { currency: string, quantity: string }, allocation: { id: string, type: AllocationType, status: AllocationStatus, connectionId: string, clientExternalId: string, partnerExternalId: string | null, initiatedBy: string, notes: string | null, createdAt: string, updatedAt: string, retriable: boolean, evaluationId: string | null, pendingApprovalId: string | null, policyResult: PolicyResult | null, reason: string | null, amount: { currency: string, quantity: string } } | null } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } };

export type PartnerConnectionRequestsQueryVariables = Exact<{
  filter?: PartnerConnectionRequestFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type PartnerConnectionRequestsQuery = { partnerConnectionRequests: { nodes: Array<{ connectionId: string, clientId: string, status: PartnerConnectionStatus, refusal: ConnectionRefusal | null, partnersClientId: string | null, partnersConnectionId: string | null, attempts: number, receivedAt: string }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type PartnersQueryVariables = Exact<{
  filter?: PartnerFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type PartnersQuery = { partners: { nodes: Array<{ id: string, name: string, institutionIdentifier: string, active: boolean, connectionKeySchema: ConnectionKeySchema, connectionKeyFields: Array<{ name: string, secret: boolean }>, supportedCurrencies: Array<{ ofcCurrency: string, backingCurrency: string | null }> | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type SignedRequestsQueryVariables = Exact<{
  enterpriseId?: string | null | undefined;
  filter?: SignedRequestFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type SignedRequestsQuery = { signedRequests: { edges: Array<{ cursor: string, node: { id: string, kind: SignedRequestKind, state: SignedRequestState, clientExternalId: string | null, allocationId: string | null, connectionId: string | null, payload: string, signatureSha256: string, caller: string, attempts: number, createdAt: string, settledAt: string | null, amount: { currency: string, quantity: string } | null, outcome: { httpStatus: number | null, allocationId: string | null, allocationStatus: AllocationStatus | null, message: string | null } | null, events: Array<{ type: SignedRequestEventType, at: string, outcome: { httpStatus: number | null, allocationStatus: AllocationStatus | null, message: string | null } | null }> } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } };

export type UpdateAllocationMutationVariables = Exact<{
  input: UpdateAllocationInput;
}>;


export type UpdateAllocationMutation = { updateAllocation: { allocation: { id: string, type: AllocationType, status: AllocationStatus, connectionId: string, clientExternalId: string, partnerExternalId: string | null, initiatedBy: string, notes: string | null, createdAt: string, updatedAt: string, retriable: boolean, evaluationId: string | null, pendingApprovalId: string | null, policyResult: PolicyResult | null, reason: string | null, amount: { currency: string, quantity: string } } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type UpdateConnectionMutationVariables = Exact<{
  input: UpdateConnectionInput;
}>;


export type UpdateConnectionMutation = { updateConnection: { connection: { id: string, name: string | null, clientId: string | null, partnerId: string | null, networkAccountId: string | null, active: boolean | null, initialized: boolean | null, createdAt: string | null, updatedAt: string | null, proof: string | null, nonce: string | null, evaluationId: string | null, pendingApprovalId: string | null, policyResult: PolicyResult | null, partnersConnectionId: string | null, partnersClientId: string | null } | null, dryRun: { moreReleases: boolean, connection: { id: string, active: boolean | null }, releases: Array<{ id: string, type: AllocationType, status: AllocationStatus, connectionId: string, clientExternalId: string, partnerExternalId: string | null, initiatedBy: string, notes: string | null, createdAt: string, updatedAt: string, retriable: boolean, evaluationId: string | null, pendingApprovalId: string | null, policyResult: PolicyResult | null, reason: string | null, amount: { currency: string, quantity: string } }> } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type UserErrorFieldsFragment = { field: Array<string> | null, message: string, code: UserErrorCode };

export const AllocationFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AllocationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Allocation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"clientExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"partnerExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"initiatedBy"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"retriable"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationId"}},{"kind":"Field","name":{"kind":"Name","value":"pendingApprovalId"}},{"kind":"Field","name":{"kind":"Name","value":"policyResult"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]} as unknown as DocumentNode<AllocationFieldsFragment, unknown>;
export const CurrencyBalanceFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CurrencyBalanceFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CurrencyBalance"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"held"}}]}}]} as unknown as DocumentNode<CurrencyBalanceFieldsFragment, unknown>;
export const NetworkConnectionFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NetworkConnectionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NetworkConnection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"partnerId"}},{"kind":"Field","name":{"kind":"Name","value":"networkAccountId"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"initialized"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"proof"}},{"kind":"Field","name":{"kind":"Name","value":"nonce"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationId"}},{"kind":"Field","name":{"kind":"Name","value":"pendingApprovalId"}},{"kind":"Field","name":{"kind":"Name","value":"policyResult"}},{"kind":"Field","name":{"kind":"Name","value":"partnersConnectionId"}},{"kind":"Field","name":{"kind":"Name","value":"partnersClientId"}}]}}]} as unknown as DocumentNode<NetworkConnectionFieldsFragment, unknown>;
export const UserErrorFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<UserErrorFieldsFragment, unknown>;
export const AllocatePreviewDocument = {"__meta__":{"hash":"sha256:b4186629523a87865f2a6082bda1fe42acf8bda214f768d798197d942caca906"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AllocatePreview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"connectionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"amount"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AmountInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"clientExternalId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"notes"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"allocate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"connectionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"connectionId"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"amount"},"value":{"kind":"Variable","name":{"kind":"Name","value":"amount"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"clientExternalId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"clientExternalId"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"notes"},"value":{"kind":"Variable","name":{"kind":"Name","value":"notes"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"dryRun"},"value":{"kind":"BooleanValue","value":true}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clientExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"payload"}},{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"availableAfter"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<AllocatePreviewMutation, AllocatePreviewMutationVariables>;
export const AllocateScreenDocument = {"__meta__":{"hash":"sha256:9d26cc6933ac0e48a248fadd62b0d364a6836b095fe6a1e16100177b6bbfe0a2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AllocateScreen"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"enterpriseId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"NetworkConnectionFilter"}},"defaultValue":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"active"},"value":{"kind":"BooleanValue","value":true}}]}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"balances"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"enterpriseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"enterpriseId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"balances"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CurrencyBalanceFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"networkConnections"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"enterpriseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"enterpriseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NetworkConnectionFields"}},{"kind":"Field","name":{"kind":"Name","value":"balances"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CurrencyBalanceFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CurrencyBalanceFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CurrencyBalance"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"held"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NetworkConnectionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NetworkConnection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"partnerId"}},{"kind":"Field","name":{"kind":"Name","value":"networkAccountId"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"initialized"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"proof"}},{"kind":"Field","name":{"kind":"Name","value":"nonce"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationId"}},{"kind":"Field","name":{"kind":"Name","value":"pendingApprovalId"}},{"kind":"Field","name":{"kind":"Name","value":"policyResult"}},{"kind":"Field","name":{"kind":"Name","value":"partnersConnectionId"}},{"kind":"Field","name":{"kind":"Name","value":"partnersClientId"}}]}}]} as unknown as DocumentNode<AllocateScreenQuery, AllocateScreenQueryVariables>;
export const AllocateDocument = {"__meta__":{"hash":"sha256:65ea44e4a5f223a6420cb29d1d25041c2ef755ee94dbcd20d756ebf197723a25"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Allocate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AllocateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"allocate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clientExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"allocation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AllocationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AllocationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Allocation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"clientExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"partnerExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"initiatedBy"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"retriable"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationId"}},{"kind":"Field","name":{"kind":"Name","value":"pendingApprovalId"}},{"kind":"Field","name":{"kind":"Name","value":"policyResult"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<AllocateMutation, AllocateMutationVariables>;
export const AllocationByIdDocument = {"__meta__":{"hash":"sha256:a652c1b717e180db05f183f76cb57cdbb476cfd710f98af03f66aee9005a88c7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AllocationById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"enterpriseId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"view"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AllocationView"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"allocation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"enterpriseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"enterpriseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"view"},"value":{"kind":"Variable","name":{"kind":"Name","value":"view"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AllocationFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AllocationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Allocation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"clientExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"partnerExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"initiatedBy"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"retriable"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationId"}},{"kind":"Field","name":{"kind":"Name","value":"pendingApprovalId"}},{"kind":"Field","name":{"kind":"Name","value":"policyResult"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]} as unknown as DocumentNode<AllocationByIdQuery, AllocationByIdQueryVariables>;
export const AllocationChangedDocument = {"__meta__":{"hash":"sha256:4a245a6a7e0ca1334bd262ece302fec09318ca04910b7860ef3869a12e755825"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AllocationChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"enterpriseId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"view"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AllocationView"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"connectionIds"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"clientExternalIds"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"allocationChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"enterpriseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"enterpriseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"view"},"value":{"kind":"Variable","name":{"kind":"Name","value":"view"}}},{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}},{"kind":"Argument","name":{"kind":"Name","value":"connectionIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"connectionIds"}}},{"kind":"Argument","name":{"kind":"Name","value":"clientExternalIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"clientExternalIds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"previousStatus"}},{"kind":"Field","name":{"kind":"Name","value":"allocation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AllocationFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AllocationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Allocation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"clientExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"partnerExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"initiatedBy"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"retriable"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationId"}},{"kind":"Field","name":{"kind":"Name","value":"pendingApprovalId"}},{"kind":"Field","name":{"kind":"Name","value":"policyResult"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]} as unknown as DocumentNode<AllocationChangedSubscription, AllocationChangedSubscriptionVariables>;
export const AllocationsPageDocument = {"__meta__":{"hash":"sha256:49db2d483ff86ecffc296e148fee031ef849fb13cd5cef2b627dfebb633ddf0a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AllocationsPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"enterpriseId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"view"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AllocationView"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AllocationFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AllocationOrder"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"allocations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"enterpriseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"enterpriseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"view"},"value":{"kind":"Variable","name":{"kind":"Name","value":"view"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AllocationFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AllocationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Allocation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"clientExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"partnerExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"initiatedBy"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"retriable"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationId"}},{"kind":"Field","name":{"kind":"Name","value":"pendingApprovalId"}},{"kind":"Field","name":{"kind":"Name","value":"policyResult"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]} as unknown as DocumentNode<AllocationsPageQuery, AllocationsPageQueryVariables>;
export const ConnectDocument = {"__meta__":{"hash":"sha256:6ae5723412d530f9cb55ec5746f4f8f4993dcdd718913fc18e7be47570355f7a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Connect"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConnectInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connect"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clientRequestId"}},{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NetworkConnectionFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"payload"}},{"kind":"Field","name":{"kind":"Name","value":"partner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"connectionKeySchema"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NetworkConnectionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NetworkConnection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"partnerId"}},{"kind":"Field","name":{"kind":"Name","value":"networkAccountId"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"initialized"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"proof"}},{"kind":"Field","name":{"kind":"Name","value":"nonce"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationId"}},{"kind":"Field","name":{"kind":"Name","value":"pendingApprovalId"}},{"kind":"Field","name":{"kind":"Name","value":"policyResult"}},{"kind":"Field","name":{"kind":"Name","value":"partnersConnectionId"}},{"kind":"Field","name":{"kind":"Name","value":"partnersClientId"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<ConnectMutation, ConnectMutationVariables>;
export const ConnectionChangedDocument = {"__meta__":{"hash":"sha256:477c63145e0c8298a6457851bff37fabd80eadc4d07aa57aea664b40a8116fce"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ConnectionChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"enterpriseId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"connectionIds"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connectionChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"enterpriseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"enterpriseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"connectionIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"connectionIds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"changes"}},{"kind":"Field","name":{"kind":"Name","value":"previous"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"initialized"}}]}},{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NetworkConnectionFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NetworkConnectionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NetworkConnection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"partnerId"}},{"kind":"Field","name":{"kind":"Name","value":"networkAccountId"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"initialized"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"proof"}},{"kind":"Field","name":{"kind":"Name","value":"nonce"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationId"}},{"kind":"Field","name":{"kind":"Name","value":"pendingApprovalId"}},{"kind":"Field","name":{"kind":"Name","value":"policyResult"}},{"kind":"Field","name":{"kind":"Name","value":"partnersConnectionId"}},{"kind":"Field","name":{"kind":"Name","value":"partnersClientId"}}]}}]} as unknown as DocumentNode<ConnectionChangedSubscription, ConnectionChangedSubscriptionVariables>;
export const DeallocateDocument = {"__meta__":{"hash":"sha256:6ad6a39e79be9698db9946a07f181e072d8ec1283da642d4a7715cad708fe376"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Deallocate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AllocateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deallocate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clientExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"allocation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AllocationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AllocationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Allocation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"clientExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"partnerExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"initiatedBy"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"retriable"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationId"}},{"kind":"Field","name":{"kind":"Name","value":"pendingApprovalId"}},{"kind":"Field","name":{"kind":"Name","value":"policyResult"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<DeallocateMutation, DeallocateMutationVariables>;
export const IssueConnectionTokenDocument = {"__meta__":{"hash":"sha256:3a619e3b2f8a6fc3445e998da83dc3c4794a5e3719209db8c5cabb98205e1379"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"IssueConnectionToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IssueConnectionTokenInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issueConnectionToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connectionToken"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"partnersClientId"}},{"kind":"Field","name":{"kind":"Name","value":"partnersConnectionId"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<IssueConnectionTokenMutation, IssueConnectionTokenMutationVariables>;
export const PartnerAllocationRequestChangedDocument = {"__meta__":{"hash":"sha256:9e67f6074190c4fd9c0b8fc16256ff76e9a674d2b36ea9e53c66978163847d7e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"PartnerAllocationRequestChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"enterpriseId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"connectionIds"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partnerAllocationRequestChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"enterpriseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"enterpriseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"connectionIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"connectionIds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"partnersConnectionId"}},{"kind":"Field","name":{"kind":"Name","value":"partnersClientId"}},{"kind":"Field","name":{"kind":"Name","value":"partnersAllocationId"}},{"kind":"Field","name":{"kind":"Name","value":"receivedAt"}},{"kind":"Field","name":{"kind":"Name","value":"clearedAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<PartnerAllocationRequestChangedSubscription, PartnerAllocationRequestChangedSubscriptionVariables>;
export const PartnerAllocationRequestsDocument = {"__meta__":{"hash":"sha256:d52fa37d78c3518967375c407dda709a642cdf243b88396beead62dd04117a3b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PartnerAllocationRequests"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PartnerAllocationRequestFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partnerAllocationRequests"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"partnersConnectionId"}},{"kind":"Field","name":{"kind":"Name","value":"partnersClientId"}},{"kind":"Field","name":{"kind":"Name","value":"partnersAllocationId"}},{"kind":"Field","name":{"kind":"Name","value":"rejectReason"}},{"kind":"Field","name":{"kind":"Name","value":"receivedAt"}},{"kind":"Field","name":{"kind":"Name","value":"clearedAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"allocation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AllocationFields"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AllocationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Allocation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"clientExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"partnerExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"initiatedBy"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"retriable"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationId"}},{"kind":"Field","name":{"kind":"Name","value":"pendingApprovalId"}},{"kind":"Field","name":{"kind":"Name","value":"policyResult"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]} as unknown as DocumentNode<PartnerAllocationRequestsQuery, PartnerAllocationRequestsQueryVariables>;
export const PartnerConnectionRequestsDocument = {"__meta__":{"hash":"sha256:04164f1f12d36b09a72f45a12ac125415ae6f05fc370c2bff5ffcc01b65dcea8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PartnerConnectionRequests"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PartnerConnectionRequestFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partnerConnectionRequests"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"refusal"}},{"kind":"Field","name":{"kind":"Name","value":"partnersClientId"}},{"kind":"Field","name":{"kind":"Name","value":"partnersConnectionId"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"receivedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<PartnerConnectionRequestsQuery, PartnerConnectionRequestsQueryVariables>;
export const PartnersDocument = {"__meta__":{"hash":"sha256:6ad816c8980616ecdf3e76c11c9a6a6b405de5f3f5c3187e704551ff3a0401ee"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Partners"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PartnerFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partners"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"institutionIdentifier"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"connectionKeySchema"}},{"kind":"Field","name":{"kind":"Name","value":"connectionKeyFields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"secret"}}]}},{"kind":"Field","name":{"kind":"Name","value":"supportedCurrencies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ofcCurrency"}},{"kind":"Field","name":{"kind":"Name","value":"backingCurrency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<PartnersQuery, PartnersQueryVariables>;
export const SignedRequestsDocument = {"__meta__":{"hash":"sha256:580b914cfca555b7d5652130c3adf8c6e7a3628f697f1298031bd335218d36e7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SignedRequests"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"enterpriseId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SignedRequestFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signedRequests"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"enterpriseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"enterpriseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"clientExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"allocationId"}},{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"payload"}},{"kind":"Field","name":{"kind":"Name","value":"signatureSha256"}},{"kind":"Field","name":{"kind":"Name","value":"caller"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"settledAt"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"httpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"allocationId"}},{"kind":"Field","name":{"kind":"Name","value":"allocationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"httpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"allocationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<SignedRequestsQuery, SignedRequestsQueryVariables>;
export const UpdateAllocationDocument = {"__meta__":{"hash":"sha256:9f6131c763c25841b392b747688af6193092556381d832a8d075f80396e1d16d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateAllocation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateAllocationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateAllocation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"allocation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AllocationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AllocationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Allocation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"clientExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"partnerExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"initiatedBy"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"retriable"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationId"}},{"kind":"Field","name":{"kind":"Name","value":"pendingApprovalId"}},{"kind":"Field","name":{"kind":"Name","value":"policyResult"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<UpdateAllocationMutation, UpdateAllocationMutationVariables>;
export const UpdateConnectionDocument = {"__meta__":{"hash":"sha256:d3ba98713759a4b6834ae98b13b15397bc9aaeb821e2fe14d8b724374ff2d0fb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateConnection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateConnectionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateConnection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"NetworkConnectionFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}},{"kind":"Field","name":{"kind":"Name","value":"releases"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AllocationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"moreReleases"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"NetworkConnectionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NetworkConnection"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"partnerId"}},{"kind":"Field","name":{"kind":"Name","value":"networkAccountId"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"initialized"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"proof"}},{"kind":"Field","name":{"kind":"Name","value":"nonce"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationId"}},{"kind":"Field","name":{"kind":"Name","value":"pendingApprovalId"}},{"kind":"Field","name":{"kind":"Name","value":"policyResult"}},{"kind":"Field","name":{"kind":"Name","value":"partnersConnectionId"}},{"kind":"Field","name":{"kind":"Name","value":"partnersClientId"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AllocationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Allocation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"clientExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"partnerExternalId"}},{"kind":"Field","name":{"kind":"Name","value":"initiatedBy"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"retriable"}},{"kind":"Field","name":{"kind":"Name","value":"evaluationId"}},{"kind":"Field","name":{"kind":"Name","value":"pendingApprovalId"}},{"kind":"Field","name":{"kind":"Name","value":"policyResult"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]} as unknown as DocumentNode<UpdateConnectionMutation, UpdateConnectionMutationVariables>;