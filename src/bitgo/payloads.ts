import type { WireConnectionKey, WireConnectionKeySchema, WireConnectSigningRequest } from './network.wire.js';
import type { WireAllocationType, WireAmount, WirePartnerUpdateFields, WireSigningRequest } from './wire.types.js';

/**
 * Request bodies and the payload strings BitGo verifies signatures over: key orders are part of the wire
 * contract, so they live here with the client, and nowhere else in the gateway.
 */

/** The keys of the allocate/deallocate payload, in BitGo's canonical order (see docs/bitgo/signing-vectors.json). */
export const ALLOCATE_PAYLOAD_KEYS = ['amount', 'clientExternalId', 'nonce', 'notes', 'connectionId', 'enterpriseId'] as const;

/** The keys of the partner-update payload, in the order the contract signs them. */
const PARTNER_UPDATE_PAYLOAD_KEYS = [
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
const PARTNER_DEALLOCATION_UPDATE_PAYLOAD_KEYS = [
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

/** A payload string with `keys` in order, leaving out absent ones. */
function canonicalPayload(keys: readonly string[], fields: object): string {
  const ordered: Record<string, unknown> = {};
  for (const key of keys) {
    const value = (fields as Record<string, unknown>)[key];
    if (value !== undefined && value !== null) ordered[key] = value;
  }
  return JSON.stringify(ordered);
}

export interface SigningRequestFields {
  amount: WireAmount;
  clientExternalId: string;
  nonce: string;
  notes?: string | undefined;
}

/** Body of POST …/{allocations|deallocations}/signing: what BitGo builds the canonical payload from. */
export function signingRequest(fields: SigningRequestFields): WireSigningRequest {
  return {
    amount: { currency: fields.amount.currency, quantity: fields.amount.quantity },
    clientExternalId: fields.clientExternalId,
    nonce: fields.nonce,
    ...(fields.notes != null ? { notes: fields.notes } : {}),
  };
}

/** Body of POST …/connections/{connectionId}/{allocations|deallocations}: the exact bytes every attempt sends. */
export function allocateBody(request: WireSigningRequest, payload: string, signature: string): string {
  return JSON.stringify({ ...request, payload, signature });
}

/**
 * The signed payload and the body fields of a partner update. The deallocation route names its ids for
 * deallocations (`deallocationId`, `partnersDeallocationId`); everything else is the same.
 */
export function partnerUpdate(type: WireAllocationType, fields: WirePartnerUpdateFields): { payload: string; body: (payload: string, signature: string) => string } {
  let wire: Record<string, unknown> = { ...fields };
  if (type === 'deallocation') {
    const { allocationId, partnersAllocationId, ...rest } = fields;
    wire = { ...rest, deallocationId: allocationId, partnersDeallocationId: partnersAllocationId };
  }
  const keys = type === 'allocation' ? PARTNER_UPDATE_PAYLOAD_KEYS : PARTNER_DEALLOCATION_UPDATE_PAYLOAD_KEYS;
  return { payload: canonicalPayload(keys, wire), body: (payload, signature) => JSON.stringify({ ...wire, payload, signature }) };
}

/**
 * The keys of the connect payload: the request's fields, then the enterprise, as the allocate payload ends with the
 * ids of its path. BitGo documents no order; the gateway checks the keys and values, never their order.
 */
export const CONNECT_PAYLOAD_KEYS = ['partnerId', 'name', 'connectionKey', 'nonce', 'enterpriseId'] as const;

/** Each connection key's fields after `schema`, in the order of its OpenAPI schema. */
export const CONNECTION_KEY_FIELDS: Readonly<Record<WireConnectionKeySchema, readonly string[]>> = {
  token: ['connectionToken'],
  tokenAndSignature: ['connectionToken', 'signature'],
  apiKeyAndSecret: ['apiKey', 'apiSecret'],
  clearloop: ['apiKey', 'apiSecret', 'clientAccountId', 'companyRegistrationNumber'],
};

/** The fields of each key that are secrets: never logged or returned, shown masked, kept only sealed. */
export const CONNECTION_KEY_SECRETS: Readonly<Record<WireConnectionKeySchema, readonly string[]>> = {
  token: ['connectionToken'],
  tokenAndSignature: ['connectionToken', 'signature'],
  apiKeyAndSecret: ['apiSecret'],
  clearloop: ['apiSecret'],
};

/** What a masked secret reads as. */
export const MASKED = '********';

/** A connection key on the wire: `schema` first, then its fields in their schema's order (absent ones left out). */
export function connectionKey(schema: WireConnectionKeySchema, fields: Readonly<Record<string, string | undefined>>): WireConnectionKey {
  const key: Record<string, string> = { schema };
  for (const name of CONNECTION_KEY_FIELDS[schema]) {
    const value = fields[name];
    if (value !== undefined) key[name] = value;
  }
  return key as unknown as WireConnectionKey;
}

/** Body of POST …/clients/connections/signing: what BitGo builds the connect payload from. */
export function connectSigningRequest(fields: WireConnectSigningRequest): WireConnectSigningRequest {
  return { partnerId: fields.partnerId, name: fields.name, connectionKey: connectionKey(fields.connectionKey.schema, fields.connectionKey as unknown as Record<string, string>), nonce: fields.nonce };
}

/** Body of POST …/clients/connections: the exact bytes sent (it holds the key's secrets: the journal keeps it sealed). */
export function connectBody(request: WireConnectSigningRequest, payload: string, signature: string): string {
  return JSON.stringify({ ...request, payload, signature });
}

/** The key with its secret fields masked. */
export function maskedConnectionKey(key: WireConnectionKey): Record<string, string> {
  const secrets = new Set(CONNECTION_KEY_SECRETS[key.schema] ?? []);
  return Object.fromEntries(Object.entries(key).map(([name, value]) => [name, secrets.has(name) ? MASKED : value]));
}

/**
 * A connect payload with the key's secrets masked and everything else as signed: what the audit trail and a dry run
 * show. A payload that is not the JSON object the contract describes is not shown at all (it may hold a secret
 * somewhere this cannot find).
 */
export function maskedConnectPayload(payload: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    parsed = undefined;
  }
  const key = (parsed as { connectionKey?: unknown } | undefined)?.connectionKey as WireConnectionKey | undefined;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || !key || typeof key !== 'object' || !(key.schema in CONNECTION_KEY_SECRETS)) {
    return '(not shown: a connect payload that is not the documented JSON object)';
  }
  return JSON.stringify({ ...(parsed as object), connectionKey: maskedConnectionKey(key) });
}
