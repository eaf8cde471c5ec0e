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

const outcome = { httpStatus: 200, allocationId: 'a', allocationStatus: 'cleared', message: null };

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
});
