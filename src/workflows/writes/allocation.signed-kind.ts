import { submitAllocation } from '../../bitgo/allocations.api.js';
import { BitGoError } from '../../bitgo/errors.js';
import type { WireAllocation, WireAllocationType } from '../../bitgo/wire.types.js';
import type { SignedRequest } from '../../store/journal.store.js';
import { resolveAllocation } from './allocation-resolution.js';
import type { SignedKind } from './signed-kind.js';
import { failedSend, judged, outcomeOf, unknown, type JudgedSend, type SendOptions } from './send-outcome.js';
import { recordIn } from './write-outcome.js';
import type { BitGoTransport } from '../../bitgo/allocations.api.js';

/** allocate and deallocate: the committed POST, answered with the allocation (or deallocation) BitGo holds. */
export async function sendAllocation(client: BitGoTransport, row: SignedRequest, options: SendOptions): Promise<JudgedSend<WireAllocation>> {
  const { replayed, ...call } = options;
  const type: WireAllocationType = row.kind === 'allocate' ? 'allocation' : 'deallocation';
  // Settled with no record: the reconciler read BitGo and found it never had the request (allocation-resolution.ts).
  // That stays the answer: sending the bytes now could make the allocation the caller was told does not exist.
  if (replayed && row.state === 'settled' && row.outcome && !row.outcome.recordId) {
    const wire = new BitGoError({ kind: 'http', operation: `POST ${type}s`, status: row.outcome.httpStatus ?? 400, body: { error: row.outcome.message } });
    return judged({ kind: 'refused', error: wire }, { definite: true, outcome: row.outcome });
  }
  let body: unknown;
  try {
    body = await submitAllocation(client, type, row.path, row.body, call);
  } catch (error) {
    return allocateFailure(error, type, replayed);
  }
  const record = recordIn(body, type);
  if (!record) return unknown<WireAllocation>(undefined, null, undefined, 'answer without the allocation', 200);
  return judged({ kind: 'accepted', record }, { definite: true, outcome: outcomeOf(200, record, null) });
}

function allocateFailure(error: unknown, type: WireAllocationType, replayed: boolean): JudgedSend<WireAllocation> {
  const wire = error instanceof BitGoError ? error : undefined;
  // The freshest record BitGo sent with any attempt, e.g. the reserved one of an earlier 500.
  const record = wire ? [wire.body, ...[...wire.earlierBodies].reverse()].map((b) => recordIn(b, type)).find((r) => r !== undefined) : undefined;
  if (wire?.status === 422 && record) {
    return judged({ kind: 'refused-with-record', record, error: wire }, { definite: true, outcome: outcomeOf(422, record, wire.bitgoMessage ?? null) });
  }
  const failed = failedSend(error, replayed);
  if (failed.outcome.kind !== 'unknown' || !record) return failed;
  // Unknown, with the record BitGo last sent: a reserved, retriable one is BitGo's "send the identical request again".
  const state = record.status === 'reserved' && record.retriable ? 'pending' : 'unknown';
  return unknown(record, record, wire, failed.outcome.why, wire?.status ?? null, state);
}

/** The reconciler's view of allocate and deallocate: what it settles is published as the allocation BitGo answered with. */
export const ALLOCATION_KIND: SignedKind<WireAllocation> = {
  send: sendAllocation,
  resolve: resolveAllocation,
  async reconciled(row, { outcome }, { changes }) {
    if (outcome.kind === 'accepted' || outcome.kind === 'refused-with-record') {
      await changes?.allocationAnswered({ enterpriseId: row.enterpriseId, view: 'client', source: 'RECONCILER', allocation: outcome.record });
    }
  },
};
