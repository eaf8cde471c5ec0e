import type { Amount } from './wire.types.js';

/**
 * The exact strings BitGo signs, written out field by field rather than from
 * a shared key list: JSON.stringify keeps insertion order, so each object
 * literal below is the contract's order (signing-vectors.json for allocate,
 * the contract README for partner updates). Absent optional fields are left
 * out, never sent as null.
 */

export interface AllocatePayloadFields {
  amount: Amount;
  clientExternalId: string;
  nonce: string;
  notes?: string | undefined;
}

/** POST …/clients/connections/{connectionId}/{allocations|deallocations}: the same payload for both. */
export function allocatePayload(fields: AllocatePayloadFields, connectionId: string, enterpriseId: string): string {
  return JSON.stringify({
    amount: { currency: fields.amount.currency, quantity: fields.amount.quantity },
    clientExternalId: fields.clientExternalId,
    nonce: fields.nonce,
    ...(fields.notes === undefined ? {} : { notes: fields.notes }),
    connectionId,
    enterpriseId,
  });
}

export interface PartnerUpdatePayloadFields {
  status: 'cleared' | 'released';
  rejectReason?: string | undefined;
  /** allocationId or deallocationId, as sent. */
  recordId: string;
  amount: Amount;
  clientId: string;
  connectionId: string;
  partnersClientId: string;
  partnersConnectionId: string;
  /** partnersAllocationId or partnersDeallocationId. */
  partnersRecordId: string;
  nonce: string;
}

/** PUT …/partners/allocations. */
export function partnerAllocationUpdatePayload(f: PartnerUpdatePayloadFields): string {
  return JSON.stringify({
    status: f.status,
    ...(f.rejectReason === undefined ? {} : { rejectReason: f.rejectReason }),
    allocationId: f.recordId,
    amount: { currency: f.amount.currency, quantity: f.amount.quantity },
    clientId: f.clientId,
    connectionId: f.connectionId,
    partnersClientId: f.partnersClientId,
    partnersConnectionId: f.partnersConnectionId,
    partnersAllocationId: f.partnersRecordId,
    nonce: f.nonce,
  });
}

/** PUT …/partners/deallocations: the allocation order, with the ids named for deallocations. */
export function partnerDeallocationUpdatePayload(f: PartnerUpdatePayloadFields): string {
  return JSON.stringify({
    status: f.status,
    ...(f.rejectReason === undefined ? {} : { rejectReason: f.rejectReason }),
    deallocationId: f.recordId,
    amount: { currency: f.amount.currency, quantity: f.amount.quantity },
    clientId: f.clientId,
    connectionId: f.connectionId,
    partnersClientId: f.partnersClientId,
    partnersConnectionId: f.partnersConnectionId,
    partnersDeallocationId: f.partnersRecordId,
    nonce: f.nonce,
  });
}

/** A connection key as the contract lists its fields: `schema` first, then the schema's own, in its order. */
export type ConnectionKeyFields = Record<string, string> & { schema: string };

export interface ConnectPayloadFields {
  partnerId: string;
  name: string;
  connectionKey: ConnectionKeyFields;
  nonce: string;
}

/**
 * POST …/clients/connections: the request's fields in the body's order, then the enterprise (as the allocate payload
 * ends with the ids its path names). `connectionKey` is passed already in its schema's order (connect-fields.ts).
 */
export function connectPayload(f: ConnectPayloadFields, enterpriseId: string): string {
  return JSON.stringify({ partnerId: f.partnerId, name: f.name, connectionKey: f.connectionKey, nonce: f.nonce, enterpriseId });
}
