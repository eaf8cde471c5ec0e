import type { WireConnection } from './wire.types.js';

/**
 * Wire shapes of the connecting ("Client Activation") operations of docs/bitgo/network-openapi.yaml: the partner
 * directory, the currencies each partner accepts, the signed connect and the connection update.
 */

/** PartnerConnectionKeySchema: which connectionKey a partner takes. */
export type WireConnectionKeySchema = 'token' | 'tokenAndSignature' | 'apiKeyAndSecret' | 'clearloop';

export const CONNECTION_KEY_SCHEMAS: readonly WireConnectionKeySchema[] = ['token', 'tokenAndSignature', 'apiKeyAndSecret', 'clearloop'];

/** ConnectionKey: one of the four, `schema` first, then its fields in the schema's order. */
export type WireConnectionKey =
  | { schema: 'token'; connectionToken: string }
  | { schema: 'tokenAndSignature'; connectionToken: string; signature: string }
  | { schema: 'apiKeyAndSecret'; apiKey: string; apiSecret: string }
  | { schema: 'clearloop'; apiKey: string; apiSecret: string; clientAccountId: string; companyRegistrationNumber: string };

/** An item of V1PartnersGetOkPayload.partners. */
export interface WirePartner {
  id: string;
  name: string;
  institutionId?: string;
  institutionIdentifier: string;
  connectionKeySchema: WireConnectionKeySchema;
  active: boolean;
  settlementTransactionRouteId?: string;
  /** RSA key the partner may want connection keys encrypted with. */
  publicKey?: string;
  enterpriseId?: string;
  clientDisputeWindowMinutes?: number;
  topUpWindowMinutes?: number;
  trustOrg: string;
  stablePartner: boolean;
}

export interface WirePartnersList {
  partners: WirePartner[];
}

/** Query parameters of GET …/partners (lists comma-joined on the wire). */
export interface WirePartnerListQuery {
  ids?: readonly string[];
  names?: readonly string[];
  institutionIds?: readonly string[];
  institutionIdentifiers?: readonly string[];
  active?: boolean;
  pageNumber?: number;
  pageSize?: number;
}

/** A value of V1SupportedCurrencies (BNMetadata, with the fields BitGo's SDK reads: V1SupportedCurrency). */
export interface WireSupportedCurrency {
  ofcCurrency?: string;
  backingCurrency?: string;
  partnerNames: string[];
}

/** V1EnterpriseSupportedCurrenciesResponse: partner id → what it accepts. */
export interface WireSupportedCurrencies {
  supportedCurrencies: Record<string, WireSupportedCurrency[]>;
  domain: string;
}

/** Body of POST …/clients/connections/signing and the first half of the connect body. */
export interface WireConnectSigningRequest {
  partnerId: string;
  name: string;
  connectionKey: WireConnectionKey;
  nonce: string;
}

/** Body of PUT …/clients/connections/{connectionId}. */
export interface WireConnectionUpdate {
  name?: string;
  active?: boolean;
}

/** V1ConnectionPayload: what the connect and update routes answer. */
export interface WireConnectionAnswer {
  connection: WireConnection;
}
