import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_CONNECTION_IDS, startSandbox, type StartedSandbox } from '../../src/sandbox/index.js';
import { allocate, call, nonce, sign, signedBody, writePath } from './helpers.js';

const C = DEMO_CONNECTION_IDS;

describe('sandbox allocate and deallocate', () => {
  let sb: StartedSandbox;
  before(async () => {
    sb = await startSandbox({ allocations: 60 });
  });
  after(() => sb.close());

  it('sync partner: 200 cleared, funds move from the client to the connection', async () => {
    const before = sb.books.balance(sb.enterpriseId, 'ofcteth');
    const conn = sb.books.connectionBalance(C.helios, 'ofcteth');
    const q = 12_345_678_901_234_567_890_123n;
    const r = await allocate(sb, { connectionId: C.helios, amount: { currency: 'ofcteth', quantity: q.toString() }, notes: 'desk' });
    assert.equal(r.status, 200);
    const a = r.body.allocation;
    assert.equal(a.status, 'cleared');
    assert.equal(a.retriable, false);
    assert.equal(a.reason, null);
    assert.equal(a.type, 'allocation');
    assert.equal(a.notes, 'desk');
    assert.equal(a.amount.quantity, q.toString());
    assert.deepEqual(sb.books.balance(sb.enterpriseId, 'ofcteth'), { available: before.available - q, held: before.held });
    assert.equal(sb.books.connectionBalance(C.helios, 'ofcteth').available, conn.available + q);
    const got = await call(sb, 'GET', `/api/network/v1/enterprises/${sb.enterpriseId}/clients/allocations/${a.id}`);
    assert.deepEqual(got.body.allocation, a);
  });

  it('deallocation: 200 cleared under the key `deallocation`, funds move back', async () => {
    const conn = sb.books.connectionBalance(C.quanta, 'ofctbtc').available;
    const before = sb.books.balance(sb.enterpriseId, 'ofctbtc').available;
    const r = await allocate(sb, { connectionId: C.quanta, amount: { currency: 'ofctbtc', quantity: '1000' } }, 'deallocation');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.deallocation.status, 'cleared');
    assert.equal(r.body.deallocation.type, 'deallocation');
    assert.equal(r.body.allocation, undefined);
    assert.equal(sb.books.connectionBalance(C.quanta, 'ofctbtc').available, conn - 1000n);
    assert.equal(sb.books.balance(sb.enterpriseId, 'ofctbtc').available, before + 1000n);
  });

  it('async partner: 200 reserved, not retriable, with a reason; funds held', async () => {
    const before = sb.books.balance(sb.enterpriseId, 'ofctusdt');
    const r = await allocate(sb, { connectionId: C.nimbusMain, amount: { currency: 'ofctusdt', quantity: '500000' } });
    assert.equal(r.status, 200);
    assert.equal(r.body.allocation.status, 'reserved');
    assert.equal(r.body.allocation.retriable, false);
    assert.match(r.body.allocation.reason, /partner/);
    assert.deepEqual(sb.books.balance(sb.enterpriseId, 'ofctusdt'), { available: before.available - 500000n, held: before.held + 500000n });
  });

  it('422 released on insufficient balance, stored as released, no funds moved', async () => {
    const before = sb.books.balance(sb.enterpriseId, 'ofctsol');
    const r = await allocate(sb, { connectionId: C.orbit, amount: { currency: 'ofctsol', quantity: (before.available + 1n).toString() } });
    assert.equal(r.status, 422);
    assert.equal(r.body.error, 'insufficient balance');
    assert.equal(r.body.allocation.status, 'released');
    assert.equal(r.body.allocation.reason, 'insufficient balance');
    assert.deepEqual(sb.books.balance(sb.enterpriseId, 'ofctsol'), before);
    assert.equal(sb.books.findByClientExternalId(sb.enterpriseId, 'allocation', r.body.allocation.clientExternalId)?.status, 'released');
    const d = await allocate(sb, { connectionId: C.orbit, amount: { currency: 'ofctsol', quantity: '1' + '0'.repeat(40) } }, 'deallocation');
    assert.equal(d.status, 422);
    assert.equal(d.body.deallocation.status, 'released');
  });

  it('422 released on an inactive connection', async () => {
    const r = await allocate(sb, { connectionId: C.heliosLegacyInactive, amount: { currency: 'ofctbtc', quantity: '1' } });
    assert.equal(r.status, 422);
    assert.equal(r.body.allocation.status, 'released');
    assert.match(r.body.error, /inactive/);
  });

  it('is idempotent on clientExternalId: 10 concurrent identical requests make one record', async () => {
    const before = sb.books.balance(sb.enterpriseId, 'ofctxrp').available;
    const body = signedBody(sb, { connectionId: C.helios, amount: { currency: 'ofctxrp', quantity: '777' } });
    const answers = await Promise.all(Array.from({ length: 10 }, () => call(sb, 'POST', writePath(sb, 'allocation', C.helios), { body })));
    assert.ok(answers.every((a) => a.status === 200));
    assert.equal(new Set(answers.map((a) => a.body.allocation.id)).size, 1);
    const matching = sb.books.allRecords(sb.enterpriseId).filter((r) => r.clientExternalId === body.clientExternalId);
    assert.equal(matching.length, 1);
    assert.equal(sb.books.balance(sb.enterpriseId, 'ofctxrp').available, before - 777n);
  });

  it('a different request under the same clientExternalId is answered with the existing record', async () => {
    const first = await allocate(sb, { connectionId: C.helios, amount: { currency: 'ofctbtc', quantity: '10' }, clientExternalId: 'same-ext' });
    const second = await allocate(sb, { connectionId: C.orbit, amount: { currency: 'ofctbtc', quantity: '99' }, clientExternalId: 'same-ext' });
    assert.equal(second.status, 200);
    assert.deepEqual(second.body.allocation, first.body.allocation);
    // The type is part of the key: a deallocation may reuse the id.
    const d = await allocate(sb, { connectionId: C.helios, amount: { currency: 'ofctbtc', quantity: '10' }, clientExternalId: 'same-ext' }, 'deallocation');
    assert.equal(d.status, 200);
    assert.notEqual(d.body.deallocation.id, first.body.allocation.id);
  });

  it('refuses a new request that reuses a nonce (replay)', async () => {
    const n = nonce();
    assert.equal((await allocate(sb, { connectionId: C.helios, amount: { currency: 'ofctbtc', quantity: '1' }, nonce: n })).status, 200);
    const replay = await allocate(sb, { connectionId: C.helios, amount: { currency: 'ofctbtc', quantity: '1' }, nonce: n });
    assert.equal(replay.status, 400);
    assert.match(replay.body.error, /nonce/);
  });

  it('refuses a payload that does not match the fields (400) and a bad signature (401), creating nothing', async () => {
    const body = signedBody(sb, { connectionId: C.helios, amount: { currency: 'ofctbtc', quantity: '100' } });
    const path = writePath(sb, 'allocation', C.helios);
    const tamperedAmount = { ...body, amount: { currency: 'ofctbtc', quantity: '100000' } };
    const mismatch = await call(sb, 'POST', path, { body: tamperedAmount });
    assert.equal(mismatch.status, 400);
    assert.match(mismatch.body.error, /payload/);
    const tamperedPayload = { ...body, payload: String(body.payload).replace('"100"', '"100000"'), amount: { currency: 'ofctbtc', quantity: '100000' } };
    const sig = await call(sb, 'POST', path, { body: tamperedPayload });
    assert.equal(sig.status, 401);
    assert.equal(sig.body.error, 'invalid signature');
    const flipped = String(body.signature).slice(0, 100) + (String(body.signature)[100] === '0' ? '1' : '0') + String(body.signature).slice(101);
    assert.equal((await call(sb, 'POST', path, { body: { ...body, signature: flipped } })).status, 401);
    const otherKey = { ...body, signature: sign(sb.partnerSigningXprv, String(body.payload)) };
    assert.equal((await call(sb, 'POST', path, { body: otherKey })).status, 401);
    assert.equal((await call(sb, 'POST', path, { body: { ...body, signature: 'zz' } })).status, 400);
    assert.equal(sb.books.findByClientExternalId(sb.enterpriseId, 'allocation', String(body.clientExternalId)), undefined);
    // The untampered request still works afterwards: refused requests do not burn the nonce.
    assert.equal((await call(sb, 'POST', path, { body })).status, 200);
  });

  it('400 on missing required fields; 404 on a connection of another enterprise', async () => {
    const body = signedBody(sb, { connectionId: C.helios, amount: { currency: 'ofctbtc', quantity: '5' } });
    for (const field of ['amount', 'clientExternalId', 'nonce', 'payload', 'signature']) {
      const partial: Record<string, unknown> = { ...body };
      delete partial[field];
      const r = await call(sb, 'POST', writePath(sb, 'allocation', C.helios), { body: partial });
      assert.equal(r.status, 400, field);
    }
    const r = await call(sb, 'POST', writePath(sb, 'allocation', '6c2d7e4a-8b9f-4c1d-9e2f-3a4b5c6d7e8f'), { body });
    assert.equal(r.status, 404);
  });

  it('new records appear in the list with the caller as initiatedBy', async () => {
    const r = await allocate(sb, { connectionId: C.orbit, amount: { currency: 'ofctusdc', quantity: '42' } });
    const listed = await call(sb, 'GET', `/api/network/v1/enterprises/${sb.enterpriseId}/clients/allocations`, { query: { allocationIds: r.body.allocation.id } });
    assert.deepEqual(listed.body.allocations, [r.body.allocation]);
    assert.equal(r.body.allocation.initiatedBy, '65f1c0de2b7a4e0012ab34cd');
  });
});
