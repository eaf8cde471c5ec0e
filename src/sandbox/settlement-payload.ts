import type { ExpectedTransfers, SettlementAmounts } from './settlement-wire.types.js';

/**
 * The exact strings the settlement and dispute routes verify, written out field by field (JSON.stringify keeps
 * insertion order), as payload.ts does for allocations: the request body's fields in the contract's order, absent
 * optional ones left out (never null), then the ids the path names, the enterprise last. Record-valued fields
 * (settlementAmounts, expectedTransfers) keep the order the request gave their keys in.
 *
 *   settlement (…/partners/settlements-signing, v1 and v2 POST):
 *     { externalId, notes?, settlementAmounts, nonce, cutoffAt?, enterpriseId }
 *   dispute (POST …/clients/settlements/{settlementId}/disputes):
 *     { connectionId, reason?, expectedTransfers, nonce, settlementId, enterpriseId }
 *   dispute update (PUT …/clients/settlements/disputes/{disputeId}; the contract: "all request body properties and
 *   the disputeId & settlementId parameters"):
 *     { connectionId, retracted, reason?, expectedTransfers?, nonce, disputeId, settlementId, enterpriseId }
 *   dispute closure (POST …/disputes/{disputeId}/close; the contract lists "enterpriseId, disputeId, notes, nonce"):
 *     { enterpriseId, disputeId, notes, nonce }
 */

export interface SettlementPayloadFields {
  externalId: string;
  notes?: string | undefined;
  settlementAmounts: SettlementAmounts;
  nonce: string;
  cutoffAt?: string | undefined;
}

export function settlementPayload(f: SettlementPayloadFields, enterpriseId: string): string {
  return JSON.stringify({
    externalId: f.externalId,
    ...(f.notes === undefined ? {} : { notes: f.notes }),
    settlementAmounts: f.settlementAmounts,
    nonce: f.nonce,
    ...(f.cutoffAt === undefined ? {} : { cutoffAt: f.cutoffAt }),
    enterpriseId,
  });
}

export interface DisputePayloadFields {
  connectionId: string;
  reason?: string | undefined;
  expectedTransfers: ExpectedTransfers;
  nonce: string;
}

export function disputePayload(f: DisputePayloadFields, settlementId: string, enterpriseId: string): string {
  return JSON.stringify({
    connectionId: f.connectionId,
    ...(f.reason === undefined ? {} : { reason: f.reason }),
    expectedTransfers: f.expectedTransfers,
    nonce: f.nonce,
    settlementId,
    enterpriseId,
  });
}

export interface DisputeUpdatePayloadFields {
  connectionId: string;
  retracted: boolean;
  reason?: string | undefined;
  expectedTransfers?: ExpectedTransfers | undefined;
  nonce: string;
}

export function disputeUpdatePayload(f: DisputeUpdatePayloadFields, disputeId: string, settlementId: string, enterpriseId: string): string {
  return JSON.stringify({
    connectionId: f.connectionId,
    retracted: f.retracted,
    ...(f.reason === undefined ? {} : { reason: f.reason }),
    ...(f.expectedTransfers === undefined ? {} : { expectedTransfers: f.expectedTransfers }),
    nonce: f.nonce,
    disputeId,
    settlementId,
    enterpriseId,
  });
}

export function disputeClosurePayload(f: { notes: string; nonce: string }, disputeId: string, enterpriseId: string): string {
  return JSON.stringify({ enterpriseId, disputeId, notes: f.notes, nonce: f.nonce });
}
