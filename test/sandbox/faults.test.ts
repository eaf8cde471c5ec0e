import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { DEMO_CONNECTION_IDS, startSandbox, type StartedSandbox } from '../../src/sandbox/index.js';
import { call, list, listPath, signedBody, writePath } from './helpers.js';

const C = DEMO_CONNECTION_IDS;

describe('sandbox faults and request log', () => {
  let sb: StartedSandbox;
  before(async () => {
    sb = await startSandbox({ allocations: 40 });
  });
  beforeEach(() => {
    sb.faults.clear();
    sb.requests.reset();
  });
  after(() => sb.close());

  it('status faults answer instead of handling, in order, then run out', async () => {
    sb.faults.add({ method: 'GET', path: listPath(sb), status: 500, body: { error: 'boom' } });
    sb.faults.add({ path: /\/clients\/allocations$/, status: 503 });
    const first = await list(sb);
    assert.deepEqual([first.status, first.body], [500, { error: 'boom' }]);
    assert.equal(typeof first.headers['x-request-id'], 'string');
    const second = await list(sb);
    assert.deepEqual([second.status, second.body], [503, { error: 'injected fault' }]);
    assert.equal((await list(sb)).status, 200);
    assert.equal(sb.faults.pending(), 0);
  });

  it('faults only match their method and path; times: Infinity keeps going until clear()', async () => {
    sb.faults.add({ method: 'POST', status: 500 });
    sb.faults.add({ path: '/api/network/v1/enterprises/x/', status: 500 });
    assert.equal((await list(sb)).status, 200);
    sb.faults.clear();
    sb.faults.add({ path: listPath(sb), status: 429, times: Infinity });
    for (let i = 0; i < 3; i++) assert.equal((await list(sb)).status, 429);
    sb.faults.clear();
    assert.equal((await list(sb)).status, 200);
  });

  it('latency: per fault and global', async () => {
    sb.faults.add({ latencyMs: 120 });
    let t = performance.now();
    assert.equal((await list(sb)).status, 200);
    assert.ok(performance.now() - t >= 110);
    sb.faults.setLatency(60);
    t = performance.now();
    await list(sb);
    assert.ok(performance.now() - t >= 55);
    sb.faults.setLatency(0);
    t = performance.now();
    await list(sb);
    assert.ok(performance.now() - t < 55);
  });

  it('dropBeforeCommit destroys the socket and changes nothing', async () => {
    const body = signedBody(sb, { connectionId: C.helios, amount: { currency: 'ofctbtc', quantity: '5' } });
    sb.faults.add({ method: 'POST', dropBeforeCommit: true });
    await assert.rejects(call(sb, 'POST', writePath(sb, 'allocation', C.helios), { body }));
    assert.equal(sb.books.findByClientExternalId(sb.enterpriseId, 'allocation', String(body.clientExternalId)), undefined);
    const retry = await call(sb, 'POST', writePath(sb, 'allocation', C.helios), { body });
    assert.equal(retry.status, 200);
  });

  it('dropAfterCommit commits, drops, and the identical re-send sees the same record', async () => {
    const before = sb.books.balance(sb.enterpriseId, 'ofctbtc').available;
    const body = signedBody(sb, { connectionId: C.helios, amount: { currency: 'ofctbtc', quantity: '6' } });
    sb.faults.add({ method: 'POST', path: writePath(sb, 'allocation', C.helios), dropAfterCommit: true });
    await assert.rejects(call(sb, 'POST', writePath(sb, 'allocation', C.helios), { body }));
    const stored = sb.books.findByClientExternalId(sb.enterpriseId, 'allocation', String(body.clientExternalId));
    assert.equal(stored?.status, 'cleared');
    const retry = await call(sb, 'POST', writePath(sb, 'allocation', C.helios), { body });
    assert.equal(retry.status, 200);
    assert.equal(retry.body.allocation.id, stored.id);
    assert.equal(sb.books.balance(sb.enterpriseId, 'ofctbtc').available, before - 6n, 'moved once');
  });

  it('retriableReserved: 500 reserved+retriable, funds held; the identical re-send clears it; a different one does not', async () => {
    const before = sb.books.balance(sb.enterpriseId, 'ofctbtc');
    const body = signedBody(sb, { connectionId: C.helios, amount: { currency: 'ofctbtc', quantity: '8' } });
    sb.faults.add({ method: 'POST', retriableReserved: true });
    const first = await call(sb, 'POST', writePath(sb, 'allocation', C.helios), { body });
    assert.equal(first.status, 500);
    assert.equal(first.body.allocation.status, 'reserved');
    assert.equal(first.body.allocation.retriable, true);
    assert.deepEqual(sb.books.balance(sb.enterpriseId, 'ofctbtc'), { available: before.available - 8n, held: before.held + 8n });
    const different = signedBody(sb, { connectionId: C.helios, amount: { currency: 'ofctbtc', quantity: '8' }, clientExternalId: String(body.clientExternalId) });
    const other = await call(sb, 'POST', writePath(sb, 'allocation', C.helios), { body: different });
    assert.equal(other.status, 500, 'a non-identical request does not complete it');
    const retry = await call(sb, 'POST', writePath(sb, 'allocation', C.helios), { body });
    assert.equal(retry.status, 200);
    assert.equal(retry.body.allocation.id, first.body.allocation.id);
    assert.equal(retry.body.allocation.status, 'cleared');
    assert.equal(retry.body.allocation.retriable, false);
    assert.equal(retry.body.allocation.reason, null);
    assert.deepEqual(sb.books.balance(sb.enterpriseId, 'ofctbtc'), { available: before.available - 8n, held: before.held });
  });

  it('retriableReserved on a deallocation answers under `deallocation`; on an async connection the re-send leaves it awaiting the partner', async () => {
    sb.books.setConnectionBalance(C.quanta, 'ofctbtc', { available: 1000n });
    sb.faults.add({ method: 'POST', retriableReserved: true, times: 2 });
    const d = signedBody(sb, { connectionId: C.quanta, amount: { currency: 'ofctbtc', quantity: '1' } });
    const first = await call(sb, 'POST', writePath(sb, 'deallocation', C.quanta), { body: d });
    assert.equal(first.status, 500);
    assert.equal(first.body.deallocation.retriable, true);
    const a = signedBody(sb, { connectionId: C.nimbusMain, amount: { currency: 'ofctbtc', quantity: '1' } });
    assert.equal((await call(sb, 'POST', writePath(sb, 'allocation', C.nimbusMain), { body: a })).status, 500);
    const retry = await call(sb, 'POST', writePath(sb, 'allocation', C.nimbusMain), { body: a });
    assert.equal(retry.status, 200);
    assert.deepEqual([retry.body.allocation.status, retry.body.allocation.retriable], ['reserved', false]);
    assert.equal((await call(sb, 'POST', writePath(sb, 'deallocation', C.quanta), { body: d })).body.deallocation.status, 'cleared');
  });

  it('close() can be called twice', async () => {
    const other = await startSandbox({ allocations: 1 });
    await other.close();
    await other.close();
  });

  it('the request log counts by method and path, records status and query, and resets', async () => {
    await list(sb, { pageSize: '5', types: ['allocation', 'deallocation'] });
    await list(sb, {}, 'partner');
    await call(sb, 'POST', writePath(sb, 'allocation', C.helios), { body: {} });
    assert.equal(sb.requests.count(), 3);
    assert.equal(sb.requests.count({ method: 'GET' }), 2);
    assert.equal(sb.requests.count({ path: /\/partners\// }), 1);
    assert.equal(sb.requests.count({ method: 'post', path: '/api/network/v1/enterprises/' }), 1);
    const [first, , third] = sb.requests.entries();
    assert.deepEqual(first!.query, { pageSize: '5', types: 'allocation,deallocation' });
    assert.equal(first!.status, 200);
    assert.equal(third!.status, 400);
    assert.equal(first!.path, listPath(sb));
    assert.equal(typeof first!.at, 'number');
    sb.requests.reset();
    assert.equal(sb.requests.count(), 0);
  });
});
