import { createConnection } from '../../bitgo/connect.api.js';
import { getClientConnection, listConnections } from '../../bitgo/connections.api.js';
import { BitGoError } from '../../bitgo/errors.js';
import type { BitGoTransport } from '../../bitgo/allocations.api.js';
import type { CallOptions } from '../../bitgo/client.js';
import type { WireConnection } from '../../bitgo/wire.types.js';
import type { SignedRequest, SignedRequestKey } from '../../store/journal.store.js';
import { openSealed, SecretBoxError } from '../../store/secret-box.js';
import { denied, judged, outcomeOf, refused, unknown, type JudgedSend, type SendOptions } from './send-outcome.js';
import type { Resolution, SignedKind } from './signed-kind.js';

/**
 * connect: the committed POST …/clients/connections. BitGo keeps no idempotency key for it, so these bytes are never
 * re-sent blindly: a send of a row committed before (a repeat, the reconciler) first reads BitGo's connections for
 * one this request made (same partner and name, the row's nonce, created after the row), answers it when there is
 * one, and sends only when there is none and nobody else may be sending the row. The client sends the bytes once
 * (no retry on a 5xx or a timeout); an answer that was lost is found by the same read. The body is sealed in the
 * journal (it holds the key's secrets) and opened only here, to be sent.
 */

/** The additional data a connect's sealed body is bound to: its journal key. */
export function sealContext(key: SignedRequestKey): string {
  return `${key.enterpriseId}/${key.kind}/${key.idempotencyKey}`;
}

/** What a connection's state reads as in the journal's outcome. */
export function connectionStatus(c: WireConnection): string {
  return !c.active ? 'inactive' : c.initialized ? 'initialized' : 'uninitialized';
}

/** BitGo's clock and ours may disagree: a connection this much older than the row is still a candidate. */
const CLOCK_SKEW_MS = 10 * 60_000;
const PAGE_SIZE = 100;
/** A partner and name with more connections than this is not searched further (the read is "cannot tell"). */
const MAX_PAGES = 20;

/** The partner and name the committed request asked for, read back from its (masked) payload. */
function askedOf(row: SignedRequest): { partnerId: string; name: string } | undefined {
  try {
    const { partnerId, name } = JSON.parse(row.payload) as { partnerId?: unknown; name?: unknown };
    return typeof partnerId === 'string' && typeof name === 'string' ? { partnerId, name } : undefined;
  } catch {
    return undefined;
  }
}

type Found = { held: true; connection: WireConnection } | { held: false } | { held: undefined; why: string };

/** The connection this row's request made, read from BitGo: by its id once known, else by partner, name and nonce. */
async function findConnected(client: BitGoTransport, row: SignedRequest, options: CallOptions): Promise<Found> {
  try {
    if (row.outcome?.recordId) return { held: true, connection: (await getClientConnection(client, row.enterpriseId, row.outcome.recordId, options)).connection };
    const asked = askedOf(row);
    if (!asked) return { held: undefined, why: 'the journal row does not say which partner and name it connected to' };
    const since = row.createdAt.getTime() - CLOCK_SKEW_MS;
    for (let pageNumber = 0; pageNumber < MAX_PAGES; pageNumber++) {
      const { connections } = await listConnections(client, row.enterpriseId, 'client', { partnerIds: [asked.partnerId], names: [asked.name], pageNumber, pageSize: PAGE_SIZE }, options);
      // The nonce is the request's own (32 random bytes): a connection with it was made by these bytes, no other.
      const mine = connections.find((c) => c.nonce === row.nonce && c.partnerId === asked.partnerId && Date.parse(c.createdAt) >= since);
      if (mine) return { held: true, connection: mine };
      if (connections.length < PAGE_SIZE) return { held: false };
    }
    return { held: undefined, why: `more than ${MAX_PAGES * PAGE_SIZE} connections to the partner under this name` };
  } catch (error) {
    const wire = error instanceof BitGoError ? error : undefined;
    return { held: undefined, why: `BitGo's connections could not be read (${wire ? (wire.status ?? wire.kind) : 'error'})` };
  }
}

function accepted(connection: WireConnection): JudgedSend<WireConnection> {
  return judged({ kind: 'accepted', record: connection }, { definite: true, outcome: outcomeOf(200, { id: connection.id, status: connectionStatus(connection) }, null) });
}

/** Nothing was sent: what BitGo holds could not be told, or another send may be under way. */
function notSent(why: string, state: 'pending' | 'unknown'): JudgedSend<WireConnection> {
  return unknown<WireConnection>(undefined, null, undefined, why, null, state);
}

export async function sendConnect(client: BitGoTransport, row: SignedRequest, options: SendOptions): Promise<JudgedSend<WireConnection>> {
  const { replayed, exclusive, ...call } = options;
  if (replayed) {
    // A settled refusal stays one: nothing was made, and the same bytes would be refused again.
    if (row.state === 'settled' && !row.outcome?.recordId && row.outcome) {
      const wire = new BitGoError({ kind: 'http', operation: 'POST clients/connections', status: row.outcome.httpStatus ?? undefined, body: { error: row.outcome.message } });
      return judged({ kind: 'refused', error: wire }, { definite: true, outcome: row.outcome });
    }
    const found = await findConnected(client, row, call);
    if (found.held === true) return accepted(found.connection);
    if (found.held === undefined) return notSent(`${found.why}; nothing was re-sent`, row.state === 'pending' ? 'pending' : 'unknown');
    if (exclusive === false) return notSent('another send of this connect may still be under way; nothing was re-sent', row.state === 'pending' ? 'pending' : 'unknown');
  }
  let body: string;
  try {
    body = openSealed(row.body, sealContext(row));
  } catch (error) {
    if (!(error instanceof SecretBoxError)) throw error;
    return notSent(`${error.message}; nothing was sent`, row.state === 'pending' ? 'pending' : 'unknown');
  }
  try {
    return accepted((await createConnection(client, row.path, body, call)).connection);
  } catch (error) {
    const wire = error instanceof BitGoError ? error : undefined;
    if (wire && !wire.outcomeUnknown) {
      if (replayed && (wire.status === 401 || wire.status === 403)) return denied(wire);
      // A first send refused: BitGo made nothing, and the key is free for a corrected request. A re-send refused after a
      // read found nothing: BitGo made nothing either, but the row keeps its key (a repeat answers this refusal).
      return replayed
        ? judged({ kind: 'refused', error: wire }, { definite: true, outcome: outcomeOf(wire.status ?? null, null, wire.bitgoMessage ?? null) })
        : refused(wire);
    }
    // No answer, or a 5xx: the connection may exist. A read now finds one made already; none found proves nothing
    // (BitGo may still be making it), so the row stays for a later read.
    const found = await findConnected(client, { ...row, outcome: null }, call);
    if (found.held === true) return accepted(found.connection);
    return unknown<WireConnection>(undefined, null, wire, wire?.bitgoMessage ?? wire?.kind ?? 'no answer', wire?.status ?? null);
  }
}

/** connect as the reconciler (and whoever else) sees it: the send above, the read as `resolve`, and live subscribers told. */
export const CONNECT_KIND: SignedKind<WireConnection> = {
  send: sendConnect,
  async resolve(client, row, options): Promise<Resolution> {
    const found = await findConnected(client, row, options);
    if (found.held === true) return { held: true, outcome: outcomeOf(200, { id: found.connection.id, status: connectionStatus(found.connection) }, null) };
    return found.held === false ? { held: false } : { held: undefined, why: found.why };
  },
  async reconciled(row, { outcome }, { changes }) {
    if (outcome.kind === 'accepted') await changes?.connectionAnswered({ enterpriseId: row.enterpriseId, view: 'client', source: 'RECONCILER', connection: outcome.record });
  },
};
