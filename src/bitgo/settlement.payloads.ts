import type { WireSettlementAmounts, WireSettlementSigningRequest } from './settlement.wire.js';

/**
 * The settlement and dispute bodies and the payload strings BitGo verifies signatures over. The settlement's payload
 * is BitGo's own (…/partners/settlements-signing); the gateway checks its keys and values, never their order. The
 * dispute routes have no signing route: the contract says what each payload holds (the body's fields, then the ids of
 * the path), and the gateway builds it in the key order below, which is part of the wire contract.
 */

/** The keys a settlement payload may hold: the signing request's, then the ids BitGo adds. */
export const SETTLEMENT_PAYLOAD_KEYS = ['externalId', 'notes', 'settlementAmounts', 'nonce', 'cutoffAt', 'enterpriseId', 'partnerId'] as const;

/** POST …/clients/settlements/{settlementId}/disputes: the body's fields, then the settlement and enterprise. */
export const DISPUTE_PAYLOAD_KEYS = ['connectionId', 'reason', 'expectedTransfers', 'nonce', 'settlementId', 'enterpriseId'] as const;

/** PUT …/clients/settlements/disputes/{disputeId}: "all request body properties and the disputeId & settlementId", the enterprise last. */
export const DISPUTE_UPDATE_PAYLOAD_KEYS = ['connectionId', 'retracted', 'reason', 'expectedTransfers', 'nonce', 'disputeId', 'settlementId', 'enterpriseId'] as const;

/** POST …/disputes/{disputeId}/close: "enterpriseId, disputeId, notes, nonce". */
export const DISPUTE_CLOSE_PAYLOAD_KEYS = ['enterpriseId', 'disputeId', 'notes', 'nonce'] as const;

/** A payload string with `keys` in order, leaving out absent ones. */
export function orderedPayload(keys: readonly string[], fields: object): string {
  const ordered: Record<string, unknown> = {};
  for (const key of keys) {
    const value = (fields as Record<string, unknown>)[key];
    if (value !== undefined && value !== null) ordered[key] = value;
  }
  return JSON.stringify(ordered);
}

/** Connection ids and currencies sorted: the same settlement always makes the same bytes (and fingerprint). */
export function sortedAmounts(amounts: WireSettlementAmounts): WireSettlementAmounts {
  const out: WireSettlementAmounts = {};
  for (const connectionId of Object.keys(amounts).sort()) {
    const inner: Record<string, string> = {};
    for (const currency of Object.keys(amounts[connectionId]!).sort()) inner[currency] = amounts[connectionId]![currency]!;
    out[connectionId] = inner;
  }
  return out;
}

export interface SettlementFields {
  externalId: string;
  notes?: string | undefined;
  settlementAmounts: WireSettlementAmounts;
  nonce: string;
  cutoffAt?: string | undefined;
}

/** Body of …/partners/settlements-signing. */
export function settlementSigningRequest(fields: SettlementFields): WireSettlementSigningRequest {
  return JSON.parse(orderedPayload(['externalId', 'notes', 'settlementAmounts', 'nonce', 'cutoffAt'], { ...fields, settlementAmounts: sortedAmounts(fields.settlementAmounts) })) as WireSettlementSigningRequest;
}

/** Body of POST …/partners/settlements (v1 or v2): the exact bytes every attempt sends. */
export function settlementBody(request: WireSettlementSigningRequest, payload: string, signature: string): string {
  return JSON.stringify({ ...request, payload, signature });
}

export interface DisputeFields {
  connectionId: string;
  reason?: string | undefined;
  expectedTransfers: Record<string, string>;
  nonce: string;
  settlementId: string;
  enterpriseId: string;
}

export interface DisputeUpdateFields {
  connectionId: string;
  retracted: boolean;
  reason?: string | undefined;
  expectedTransfers?: Record<string, string> | undefined;
  nonce: string;
  disputeId: string;
  settlementId: string;
  enterpriseId: string;
}

export interface DisputeCloseFields {
  enterpriseId: string;
  disputeId: string;
  notes: string;
  nonce: string;
}

/** The dispute's payload and the body it is sent in (the body has no path ids: they are in the path). */
export function disputeRequest(fields: DisputeFields): { payload: string; body: (signature: string) => string } {
  const payload = orderedPayload(DISPUTE_PAYLOAD_KEYS, fields);
  const { connectionId, reason, expectedTransfers, nonce } = fields;
  const own = JSON.parse(orderedPayload(['connectionId', 'reason', 'expectedTransfers', 'nonce'], { connectionId, reason, expectedTransfers, nonce })) as object;
  return { payload, body: (signature) => JSON.stringify({ ...own, payload, signature }) };
}

export function disputeUpdateRequest(fields: DisputeUpdateFields): { payload: string; body: (signature: string) => string } {
  const payload = orderedPayload(DISPUTE_UPDATE_PAYLOAD_KEYS, fields);
  const { connectionId, retracted, reason, expectedTransfers, nonce } = fields;
  const own = JSON.parse(orderedPayload(['connectionId', 'retracted', 'reason', 'expectedTransfers', 'nonce'], { connectionId, retracted, reason, expectedTransfers, nonce })) as object;
  return { payload, body: (signature) => JSON.stringify({ ...own, payload, signature }) };
}

export function disputeCloseRequest(fields: DisputeCloseFields): { payload: string; body: (signature: string) => string } {
  const payload = orderedPayload(DISPUTE_CLOSE_PAYLOAD_KEYS, fields);
  return { payload, body: (signature) => JSON.stringify({ notes: fields.notes, nonce: fields.nonce, payload, signature }) };
}
