import { listAllocations } from '../../bitgo/allocations.api.js';
import type { CallOptions } from '../../bitgo/client.js';
import { BitGoError } from '../../bitgo/errors.js';
import type { WireAllocationType } from '../../bitgo/wire.types.js';
import type { SignedRequest } from '../../store/journal.store.js';
import { outcomeOf } from './send-outcome.js';
import type { Resolution } from './signed-kind.js';

/** BitGo's clock and ours may disagree: a record this much older than the row is still a candidate. */
const CLOCK_SKEW_MS = 10 * 60_000;
const PAGE_SIZE = 100;
/** A connection with more records of the currency than this since the row was made is not searched further ("cannot tell"). */
const MAX_PAGES = 20;

/**
 * Whether BitGo holds what an allocate (or deallocate) row asked, read from the connection's list around the row's
 * time: a record with the row's clientExternalId (BitGo's idempotency key for the kind, so whatever bytes made it,
 * a re-send of ours would be answered with it) means it does; none among every record created since (less a clock
 * margin) means BitGo never had it. A failed read, or more records than are searched, cannot tell.
 */
export async function resolveAllocation(client: Parameters<typeof listAllocations>[0], row: SignedRequest, options: CallOptions): Promise<Resolution> {
  if (!row.clientExternalId || !row.connectionId) return { held: undefined, why: 'the journal row names no clientExternalId or connection' };
  const type: WireAllocationType = row.kind === 'deallocate' ? 'deallocation' : 'allocation';
  const query = {
    connectionIds: [row.connectionId],
    types: [type],
    ...(row.currency ? { currencies: [row.currency] } : {}),
    createdOnOrAfter: new Date(row.createdAt.getTime() - CLOCK_SKEW_MS).toISOString(),
    pageSize: PAGE_SIZE,
  };
  try {
    for (let pageNumber = 0; pageNumber < MAX_PAGES; pageNumber++) {
      const { allocations } = await listAllocations(client, row.enterpriseId, 'client', { ...query, pageNumber }, options);
      const mine = allocations.find((record) => record.clientExternalId === row.clientExternalId && record.type === type);
      if (mine) return { held: true, outcome: outcomeOf(mine.status === 'released' ? 422 : 200, mine, null) };
      if (allocations.length < PAGE_SIZE) return { held: false };
    }
    return { held: undefined, why: `more than ${MAX_PAGES * PAGE_SIZE} records on the connection since the request was made` };
  } catch (error) {
    const wire = error instanceof BitGoError ? error : undefined;
    return { held: undefined, why: `BitGo's allocations could not be read (${wire ? (wire.status ?? wire.kind) : 'error'})` };
  }
}

/** The outcome a row settles with when BitGo never had it: no record, and why, in words an operator reads in the audit trail. */
export function neverHeld(lastStatus: number | null): { httpStatus: number | null; recordId: null; recordStatus: null; message: string } {
  return {
    httpStatus: lastStatus,
    recordId: null,
    recordStatus: null,
    message: 'NOT_SENT: BitGo never had this request (no record with its clientExternalId on the connection) and refuses its re-sends; nothing was allocated',
  };
}
