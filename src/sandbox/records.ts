import type { AllocationRecord } from './wire.types.js';
import { ok, type RouteResult } from './http.js';

export const AWAITING_PARTNER = 'awaiting partner confirmation';
export const RETRY_IDENTICAL = 'processing was interrupted; retry with the identical request';

/** Rebuilds a record with its keys in the order BitGo's schema lists them, whatever order the changes came in. */
export function wireRecord(r: AllocationRecord): AllocationRecord {
  return {
    id: r.id,
    amount: { currency: r.amount.currency, quantity: r.amount.quantity },
    connectionId: r.connectionId,
    clientExternalId: r.clientExternalId,
    ...(r.partnerExternalId === undefined ? {} : { partnerExternalId: r.partnerExternalId }),
    initiatedBy: r.initiatedBy,
    ...(r.notes === undefined ? {} : { notes: r.notes }),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    retriable: r.retriable,
    ...(r.evaluationId === undefined ? {} : { evaluationId: r.evaluationId }),
    ...(r.pendingApprovalId === undefined ? {} : { pendingApprovalId: r.pendingApprovalId }),
    ...(r.policyResult === undefined ? {} : { policyResult: r.policyResult }),
    reason: r.reason,
    status: r.status,
    type: r.type,
  };
}

/**
 * The allocate/deallocate answer for a record's state: cleared and
 * non-retriable reserved are 200, released is 422 with its reason as the
 * error, retriable reserved is 500 (re-send the identical request).
 * Deallocations answer under `deallocation`.
 */
export function writeAnswer(record: AllocationRecord): RouteResult {
  const key = record.type === 'allocation' ? 'allocation' : 'deallocation';
  if (record.status === 'released') return ok({ [key]: record, error: record.reason ?? 'released' }, 422);
  if (record.status === 'reserved' && record.retriable) return ok({ [key]: record }, 500);
  return ok({ [key]: record });
}
