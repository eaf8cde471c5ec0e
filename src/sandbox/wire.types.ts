/**
 * The sandbox's own reading of BitGo's wire shapes (oes-openapi.yaml), kept
 * apart from the gateway's so that a mistake in one is not silently shared by
 * the other. Names follow the OpenAPI schemas where a type is one of them.
 * Quantities and balances are base-unit decimal strings. Deliberate twins of
 * src/bitgo/wire.types.ts (and what types.ts keeps beside them).
 */

export type AllocationType = 'allocation' | 'deallocation';
export type AllocationStatus = 'cleared' | 'released' | 'reserved';
export type PolicyResult = 'approved' | 'rejected';
export type SortField = 'id' | 'updatedAt' | 'quantity' | 'currency';
export type SortDirection = 'ASC' | 'DESC';

export interface Amount {
  currency: string;
  quantity: string;
}

/** V1AllocationGetOutput: one allocation or deallocation, keys in the schema's order. */
export interface AllocationRecord {
  id: string;
  amount: Amount;
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
  policyResult?: PolicyResult;
  reason: string | null;
  status: AllocationStatus;
  type: AllocationType;
}

/** V1ConnectionOutput, also the item of V1ConnectionsGetOkPayload.connections. */
export interface V1ConnectionOutput {
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
  policyResult?: PolicyResult;
  /** null until the partner has initialized the connection. */
  partnersConnectionId: string | null;
  partnersClientId: string | null;
  initialized: boolean;
}

export interface V1ConnectionsGetOkPayload {
  connections: V1ConnectionOutput[];
}

export interface V1ConnectionPayload {
  connection: V1ConnectionOutput;
}

/** One currency's entry in AccountBalanceRecord / V1PartnerAccountBalanceRecordOutput. */
export interface BalanceEntry {
  available: string;
  held: string;
}

/** AccountBalanceRecord: currency → balance. */
export type AccountBalanceRecord = Record<string, BalanceEntry>;

/** A value of NetworkAccountBalanceRecordForClient (keyed by connection id). */
export interface ClientNetworkBalance {
  partnerId: string;
  partnersConnectionId: string;
  name: string;
  partnerInstitutionIdentifier: string;
  balances: AccountBalanceRecord;
}

export interface V1ClientBalancesGetPayload {
  clientId: string;
  /** The client's trading balances at BitGo. */
  balances: AccountBalanceRecord;
  /** Connection id → what is allocated to that connection. */
  networkBalances: Record<string, ClientNetworkBalance>;
}

/** A value of V1PartnerNetworkAccountBalanceRecordOutput (keyed by connection id). */
export interface PartnerNetworkBalance {
  clientId: string;
  partnerId: string;
  partnersConnectionId: string;
  balances: AccountBalanceRecord;
}

export interface V1PartnerBalancesGetPayload {
  networkBalances: Record<string, PartnerNetworkBalance>;
  /** The partner's own BitGo trading balances (the schema allows leaving it out). */
  balances?: AccountBalanceRecord;
}

/** An item of V1PartnersGetOkPayload.partners. */
export interface V1PartnerListItem {
  id: string;
  name: string;
  institutionId?: string;
  institutionIdentifier: string;
  connectionKeySchema: 'token' | 'tokenAndSignature' | 'apiKeyAndSecret' | 'clearloop';
  active: boolean;
  trustOrg: string;
  stablePartner: boolean;
}

export interface V1PartnersGetOkPayload {
  partners: V1PartnerListItem[];
}

/** BNMetadata, with the fields BitGo's SDK reads (V1SupportedCurrency). */
export interface V1SupportedCurrency {
  ofcCurrency: string;
  backingCurrency: string;
  partnerNames: string[];
}

export interface V1EnterpriseSupportedCurrenciesResponse {
  /** Partner id → the currencies it accepts. */
  supportedCurrencies: Record<string, V1SupportedCurrency[]>;
  domain: string;
}
