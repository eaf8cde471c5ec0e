import { partnerUpdateType, submitAllocation, updatePartnerRecord, type BitGoTransport } from '../../bitgo/allocations.api.js';
import type { WriteOptions } from '../../bitgo/client.js';
import { BitGoError } from '../../bitgo/errors.js';
import type { WireAllocation, WireAllocationType } from '../../bitgo/wire.types.js';
import type { Logger } from '../../common/logger.js';
import type { JournalStore, SignedRequest, SignedRequestAnswer } from '../../store/journal.store.js';
import { outcomeOf, recordIn } from './write-outcome.js';

/**
 * One send of a journaled request and what it came to: the same judgement for a mutation's own send and for the
 * reconciler's re-send, so that both settle a row (or leave it to the reconciler) alike.
 *
 * Definite: a success with the record; a 422 with the record (BitGo holds it, released); a refusal of a first
 * send (BitGo holds nothing under the key, which the answer releases). Indefinite: anything that may have
 * reached BitGo unseen (5xx, timeout, dropped connection, an unreadable success), and any refusal of a
 * "replayed" send (bytes committed before this send: an earlier one may have done it). A 500 with a reserved,
 * retriable record is BitGo's "send the identical request again": pending, not unknown.
 */
export type SendOutcome =
  /** 2xx with the record. */
  | { kind: 'accepted'; record: WireAllocation }
  /** 2xx to a partner update: the status is applied. */
  | { kind: 'applied' }
  /** 422 with the record: BitGo holds the allocation and released it. */
  | { kind: 'refused-with-record'; record: WireAllocation; error: BitGoError }
  /** A refusal: of a first send, BitGo holds nothing under the key; of a replay, the caller may not act (401, 403). */
  | { kind: 'refused'; error: BitGoError }
  /** What BitGo did is not known; the freshest record it sent, if any. */
  | { kind: 'unknown'; record: WireAllocation | undefined; error: BitGoError | undefined; why: string };

export interface JudgedSend {
  outcome: SendOutcome;
  /** What the journal records of it. */
  answer: SignedRequestAnswer;
}

export interface SendOptions extends WriteOptions {
  /** The row's bytes were committed before this send (found, raced, or reconciled). */
  replayed: boolean;
}

/** Sends the row's committed bytes to the endpoint its kind and path name, and judges the answer. */
export async function sendCommitted(client: BitGoTransport, row: SignedRequest, options: SendOptions): Promise<JudgedSend> {
  const { replayed, ...call } = options;
  if (row.kind === 'update_allocation') {
    const type = partnerUpdateType(row.path);
    try {
      await updatePartnerRecord(client, type, row.path, row.body, call);
      return judged({ kind: 'applied' }, { definite: true, outcome: { httpStatus: 200, allocationId: row.allocationId, allocationStatus: targetStatus(row), message: null } });
    } catch (error) {
      return partnerUpdateFailure(error, row, replayed);
    }
  }
  const type: WireAllocationType = row.kind === 'allocate' ? 'allocation' : 'deallocation';
  let body: unknown;
  try {
    body = await submitAllocation(client, type, row.path, row.body, call);
  } catch (error) {
    return allocateFailure(error, type, replayed);
  }
  const record = recordIn(body, type);
  if (!record) return unknown(undefined, undefined, 'answer without the allocation', 200);
  return judged({ kind: 'accepted', record }, { definite: true, outcome: outcomeOf(200, record, null) });
}

/**
 * Records BitGo's answer to a mutation's own send. That send may have moved money, so a journal that fails here never
 * turns the answer into an error (a caller who had let the gateway make its key would lose it, and a retry would
 * allocate twice): the row stays unsettled, as if no answer had come, the reconciler re-sends its committed bytes and
 * settles it, and the caller gets what BitGo said.
 */
export async function recordOwnAnswer(journal: Pick<JournalStore, 'recordAnswer'>, logger: Logger, id: string, answer: SignedRequestAnswer): Promise<void> {
  try {
    await journal.recordAnswer(id, answer);
  } catch (error) {
    logger.error({ signedRequestId: id, err: { message: (error as Error)?.message } }, 'journal: BitGo\'s answer to a sent request could not be recorded; the row stays unsettled for the reconciler');
  }
}

function allocateFailure(error: unknown, type: WireAllocationType, replayed: boolean): JudgedSend {
  const wire = error instanceof BitGoError ? error : undefined;
  // The freshest record BitGo sent with any attempt, e.g. the reserved one of an earlier 500.
  const record = wire ? [wire.body, ...[...wire.earlierBodies].reverse()].map((b) => recordIn(b, type)).find((r) => r !== undefined) : undefined;
  if (wire?.status === 422 && record) {
    return judged({ kind: 'refused-with-record', record, error: wire }, { definite: true, outcome: outcomeOf(422, record, wire.bitgoMessage ?? null) });
  }
  if (wire && replayed && deniedToCaller(wire)) return denied(wire);
  if (!wire || wire.outcomeUnknown || replayed) return unknown(record, wire, wire?.bitgoMessage ?? wire?.kind ?? 'no answer', wire?.status ?? null);
  return refused(wire);
}

/** BitGo refused this send for the caller's credentials (401, 403): it did nothing with it. */
function deniedToCaller(wire: BitGoError): boolean {
  return !wire.outcomeUnknown && (wire.status === 401 || wire.status === 403);
}

/**
 * A replay refused for the caller's credentials: nothing is learnt of the earlier sends, so the row stays as it was
 * (a pending row is not made unknown; its key stays held), and the caller is told it may not act.
 */
function denied(wire: BitGoError): JudgedSend {
  return judged({ kind: 'refused', error: wire }, { definite: false, state: 'pending', outcome: outcomeOf(wire.status ?? null, undefined, wire.bitgoMessage ?? null) });
}

function partnerUpdateFailure(error: unknown, row: SignedRequest, replayed: boolean): JudgedSend {
  const wire = error instanceof BitGoError ? error : undefined;
  if (!wire || wire.outcomeUnknown) return unknown(undefined, wire, wire?.bitgoMessage ?? wire?.kind ?? 'no answer', wire?.status ?? null);
  // 409: the allocation is settled the other way. Ours could not have done that (a repeat of the status ours set
  // is answered 200), so it is definite even for a replay.
  if (wire.status === 409) {
    const outcome = { httpStatus: 409, allocationId: row.allocationId, allocationStatus: null, message: wire.bitgoMessage ?? null };
    return judged({ kind: 'refused', error: wire }, { definite: true, releasesKey: !replayed, outcome });
  }
  if (replayed && deniedToCaller(wire)) return denied(wire);
  if (replayed) return unknown(undefined, wire, wire.bitgoMessage ?? wire.kind, wire.status ?? null);
  return refused(wire);
}

function refused(wire: BitGoError): JudgedSend {
  return judged({ kind: 'refused', error: wire }, { definite: true, releasesKey: true, outcome: outcomeOf(wire.status ?? null, undefined, wire.bitgoMessage ?? null) });
}

function unknown(record: WireAllocation | undefined, wire: BitGoError | undefined, why: string, status: number | null): JudgedSend {
  const state = record?.status === 'reserved' && record.retriable ? 'pending' : 'unknown';
  return judged({ kind: 'unknown', record, error: wire, why }, { definite: false, state, outcome: outcomeOf(status, record, why) });
}

function judged(outcome: SendOutcome, answer: SignedRequestAnswer): JudgedSend {
  return { outcome, answer };
}

/** A partner update's key is `${allocationId}:${status}`. */
function targetStatus(row: SignedRequest): string | null {
  const status = row.idempotencyKey.slice(row.idempotencyKey.lastIndexOf(':') + 1);
  return status === 'cleared' || status === 'released' ? status : null;
}
