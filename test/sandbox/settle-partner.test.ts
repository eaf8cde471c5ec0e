import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { DEMO_CONNECTION_IDS, DEMO_PARTNER_ENTERPRISE_ID, OTHER_CONNECTION_IDS, SANDBOX_READONLY_TOKEN, startSandbox, type StartedSandbox } from '../../src/sandbox/index.js';
import { API, call, sign } from './helpers.js';
import { checked, control, settlementBody, settlementPayloadOf } from './settle-helpers.js';

const C = DEMO_CONNECTION_IDS;
const NIMBUS = DEMO_PARTNER_ENTERPRISE_ID;
const V1 = `${API}/${NIMBUS}/partners/settlements`;
const V2 = `/api/network/v2/enterprises/${NIMBUS}/partners/settlements`;
const HOUR = 3_600_000;

/** Every balance of the books, as `account/currency` → [available, held]. */
function balances(sb: StartedSandbox): Map<string, [bigint, bigint]> {
  const out = new Map<string, [bigint, bigint]>();
  for (const e of sb.books.snapshot()) {
    if (e.kind !== 'balance') continue;
    const v = e.value as { account: string; currency: string; available: string; held: string };
    out.set(`${v.account}/${v.currency}`, [BigInt(v.available), BigInt(v.held)]);
  }
  return out;
}

/** `after` is `before` moved by exactly `deltas` ([available, held] per account/currency), nothing else. */
function assertMoved(before: Map<string, [bigint, bigint]>, after: Map<string, [bigint, bigint]>, deltas: Record<string, [bigint, bigint]>): void {
  for (const key of new Set([...before.keys(), ...after.keys(), ...Object.keys(deltas)])) {
    const [a0, h0] = before.get(key) ?? [0n, 0n];
    const [da, dh] = deltas[key] ?? [0n, 0n];
    assert.deepEqual(after.get(key) ?? [0n, 0n], [a0 + da, h0 + dh], key);
  }
}

describe('sandbox partner settlements: signing, v1 and v2, idempotency and refusals (held to network-openapi.yaml)', () => {
  let sb: StartedSandbox;
  const amounts = () => ({ [C.nimbusMain]: { ofctbtc: '-1500', ofcteth: '2000000' }, [OTHER_CONNECTION_IDS.beaconNimbus]: { ofctbtc: '700' } });
  before(async () => {
    sb = await startSandbox({ allocations: 60, control: true });
  });
  after(() => sb.close());
  beforeEach(async () => {
    await control(sb, 'PUT', `settlements/partners/${NIMBUS}`, { disputesEnabled: true });
  });

  it('…/settlements-signing (GET with a body, and POST) answers the canonical payload; a different settlement under a used externalId is 409', async () => {
    const fields = { externalId: 'sign-1', notes: 'day 1', settlementAmounts: amounts(), nonce: 'n-sign-1', cutoffAt: '2026-12-01T00:00:00.000Z' };
    for (const method of ['GET', 'POST'] as const) {
      const answer = await checked(sb, method, `${V1}-signing`, { body: fields });
      assert.equal(answer.status, 200);
      assert.equal(answer.body.payload, settlementPayloadOf(fields, NIMBUS));
    }
    assert.equal(
      settlementPayloadOf({ externalId: 'x', settlementAmounts: { a: { ofctbtc: '-1' } }, nonce: 'n' }, NIMBUS),
      `{"externalId":"x","settlementAmounts":{"a":{"ofctbtc":"-1"}},"nonce":"n","enterpriseId":"${NIMBUS}"}`,
    );
    for (const bad of [{ ...fields, settlementAmounts: { [C.nimbusMain]: { ofctbtc: '0' } } }, { ...fields, settlementAmounts: { [C.nimbusMain]: { ofctbtc: '1.5' } } }, { ...fields, settlementAmounts: {} }, { ...fields, externalId: '' }, { ...fields, cutoffAt: 'soon' }]) {
      // Requests the document refuses too (an empty record would even match both of its oneOf branches): status only.
      assert.equal((await call(sb, 'POST', `${V1}-signing`, { body: bad })).status, 400, JSON.stringify(bad));
    }
    // Helios's connection is not Nimbus's; an inactive connection cannot settle.
    assert.equal((await checked(sb, 'POST', `${V1}-signing`, { body: { ...fields, settlementAmounts: { [C.helios]: { ofctbtc: '5' } } } })).status, 400);
    assert.equal((await call(sb, 'POST', `${V1}-signing`, { body: fields, token: SANDBOX_READONLY_TOKEN })).status, 403);
    const made = await checked(sb, 'POST', V2, { body: settlementBody(sb, fields) });
    assert.equal(made.status, 200);
    assert.equal((await checked(sb, 'POST', `${V1}-signing`, { body: fields })).status, 200, 'the same settlement again: its payload');
    assert.equal((await checked(sb, 'POST', `${V1}-signing`, { body: { ...fields, notes: 'day 1 (fixed)' } })).status, 409);
  });

  it('v1 on a disputes-enabled partner is 403 with BitGo\'s reason; v2 on a partner without disputes too', async () => {
    const v1 = await checked(sb, 'POST', V1, { body: settlementBody(sb, { settlementAmounts: amounts() }) });
    assert.equal(v1.status, 403);
    assert.match(v1.body.error, /disputes enabled.*V2/i);
    await control(sb, 'PUT', `settlements/partners/${NIMBUS}`, { disputesEnabled: false });
    const v2 = await checked(sb, 'POST', V2, { body: settlementBody(sb, { settlementAmounts: amounts(), cutoffAt: '2026-12-01T00:00:00Z' }) });
    assert.equal(v2.status, 403);
    assert.match(v2.body.error, /does not have disputes enabled/);
  });

  it('v1 settles at once: completed, each transfer moved between the connection and the partner, and nothing else', async () => {
    await control(sb, 'PUT', `settlements/partners/${NIMBUS}`, { disputesEnabled: false });
    const before = balances(sb);
    const body = settlementBody(sb, { settlementAmounts: amounts(), notes: 'v1 day' });
    const answer = await checked(sb, 'POST', V1, { body });
    assert.equal(answer.status, 200);
    const s = answer.body.settlement;
    assert.equal(s.status, 'completed');
    assert.ok(s.finalizedAt && s.externalId === body.externalId && s.notes === 'v1 day');
    assertMoved(before, balances(sb), {
      [`${C.nimbusMain}/ofctbtc`]: [-1500n, 0n],
      [`${NIMBUS}/ofctbtc`]: [1500n - 700n, 0n],
      [`${C.nimbusMain}/ofcteth`]: [2000000n, 0n],
      [`${NIMBUS}/ofcteth`]: [-2000000n, 0n],
      [`${OTHER_CONNECTION_IDS.beaconNimbus}/ofctbtc`]: [700n, 0n],
    });
    const transfers = (await checked(sb, 'GET', `${V1}/${s.id}`)).body.settlementTransfers;
    assert.deepEqual(transfers.map((t: { quantity: string; status: string }) => `${t.quantity}/${t.status}`).sort(), ['-1500/completed', '2000000/completed', '700/completed']);
    // The deprecated twin route settles the same way.
    assert.equal((await checked(sb, 'POST', `${V1}/nonReconciled`, { body: settlementBody(sb, { settlementAmounts: { [C.nimbusSecondary]: { ofctbtc: '3' } } }) })).body.settlement.status, 'completed');
  });

  it('v2 holds the amounts until the later of cutoff and creation plus the window, then delivers them', async () => {
    // Past the window of what earlier tests left pending (the seeded pending ones have cutoffs years ahead).
    const clock = (await control(sb, 'POST', 'clock', { advanceMs: 2 * HOUR })).body;
    assert.equal(clock.disputeWindowMs, HOUR);
    const cutoffAt = new Date(Date.parse(clock.now) + 10 * 60_000).toISOString();
    const before = balances(sb);
    const answer = await checked(sb, 'POST', V2, { body: settlementBody(sb, { settlementAmounts: amounts(), cutoffAt }) });
    assert.equal(answer.status, 200);
    const s = answer.body.settlement;
    assert.equal(s.status, 'pending');
    assert.equal(s.cutoffAt, cutoffAt);
    assert.deepEqual(s.settlingDisputes, []);
    const held = {
      [`${C.nimbusMain}/ofctbtc`]: [-1500n, 1500n] as [bigint, bigint],
      [`${NIMBUS}/ofctbtc`]: [-700n, 700n] as [bigint, bigint],
      [`${NIMBUS}/ofcteth`]: [-2000000n, 2000000n] as [bigint, bigint],
    };
    assertMoved(before, balances(sb), held);
    // One hour after creation is not enough: the cutoff is ten minutes later.
    await control(sb, 'POST', 'clock', { advanceMs: HOUR + 1000 });
    assert.equal((await checked(sb, 'GET', `${V1}/${s.id}`)).body.settlement.status, 'pending');
    const moved = await control(sb, 'POST', 'clock', { advanceMs: 10 * 60_000 });
    assert.ok(moved.body.finalized >= 1);
    const done = (await checked(sb, 'GET', `${V1}/${s.id}`)).body;
    assert.equal(done.settlement.status, 'completed');
    assert.ok(done.settlementTransfers.every((t: { status: string }) => t.status === 'completed'));
    assertMoved(before, balances(sb), {
      [`${C.nimbusMain}/ofctbtc`]: [-1500n, 0n],
      [`${NIMBUS}/ofctbtc`]: [800n, 0n],
      [`${C.nimbusMain}/ofcteth`]: [2000000n, 0n],
      [`${NIMBUS}/ofcteth`]: [-2000000n, 0n],
      [`${OTHER_CONNECTION_IDS.beaconNimbus}/ofctbtc`]: [700n, 0n],
    });
  });

  it('idempotent on externalId: the same settlement again is 200 with it, a different one 409, a reused nonce 400', async () => {
    await control(sb, 'PUT', `settlements/partners/${NIMBUS}`, { disputesEnabled: false });
    const first = settlementBody(sb, { externalId: 'idem-1', settlementAmounts: amounts() });
    const made = (await checked(sb, 'POST', V1, { body: first })).body.settlement;
    const before = balances(sb);
    // The identical bytes again, and the same settlement re-signed under a fresh nonce (amounts in another order).
    assert.deepEqual((await checked(sb, 'POST', V1, { body: first })).body.settlement, made);
    const reordered = { [OTHER_CONNECTION_IDS.beaconNimbus]: { ofctbtc: '700' }, [C.nimbusMain]: { ofcteth: '2000000', ofctbtc: '-1500' } };
    assert.equal((await checked(sb, 'POST', V1, { body: settlementBody(sb, { externalId: 'idem-1', settlementAmounts: reordered }) })).body.settlement.id, made.id);
    assert.deepEqual(balances(sb), before, 'a repeat moves nothing');
    const different = await checked(sb, 'POST', V1, { body: settlementBody(sb, { externalId: 'idem-1', settlementAmounts: { [C.nimbusMain]: { ofctbtc: '-1501' } } }) });
    assert.equal(different.status, 409);
    const replay = await checked(sb, 'POST', V1, { body: settlementBody(sb, { externalId: 'idem-2', settlementAmounts: amounts(), nonce: first.nonce as string }) });
    assert.equal(replay.status, 400);
    assert.match(replay.body.error, /nonce/);
    assert.equal(sb.books.settlements.all().filter((s) => s.wire.externalId === 'idem-1').length, 1);
  });

  it('refuses what the accounts cannot cover (v1 400, v2 422), a tampered payload (400) and a foreign signature (401): nothing changes', async () => {
    const owed = sb.books.connectionBalance(C.nimbusSecondary, 'ofctusdt').available + 1n;
    const tooMuch = { [C.nimbusSecondary]: { ofctusdt: `-${owed}` } };
    const count = sb.books.settlements.all().length;
    const before = balances(sb);
    const refusedBody = settlementBody(sb, { settlementAmounts: tooMuch, cutoffAt: '2026-12-01T00:00:00Z' });
    const v2 = await checked(sb, 'POST', V2, { body: refusedBody });
    assert.equal(v2.status, 422);
    assert.match(v2.body.error, /liabilities exceed/);
    assert.equal((await call(sb, 'POST', V2, { body: { ...settlementBody(sb, { settlementAmounts: tooMuch }), cutoffAt: undefined } })).status, 400, 'v2 without cutoffAt');
    assert.equal((await call(sb, 'POST', V2, { body: refusedBody, token: SANDBOX_READONLY_TOKEN })).status, 403);
    const partnerPays = { [C.nimbusSecondary]: { ofctusdt: (sb.books.balance(NIMBUS, 'ofctusdt').available + 1n).toString() } };
    assert.equal((await checked(sb, 'POST', V2, { body: settlementBody(sb, { settlementAmounts: partnerPays, cutoffAt: '2026-12-01T00:00:00Z' }) })).status, 422);
    await control(sb, 'PUT', `settlements/partners/${NIMBUS}`, { disputesEnabled: false });
    assert.equal((await checked(sb, 'POST', V1, { body: settlementBody(sb, { settlementAmounts: tooMuch }) })).status, 400);
    const body = settlementBody(sb, { settlementAmounts: amounts() });
    assert.equal((await checked(sb, 'POST', V1, { body: { ...body, settlementAmounts: { [C.nimbusMain]: { ofctbtc: '-1' } } } })).status, 400);
    const foreign = sign(sb.signingXprv, body.payload as string);
    assert.equal((await checked(sb, 'POST', V1, { body: { ...body, signature: foreign } })).status, 401);
    assert.equal(sb.books.settlements.all().length, count);
    assert.deepEqual(balances(sb), before);
    // Not even the nonce was spent: the same externalId and nonce, now with amounts that are covered, settles.
    await control(sb, 'PUT', `settlements/partners/${NIMBUS}`, { disputesEnabled: true });
    const covered = settlementBody(sb, { externalId: refusedBody.externalId as string, nonce: refusedBody.nonce as string, settlementAmounts: { [C.nimbusSecondary]: { ofctusdt: '-1' } }, cutoffAt: '2026-12-01T00:00:00Z' });
    assert.equal((await checked(sb, 'POST', V2, { body: covered })).status, 200);
  });

  it('GET …/partners/trades/signing answers the canonical payload of a trade; legs of one sign, or another partner\'s connection, are 400', async () => {
    const trade = { externalId: 't-1', externalOrderId: 'o-1', partyConnectionId: C.nimbusMain, tradedAt: '2026-12-01T10:00:00.000Z', base: { currency: 'ofctbtc', quantity: '0.5' }, quote: { currency: 'ofctusdt', quantity: '-45000' } };
    const body = { trade, tradeCorrection: { correctingUser: 'ops-1', reason: 'wrong price' }, nonce: 'n-trade-1' };
    const answer = await checked(sb, 'GET', `${API}/${NIMBUS}/partners/trades/signing`, { body });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.payload, JSON.stringify({ trade, tradeCorrection: body.tradeCorrection, nonce: 'n-trade-1', enterpriseId: NIMBUS }));
    const same = { ...body, trade: { ...trade, quote: { currency: 'ofctusdt', quantity: '45000' } } };
    assert.equal((await call(sb, 'GET', `${API}/${NIMBUS}/partners/trades/signing`, { body: same })).status, 400);
    assert.equal((await checked(sb, 'GET', `${API}/${NIMBUS}/partners/trades/signing`, { body: { ...body, trade: { ...trade, partyConnectionId: C.helios } } })).status, 400);
  });
});
