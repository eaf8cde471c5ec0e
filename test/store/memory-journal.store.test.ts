import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NewSignedRequest } from '../../src/store/journal.store.js';
import { MemoryJournalStore } from '../../src/store/memory/memory-journal.store.js';

function request(idempotencyKey: string, body = `body-${idempotencyKey}`): NewSignedRequest {
  return {
    enterpriseId: 'e1',
    kind: 'allocate',
    idempotencyKey,
    fingerprint: 'f',
    method: 'POST',
    path: 'api/x',
    body,
    payload: '{}',
    nonce: 'n',
    signatureSha256: 's',
    caller: 'service',
    clientExternalId: idempotencyKey,
    allocationId: null,
    connectionId: null,
    currency: 'ofctbtc',
    quantity: '18446744073709551617',
  };
}

const outcome = { httpStatus: 200, recordId: 'a', recordStatus: 'cleared', message: null };

describe('the in-memory journal (one process; its rules are in journal-behaviour.test.ts)', () => {
  it('stays bounded, letting settled rows go first', async () => {
    const store = new MemoryJournalStore(3);
    const rows = [];
    for (const k of ['a', 'b', 'c']) rows.push((await store.claim(request(k))).request);
    await store.recordAnswer(rows[1]!.id, { definite: true, outcome });
    await store.claim(request('d'));
    assert.equal(await store.find(rows[1]!), undefined, 'the settled one went');
    assert.ok(await store.find(rows[0]!), 'the unsettled ones stayed');
    assert.ok(await store.find(rows[2]!));
  });

  it('never forgets a row still waiting for an answer: full of them, it takes no new request', async () => {
    const store = new MemoryJournalStore(2);
    const a = (await store.claim(request('a'))).request;
    await store.claim(request('b'));
    await assert.rejects(store.claim(request('c')), /await an answer/);
    assert.ok(await store.find(a), 'the unsettled rows hold their keys');
    assert.equal((await store.claim(request('a'))).created, false, 'a repeat still finds its row');
    await store.recordAnswer(a.id, { definite: true, outcome });
    assert.equal((await store.claim(request('c'))).created, true, 'a settled row makes room');
  });

  it('answers the admin port too: by id, events of many, unsettled stats, due rows with backoff, abandoning', async () => {
    const store = new MemoryJournalStore();
    const a = (await store.claim(request('a'))).request;
    const b = (await store.claim(request('b'))).request;
    assert.ok(BigInt(b.id) > BigInt(a.id), 'ids increase, as the SQL store\'s do');
    await store.recordAnswer(a.id, { definite: true, outcome });
    assert.deepEqual((await store.findById(a.id))?.state, 'settled');
    assert.equal(await store.findById('nope'), undefined);
    const events = await store.eventsFor([a.id, b.id, 'nope']);
    assert.deepEqual([...events.keys()], [a.id, b.id, 'nope']);
    assert.deepEqual(events.get(a.id)!.map((e) => e.type), ['committed', 'attempt', 'answer']);
    assert.deepEqual(events.get('nope'), []);
    const stats = await store.unsettledStats();
    assert.equal(stats.count, 1);
    assert.equal(stats.oldestCreatedAt?.getTime(), b.createdAt.getTime());

    const due = { worker: 'w', limit: 10, idleMs: 0, leaseMs: 1_000, backoffBaseMs: 10, backoffMaxMs: 100 };
    const first = await store.claimDue(due);
    assert.deepEqual(first.map((r) => [r.id, r.round]), [[b.id, 1]]);
    assert.ok(first[0]!.nextAttemptAt.getTime() >= Date.now() + 900, 'not due again before the lease ends');
    assert.deepEqual(await store.claimDue(due), []);

    assert.deepEqual(await store.abandon(60_000), [], 'not old enough');
    assert.deepEqual(await store.abandon(0), [b.id]);
    assert.equal((await store.findById(b.id))?.state, 'abandoned');
    assert.equal((await store.unsettledStats()).count, 0);
    assert.deepEqual((await store.events(b.id)).map((e) => e.type), ['committed', 'attempt', 'abandoned']);
  });
});
