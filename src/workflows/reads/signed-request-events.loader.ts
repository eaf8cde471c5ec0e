import DataLoader from 'dataloader';
import type { SignedRequestEventView, SignedRequestReads, SignedRequestRef } from './signed-request-reads.workflow.js';

/** Most rows whose events one read fetches: a page holds at most 100. */
const MAX_BATCH = 100;

/**
 * Per-request batching of `events` of the audit trail: every row of a page asks in the same tick, so a page
 * costs one events read whatever its size. Only rows a list already showed the caller are ever asked for.
 */
export function signedRequestEventsLoader(reads: SignedRequestReads): DataLoader<SignedRequestRef, SignedRequestEventView[], string> {
  return new DataLoader((rows) => reads.events(rows), { maxBatchSize: MAX_BATCH, cacheKeyFn: (row) => row.id });
}
