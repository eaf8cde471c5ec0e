import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DEMO_CONNECTION_IDS, DEMO_PARTNER_ENTERPRISE_ID, SEEDED_DISPUTES, startSandbox, type StartedSandbox } from '../../src/sandbox/index.js';
import { API, call } from './helpers.js';
import { checked, control, disputeClosurePayloadOf, disputePayloadOf, disputeUpdatePayloadOf, settlementBody, signedWith } from './settle-helpers.js';

const C = DEMO_CONNECTION_IDS;
const NIMBUS = DEMO_PARTNER_ENTERPRISE_ID;
const V1 = `${API}/${NIMBUS}/partners/settlements`;
const V2 = `/api/network/v2/enterprises/${NIMBUS}/partners/settlements`;
const HOUR = 3_600_000;
const nonce = () => randomBytes(32).toString('hex');

describe('sandbox settlement disputes: inside and outside the window, retract, un-retract, close (held to network-openapi.yaml)', () => {
  let sb: StartedSandbox;
  let clients: string;
  const v2 = async (settlementAmounts: Record<string, Record<string, string>>) => {
    const now = (await control(sb, 'GET', 'clock')).body.now as string;
    const answer = await checked(sb, 'POST', V2, { body: settlementBody(sb, { settlementAmounts, cutoffAt: now }) });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body.settlement as { id: string; createdAt: string };
  };
  const dispute = (settlementId: string, f: { connectionId: string; reason?: string; expectedTransfers: Record<string, string>; nonce?: string }, xprv = sb.signingXprv) => {
    const fields = { ...f, nonce: f.nonce ?? nonce() };
    return signedWith(fields, disputePayloadOf(fields, settlementId, sb.enterpriseId), xprv);
  };
  const update = (d: { id: string; disputedSettlementId: string; connectionId: string }, f: { retracted: boolean; reason?: string; expectedTransfers?: Record<string, string> }) => {
    const fields = { connectionId: d.connectionId, ...f, nonce: nonce() };
    return signedWith(fields, disputeUpdatePayloadOf(fields, d.id, d.disputedSettlementId, sb.enterpriseId), sb.signingXprv);
  };
  const closing = (disputeId: string, notes: string) => {
    const fields = { notes, nonce: nonce() };
    return signedWith(fields, disputeClosurePayloadOf(fields, disputeId, sb.enterpriseId), sb.signingXprv);
  };
  const transfersOf = async (id: string) => (await checked(sb, 'GET', `${V1}/${id}`)).body.settlementTransfers as Array<{ quantity: string; status: string; currency: string; disputeClosureId?: string; sourceTradingAccountId: string }>;
  const main = (id: string) => sb.books.settlements.get(id)!.transfers.filter((t) => t.connectionId === C.nimbusMain);

  before(async () => {
    sb = await startSandbox({ allocations: 60, control: true });
    clients = `${API}/${sb.enterpriseId}/clients/settlements`;
  });
  after(() => sb.close());

  it('a dispute inside the window holds its connection\'s transfers back at expiry; the rest settle; nothing can be disputed after', async () => {
    const s = await v2({ [C.nimbusMain]: { ofctbtc: '-4000' }, [C.nimbusSecondary]: { ofctbtc: '-500' } });
    const mainBefore = sb.books.connectionBalance(C.nimbusMain, 'ofctbtc');
    const body = dispute(s.id, { connectionId: C.nimbusMain, reason: 'we sold less', expectedTransfers: { ofctbtc: '-3000' } });
    const made = await checked(sb, 'POST', `${clients}/${s.id}/disputes`, { body });
    assert.equal(made.status, 200);
    const d = made.body.dispute;
    assert.deepEqual([d.disputedSettlementId, d.connectionId, d.retracted, d.reason, d.expectedTransfers], [s.id, C.nimbusMain, false, 'we sold less', { ofctbtc: '-3000' }]);
    // The identical request again: the same dispute; another one for the connection: 409.
    assert.deepEqual((await checked(sb, 'POST', `${clients}/${s.id}/disputes`, { body })).body.dispute, d);
    assert.equal((await checked(sb, 'POST', `${clients}/${s.id}/disputes`, { body: dispute(s.id, { connectionId: C.nimbusMain, expectedTransfers: { ofctbtc: '-1' } }) })).status, 409);
    // Tampered, signed by the partner's key, or for a connection with no transfer in it.
    assert.equal((await checked(sb, 'POST', `${clients}/${s.id}/disputes`, { body: { ...body, nonce: nonce() } })).status, 400);
    assert.equal((await checked(sb, 'POST', `${clients}/${s.id}/disputes`, { body: dispute(s.id, { connectionId: C.nimbusSecondary, expectedTransfers: { ofctbtc: '-1' } }, sb.partnerSigningXprv) })).status, 401);
    assert.equal((await checked(sb, 'POST', `${clients}/${s.id}/disputes`, { body: dispute(s.id, { connectionId: C.helios, expectedTransfers: { ofctbtc: '-1' } }) })).status, 400);
    const listed = (await checked(sb, 'GET', `${clients}/${s.id}`)).body;
    assert.equal(listed.settlement.disputed, true);
    assert.deepEqual(listed.settlementDisputes.map((x: { id: string }) => x.id), [d.id]);

    await control(sb, 'POST', 'clock', { advanceMs: HOUR + 1 });
    const after = await transfersOf(s.id);
    assert.deepEqual(after.map((t) => `${t.quantity}/${t.status}`).sort(), ['-4000/disputed', '-500/completed']);
    // The held amount went back to the disputing connection; the undisputed one was delivered.
    assert.deepEqual(sb.books.connectionBalance(C.nimbusMain, 'ofctbtc'), { available: mainBefore.available + 4000n, held: mainBefore.held - 4000n });
    const late = await checked(sb, 'POST', `${clients}/${s.id}/disputes`, { body: dispute(s.id, { connectionId: C.nimbusSecondary, expectedTransfers: { ofctbtc: '-400' } }) });
    assert.equal(late.status, 422);
    assert.match(late.body.error, /dispute window/);
    assert.equal((await checked(sb, 'PUT', `${clients}/disputes/${d.id}`, { body: update(d, { retracted: true }) })).status, 422);

    // Closing it (the original transfers were right) settles them with the partner's next v2 settlement.
    const closed = await checked(sb, 'POST', `${clients}/disputes/${d.id}/close`, { body: closing(d.id, 'the original transfers were right') });
    assert.equal(closed.status, 200);
    assert.deepEqual([closed.body.disputeClosure.closedBy, closed.body.disputeClosure.adjustedTransfers], ['client', { ofctbtc: '-4000' }]);
    assert.equal((await checked(sb, 'POST', `${clients}/disputes/${d.id}/close`, { body: closing(d.id, 'again') })).status, 409);
    assert.equal((await checked(sb, 'PUT', `${clients}/disputes/${d.id}`, { body: update(d, { retracted: false }) })).status, 409);
    const beforeNext = sb.books.connectionBalance(C.nimbusMain, 'ofctbtc');
    const next = await checked(sb, 'POST', V2, { body: settlementBody(sb, { settlementAmounts: { [C.nimbusSecondary]: { ofcteth: '10' } }, cutoffAt: (await control(sb, 'GET', 'clock')).body.now }) });
    assert.deepEqual(next.body.settlement.settlingDisputes.map((x: { id: string }) => x.id), [d.id]);
    const pulled = (await transfersOf(next.body.settlement.id)).filter((t) => t.disputeClosureId !== undefined);
    assert.deepEqual(pulled.map((t) => `${t.quantity}/${t.status}/${t.disputeClosureId}`), [`-4000/pending/${closed.body.disputeClosure.id}`]);
    await control(sb, 'POST', 'clock', { advanceMs: HOUR + 1 });
    assert.deepEqual(sb.books.connectionBalance(C.nimbusMain, 'ofctbtc'), { available: beforeNext.available - 4000n, held: beforeNext.held });
    const settled = (await checked(sb, 'GET', `${API}/${sb.enterpriseId}/clients/settlement/disputes`, { query: { disputeIds: d.id } })).body.disputes[0];
    assert.equal(settled.settledInSettlementId, next.body.settlement.id);
    assert.equal(settled.disputeClosure.adjustedSettlementTransfers.length, 1);
  });

  it('retracting lets the transfers run at expiry; un-retracting holds them back again; both only inside the window', async () => {
    const s = await v2({ [C.nimbusMain]: { ofcteth: '-77' } });
    const d = (await checked(sb, 'POST', `${clients}/${s.id}/disputes`, { body: dispute(s.id, { connectionId: C.nimbusMain, expectedTransfers: { ofcteth: '-70' } }) })).body.dispute;
    const retracted = (await checked(sb, 'PUT', `${clients}/disputes/${d.id}`, { body: update(d, { retracted: true, reason: 'found the trade' }) })).body.dispute;
    assert.deepEqual([retracted.retracted, retracted.retractedReason, typeof retracted.retractedAt], [true, 'found the trade', 'string']);
    const back = (await checked(sb, 'PUT', `${clients}/disputes/${d.id}`, { body: update(d, { retracted: false, reason: 'no, it is missing', expectedTransfers: { ofcteth: '-60' } }) })).body.dispute;
    assert.deepEqual([back.retracted, back.reason, back.expectedTransfers, back.retractedAt], [false, 'no, it is missing', { ofcteth: '-60' }, undefined]);
    await checked(sb, 'PUT', `${clients}/disputes/${d.id}`, { body: update(d, { retracted: true }) });
    await control(sb, 'POST', 'clock', { advanceMs: HOUR + 1 });
    assert.deepEqual(main(s.id).map((t) => t.status), ['completed']);
    // A v1 settlement cannot be disputed.
    await control(sb, 'PUT', `settlements/partners/${NIMBUS}`, { disputesEnabled: false });
    const v1 = (await checked(sb, 'POST', V1, { body: settlementBody(sb, { settlementAmounts: { [C.nimbusMain]: { ofcteth: '5' } } }) })).body.settlement;
    await control(sb, 'PUT', `settlements/partners/${NIMBUS}`, { disputesEnabled: true });
    assert.equal((await checked(sb, 'POST', `${clients}/${v1.id}/disputes`, { body: dispute(v1.id, { connectionId: C.nimbusMain, expectedTransfers: { ofcteth: '4' } }) })).status, 422);
  });

  it('the seeded open dispute can be retracted (its settlement\'s cutoff is years ahead); a closed one inside the window settles with its own settlement', async () => {
    const seeded = sb.books.settlements.dispute(SEEDED_DISPUTES.open)!.wire;
    const r = await checked(sb, 'PUT', `${clients}/disputes/${seeded.id}`, { body: update(seeded, { retracted: true }) });
    assert.equal(r.status, 200);
    const s = await v2({ [C.nimbusMain]: { ofctusdt: '-9' } });
    const d = (await checked(sb, 'POST', `${clients}/${s.id}/disputes`, { body: dispute(s.id, { connectionId: C.nimbusMain, expectedTransfers: { ofctusdt: '-8' } }) })).body.dispute;
    const body = closing(d.id, 'our mistake');
    const closed = (await checked(sb, 'POST', `${clients}/disputes/${d.id}/close`, { body })).body.disputeClosure;
    assert.deepEqual((await checked(sb, 'POST', `${clients}/disputes/${d.id}/close`, { body })).body.disputeClosure, closed, 'an identical repeat');
    assert.equal(sb.books.settlements.dispute(d.id)!.wire.settledInSettlementId, s.id);
    await control(sb, 'POST', 'clock', { advanceMs: HOUR + 1 });
    assert.deepEqual(main(s.id).map((t) => t.status), ['completed']);
    assert.equal((await call(sb, 'PUT', `${clients}/disputes/not-a-uuid`, { body: update(d, { retracted: true }) })).status, 400);
  });
});
