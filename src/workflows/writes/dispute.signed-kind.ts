import type { BitGoTransport } from '../../bitgo/allocations.api.js';
import type { CallOptions } from '../../bitgo/client.js';
import { closeDispute, createDispute, listDisputes, updateDispute } from '../../bitgo/disputes.api.js';
import { BitGoError } from '../../bitgo/errors.js';
import type { WireDispute, WireDisputeClosure } from '../../bitgo/settlement.wire.js';
import type { SignedRequest } from '../../store/journal.store.js';
import { denied, failedSend, judged, outcomeOf, refused, unknown, withinDeadline, type JudgedSend, type SendOptions } from './send-outcome.js';
import type { Resolution, SignedKind } from './signed-kind.js';

/**
 * The client's three signed dispute requests. BitGo keeps no idempotency key for a dispute or a close, so their bytes
 * are sent once and a send of a row committed before (a repeat, the reconciler) first reads BitGo's disputes for what
 * the row made; an update (retract, un-retract) is absolute and re-sent as it is. The journal row's `subjectId` is the
 * settlement (dispute) or the dispute (update, close); `connectionId` the client's connection.
 */

/** What a dispute's state reads as in the journal's outcome. */
export function disputeStatus(d: WireDispute): string {
  return d.disputeClosureId || d.disputeClosure ? 'closed' : d.retracted ? 'retracted' : 'open';
}

const CLOCK_SKEW_MS = 10 * 60_000;

type Found<R> = { held: true; record: R } | { held: false } | { held: undefined; why: string };

function readFailure(error: unknown): { held: undefined; why: string } {
  const wire = error instanceof BitGoError ? error : undefined;
  return { held: undefined, why: `BitGo's disputes could not be read (${wire ? (wire.status ?? wire.kind) : 'error'})` };
}

/** The dispute this row's create made: the client's connection's dispute of the settlement, made since the row. */
async function findDisputed(client: BitGoTransport, row: SignedRequest, options: CallOptions): Promise<Found<WireDispute>> {
  if (!row.subjectId || !row.connectionId) return { held: undefined, why: 'the journal row does not say which settlement and connection it disputed' };
  try {
    const { disputes } = await listDisputes(client, row.enterpriseId, 'client', { settlementIds: [row.subjectId], connectionIds: [row.connectionId], pageNumber: 0, pageSize: 10 }, options);
    const since = row.createdAt.getTime() - CLOCK_SKEW_MS;
    const mine = disputes.filter((d) => d.disputedSettlementId === row.subjectId && d.connectionId === row.connectionId && Date.parse(d.createdAt) >= since);
    if (mine.length === 1) return { held: true, record: mine[0]! };
    return mine.length === 0 ? { held: false } : { held: undefined, why: 'more than one dispute of the settlement by this connection since the request' };
  } catch (error) {
    return readFailure(error);
  }
}

/** The closure of the row's dispute, if it has one. */
async function findClosed(client: BitGoTransport, row: SignedRequest, options: CallOptions): Promise<Found<WireDisputeClosure>> {
  if (!row.subjectId) return { held: undefined, why: 'the journal row does not say which dispute it closed' };
  try {
    const { disputes } = await listDisputes(client, row.enterpriseId, 'client', { disputeIds: [row.subjectId], pageNumber: 0, pageSize: 1 }, options);
    const closure = disputes.find((d) => d.id === row.subjectId)?.disputeClosure;
    return closure ? { held: true, record: closure } : { held: false };
  } catch (error) {
    return readFailure(error);
  }
}

function acceptedWith<R extends { id: string }>(record: R, status: string): JudgedSend<R> {
  return judged({ kind: 'accepted', record }, { definite: true, outcome: outcomeOf(200, { id: record.id, status }, null) });
}

/** Sent once, read before any re-send: the create and the close. */
async function sendOnce<R extends { id: string }>(
  row: SignedRequest,
  options: SendOptions,
  find: (call: CallOptions) => Promise<Found<R>>,
  post: (call: SendOptions) => Promise<R>,
  status: (record: R) => string,
): Promise<JudgedSend<R>> {
  const { replayed, exclusive, ...call } = options;
  if (replayed) {
    if (row.state === 'settled' && row.outcome && !row.outcome.recordId) {
      const wire = new BitGoError({ kind: 'http', operation: `POST ${row.kind}`, status: row.outcome.httpStatus ?? undefined, body: { error: row.outcome.message } });
      return judged({ kind: 'refused', error: wire }, { definite: true, outcome: row.outcome });
    }
    const found = await find(call);
    if (found.held === true) return acceptedWith(found.record, status(found.record));
    const state = row.state === 'pending' ? 'pending' : 'unknown';
    if (found.held === undefined) return unknown<R>(undefined, null, undefined, `${found.why}; nothing was re-sent`, null, state);
    if (exclusive === false) return unknown<R>(undefined, null, undefined, 'another send of this request may still be under way; nothing was re-sent', null, state);
  }
  const startedAt = performance.now();
  try {
    const record = await post({ ...call, replayed });
    return acceptedWith(record, status(record));
  } catch (error) {
    const wire = error instanceof BitGoError ? error : undefined;
    if (wire && !wire.outcomeUnknown) {
      if (replayed && (wire.status === 401 || wire.status === 403)) return denied(wire);
      return replayed ? judged({ kind: 'refused', error: wire }, { definite: true, outcome: outcomeOf(wire.status ?? null, null, wire.bitgoMessage ?? null) }) : refused(wire);
    }
    // Read within what is left of the write's deadline: past it, unknown (a repeat reads BitGo before any re-send).
    const within = withinDeadline(call, startedAt);
    const found = within ? await find(within) : undefined;
    if (found?.held === true) return acceptedWith(found.record, status(found.record));
    return unknown<R>(undefined, null, wire, wire?.bitgoMessage ?? wire?.kind ?? 'no answer', wire?.status ?? null);
  }
}

export function sendDispute(client: BitGoTransport, row: SignedRequest, options: SendOptions): Promise<JudgedSend<WireDispute>> {
  return sendOnce(row, options, (call) => findDisputed(client, row, call), async (call) => (await createDispute(client, row.path, row.body, call)).dispute, disputeStatus);
}

export function sendDisputeClose(client: BitGoTransport, row: SignedRequest, options: SendOptions): Promise<JudgedSend<WireDisputeClosure>> {
  return sendOnce(row, options, (call) => findClosed(client, row, call), async (call) => (await closeDispute(client, row.path, row.body, call)).disputeClosure, (c) => c.status);
}

export async function sendDisputeUpdate(client: BitGoTransport, row: SignedRequest, options: SendOptions): Promise<JudgedSend<WireDispute>> {
  const { replayed, exclusive: _exclusive, ...call } = options;
  try {
    const { dispute } = await updateDispute(client, row.path, row.body, call);
    return acceptedWith(dispute, disputeStatus(dispute));
  } catch (error) {
    return failedSend(error, replayed);
  }
}

function resolution<R>(found: Found<R>, status: (record: R) => { id: string; status: string }): Resolution {
  if (found.held === true) return { held: true, outcome: outcomeOf(200, status(found.record), null) };
  return found.held === false ? { held: false } : { held: undefined, why: found.why };
}

export const DISPUTE_KIND: SignedKind<WireDispute> = {
  send: sendDispute,
  async resolve(client, row, options) {
    return resolution(await findDisputed(client, row, options), (d) => ({ id: d.id, status: disputeStatus(d) }));
  },
};

export const DISPUTE_UPDATE_KIND: SignedKind<WireDispute> = { send: sendDisputeUpdate };

export const DISPUTE_CLOSE_KIND: SignedKind<WireDisputeClosure> = {
  send: sendDisputeClose,
  async resolve(client, row, options) {
    return resolution(await findClosed(client, row, options), (c) => ({ id: c.id, status: c.status }));
  },
};
