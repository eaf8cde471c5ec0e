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
