import { BitGoError } from '../../bitgo/errors.js';
import type { WriteOptions } from '../../bitgo/client.js';
import type { Logger } from '../../common/logger.js';
import type { JournalStore, SignedRequestAnswer, SignedRequestOutcome } from '../../store/journal.store.js';

/**
 * One send of a journaled request and what it came to: the same judgement for a mutation's own send and for the
 * reconciler's re-send, so that both settle a row (or leave it to the reconciler) alike. Each kind sends and reads
 * its own answer (signed-kinds.ts); the judgement's rules are here, shared by every kind.
 *
 * Definite: a success with the record; a 422 with the record (BitGo holds it, released); a refusal of a first
 * send (BitGo holds nothing under the key, which the answer releases). Indefinite: anything that may have
 * reached BitGo unseen (5xx, timeout, dropped connection, an unreadable success), and any refusal of a
 * "replayed" send (bytes committed before this send: an earlier one may have done it). A 500 with a reserved,
 * retriable record is BitGo's "send the identical request again": pending, not unknown.
 */
export type SendOutcome<R = unknown> =
  /** 2xx with the record. */
  | { kind: 'accepted'; record: R }
  /** 2xx to an update whose answer carries no record: the change is applied. */
  | { kind: 'applied' }
  /** 422 with the record: BitGo holds it and released it. */
  | { kind: 'refused-with-record'; record: R; error: BitGoError }
  /** A refusal: of a first send, BitGo holds nothing under the key; of a replay, the caller may not act (401, 403). */
  | { kind: 'refused'; error: BitGoError }
  /** What BitGo did is not known; the freshest record it sent, if any. */
  | { kind: 'unknown'; record: R | undefined; error: BitGoError | undefined; why: string };

export interface JudgedSend<R = unknown> {
  outcome: SendOutcome<R>;
  /** What the journal records of it. */
  answer: SignedRequestAnswer;
}

export interface SendOptions extends WriteOptions {
  /** The row's bytes were committed before this send (found, raced, or reconciled). */
  replayed: boolean;
  /**
   * False: this caller could not take the row for itself (`recordExclusiveAttempt`), so another send of it may be in
   * flight, and a kind BitGo keeps no idempotency key for must not send its bytes now (it may still read BitGo).
   * Absent: the caller holds the row by other means (it just made it, or the reconciler's lease).
   */
  exclusive?: boolean | undefined;
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

/** BitGo refused this send for the caller's credentials (401, 403): it did nothing with it. */
export function deniedToCaller(wire: BitGoError): boolean {
  return !wire.outcomeUnknown && (wire.status === 401 || wire.status === 403);
}

/**
 * A replay refused for the caller's credentials: nothing is learnt of the earlier sends, so the row stays as it was
 * (a pending row is not made unknown; its key stays held), and the caller is told it may not act.
 */
export function denied(wire: BitGoError): JudgedSend<never> {
  return judged({ kind: 'refused', error: wire }, { definite: false, state: 'pending', outcome: outcomeOf(wire.status ?? null, null, wire.bitgoMessage ?? null) });
}

/** A definite refusal of a first send: BitGo holds nothing under the key, which the answer releases. */
export function refused(wire: BitGoError): JudgedSend<never> {
  return judged({ kind: 'refused', error: wire }, { definite: true, releasesKey: true, outcome: outcomeOf(wire.status ?? null, null, wire.bitgoMessage ?? null) });
}

/**
 * What BitGo did is not known. `pending` instead when BitGo said "send the identical request again" (nothing is
 * unknown then); `record`'s id and status are the freshest BitGo sent.
 */
export function unknown<R>(
  record: R | undefined,
  about: { id: string; status: string } | null,
  wire: BitGoError | undefined,
  why: string,
  status: number | null,
  state: 'pending' | 'unknown' = 'unknown',
): JudgedSend<R> {
  return judged({ kind: 'unknown', record, error: wire, why }, { definite: false, state, outcome: outcomeOf(status, about, why) });
}

/**
 * The common judgement of a send that failed (threw): a 401/403 to a replay is the caller's (the row is as it was);
 * anything that may have reached BitGo, or any failure of a replay, is unknown; else a definite refusal.
 */
export function failedSend(error: unknown, replayed: boolean): JudgedSend<never> {
  const wire = error instanceof BitGoError ? error : undefined;
  if (wire && replayed && deniedToCaller(wire)) return denied(wire);
  if (!wire || wire.outcomeUnknown || replayed) return unknown<never>(undefined, null, wire, wire?.bitgoMessage ?? wire?.kind ?? 'no answer', wire?.status ?? null);
  return refused(wire);
}

export function judged<R>(outcome: SendOutcome<R>, answer: SignedRequestAnswer): JudgedSend<R> {
  return { outcome, answer };
}

/** What the journal keeps of an answer: never a secret, only BitGo's status, the record's id and status, and its message. */
export function outcomeOf(httpStatus: number | null, record: { id: string; status: string } | null | undefined, message: string | null): SignedRequestOutcome {
  return { httpStatus, recordId: record?.id ?? null, recordStatus: record?.status ?? null, message };
}

/**
 * The options for the read that may resolve a send left unknown: bounded by what remains of the write's deadline,
 * which began at `startedAt` (performance.now()). The caller was promised an answer within the deadline; a read
 * with its own attempts and backoff after a send that used it all would break that promise. Nothing left: no read.
 */
export function withinDeadline<T extends WriteOptions>(options: T, startedAt: number): T | undefined {
  const left = options.deadlineMs - (performance.now() - startedAt);
  if (left <= 0) return undefined;
  // A whole number of milliseconds: AbortSignal.timeout refuses a fraction.
  const deadline = AbortSignal.timeout(Math.ceil(left));
  return { ...options, signal: options.signal ? AbortSignal.any([options.signal, deadline]) : deadline };
}
