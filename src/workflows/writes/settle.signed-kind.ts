import type { BitGoTransport } from '../../bitgo/allocations.api.js';
import type { CallOptions } from '../../bitgo/client.js';
import { BitGoError } from '../../bitgo/errors.js';
import { listSettlements, submitSettlement } from '../../bitgo/settlements.api.js';
import type { WireSettlement } from '../../bitgo/settlement.wire.js';
import type { SignedRequest } from '../../store/journal.store.js';
import { failedSend, judged, outcomeOf, withinDeadline, type JudgedSend, type SendOptions } from './send-outcome.js';
import type { Resolution, SignedKind } from './signed-kind.js';

/**
 * settle: the committed POST …/partners/settlements (v1) or /api/network/v2/…/partners/settlements (v2). BitGo is
 * idempotent on `externalId` (the journal's key for the kind): the same bytes answer the settlement they made, so a
 * repeat and the reconciler re-send them as they are. What a send leaves unknown (no answer, a 5xx, a refused replay)
 * is resolved by reading the partner's settlements for the externalId.
 */

type Found = { held: true; settlement: WireSettlement } | { held: false } | { held: undefined; why: string };

/** The settlement BitGo holds under this row's externalId, read from the partner's list. */
export async function findSettled(client: BitGoTransport, row: Pick<SignedRequest, 'enterpriseId' | 'idempotencyKey'>, options: CallOptions): Promise<Found> {
  try {
    const { settlements } = await listSettlements(client, row.enterpriseId, 'partner', { externalIds: [row.idempotencyKey], pageNumber: 0, pageSize: 2 }, options);
    const mine = settlements.filter((s) => s.externalId === row.idempotencyKey);
    if (mine.length === 1) return { held: true, settlement: mine[0]! };
    return mine.length === 0 ? { held: false } : { held: undefined, why: 'BitGo lists more than one settlement under this externalId' };
  } catch (error) {
    const wire = error instanceof BitGoError ? error : undefined;
    return { held: undefined, why: `BitGo's settlements could not be read (${wire ? (wire.status ?? wire.kind) : 'error'})` };
  }
}

/**
 * The share of the write deadline kept back from the POST's re-sends for the read by externalId: a send that spent
 * the whole deadline re-sending (answers dropped after BitGo made it) still learns what BitGo holds, and the caller
 * still has its answer within the deadline.
 */
const READ_SHARE = 0.25;

function accepted(settlement: WireSettlement): JudgedSend<WireSettlement> {
  return judged({ kind: 'accepted', record: settlement }, { definite: true, outcome: outcomeOf(200, settlement, null) });
}

export async function sendSettlement(client: BitGoTransport, row: SignedRequest, options: SendOptions): Promise<JudgedSend<WireSettlement>> {
  const { replayed, exclusive: _exclusive, ...call } = options;
  const startedAt = performance.now();
  try {
    const { settlement } = await submitSettlement(client, row.path, row.body, { ...call, deadlineMs: call.deadlineMs - Math.floor(call.deadlineMs * READ_SHARE) });
    if (!settlement?.id) throw new BitGoError({ kind: 'http', operation: 'POST partners/settlements', status: 200, body: { error: 'answer without the settlement' } });
    return accepted(settlement);
  } catch (error) {
    const failed = failedSend(error, replayed);
    if (failed.outcome.kind !== 'unknown') return failed as JudgedSend<WireSettlement>;
    // It may be there: BitGo made it and the answer was lost, or an earlier send made it and this one was refused.
    // Read within what is left of the write's deadline (at least its READ_SHARE; none left: unknown, the repeat reads).
    const within = withinDeadline(call, startedAt);
    if (!within) return failed as JudgedSend<WireSettlement>;
    const found = await findSettled(client, row, within);
    return found.held === true ? accepted(found.settlement) : (failed as JudgedSend<WireSettlement>);
  }
}

/** settle as the reconciler sees it: the send above, and the read by externalId as `resolve`. */
export const SETTLE_KIND: SignedKind<WireSettlement> = {
  send: sendSettlement,
  async resolve(client, row, options): Promise<Resolution> {
    const found = await findSettled(client, row, options);
    if (found.held === true) return { held: true, outcome: outcomeOf(200, found.settlement, null) };
    return found.held === false ? { held: false } : { held: undefined, why: found.why };
  },
  async reconciled(row, { outcome }, { changes }) {
    if (outcome.kind === 'accepted') await changes?.settlementAnswered({ enterpriseId: row.enterpriseId, view: 'partner', source: 'RECONCILER', settlement: outcome.record });
  },
};
