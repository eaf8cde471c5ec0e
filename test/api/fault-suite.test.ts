import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { FaultSpec } from '../../src/sandbox/index.js';
import { DEMO_CONNECTION_IDS } from '../../src/sandbox/index.js';
import { allocate, type AllocateResult } from '../helpers/mutations.js';
import { useStack } from '../helpers/stack.js';

const CONCURRENT = 200;
const WRITE = /\/connections\/[^/]+\/allocations$/;
const helios = DEMO_CONNECTION_IDS.helios;
const CURRENCY = 'ofctusdt';

// Each fault hits half of the allocation POSTs, spread through the burst.
const FAULTS: Array<[string, FaultSpec]> = [
  ['added latency', { method: 'POST', path: WRITE, latencyMs: 150, times: CONCURRENT / 2 }],
  ['500 reserved + retriable', { method: 'POST', path: WRITE, retriableReserved: true, times: CONCURRENT / 2 }],
  ['5xx { error }', { method: 'POST', path: WRITE, status: 502, body: { error: 'bad gateway' }, times: CONCURRENT / 2 }],
  ['connection dropped after commit', { method: 'POST', path: WRITE, dropAfterCommit: true, times: CONCURRENT / 2 }],
  ['connection dropped before commit', { method: 'POST', path: WRITE, dropBeforeCommit: true, times: CONCURRENT / 2 }],
];

describe('fault suite: concurrent allocations under injected upstream faults', () => {
  const stack = useStack();

  function ledger() {
    const { books, enterpriseId } = stack.sandbox;
    return { client: books.balance(enterpriseId, CURRENCY), connection: books.connectionBalance(helios, CURRENCY) };
  }

  for (const [name, fault] of FAULTS) {
    it(`${name}: ${CONCURRENT} concurrent allocate mutations, one allocation each, books consistent`, async () => {
      const { books, enterpriseId, faults } = stack.sandbox;
      books.setBalance(enterpriseId, CURRENCY, { available: 10n ** 40n, held: 0n });
      const start = ledger();
      faults.clear();
      faults.add(fault);
      const requests = Array.from({ length: CONCURRENT }, (_, i) => ({
        connectionId: helios,
        clientExternalId: `fault-${randomUUID()}`,
        // Above 2^53 on purpose: the books must add up exactly.
        amount: { currency: CURRENCY, quantity: (10n ** 18n + BigInt(i)).toString() },
      }));
      const results = await Promise.all(requests.map((input) => allocate(stack, input)));
      assert.equal(faults.pending(), 0, 'every scripted fault was exercised');

      let expected = 0n;
      results.forEach(({ errors, payload }, i) => {
        assert.equal(errors, undefined, JSON.stringify(errors));
        const p = payload as AllocateResult;
        const asked = requests[i]!;
        assert.equal(p.clientExternalId, asked.clientExternalId);
        assert.deepEqual(p.userErrors, [], `${asked.clientExternalId}: ${JSON.stringify(p.userErrors)}`);
        assert.equal(p.allocation!.status, 'CLEARED');
        const stored = books.findByClientExternalId(enterpriseId, 'allocation', asked.clientExternalId);
        assert.equal(stored?.id, p.allocation!.id, 'acknowledged allocation is on the books');
        assert.equal(stored?.amount.quantity, asked.amount.quantity);
        expected += BigInt(asked.amount.quantity);
      });
      const mine = new Set(requests.map((r) => r.clientExternalId));
      const records = books.allRecords(enterpriseId).filter((r) => mine.has(r.clientExternalId));
      assert.equal(records.length, CONCURRENT, 'exactly one allocation per clientExternalId');
      const end = ledger();
      assert.equal(start.client.available - end.client.available, expected, 'client balance moved by exactly the acknowledged total');
      assert.equal(end.client.held, start.client.held, 'nothing left held');
      assert.equal(end.connection.available - start.connection.available, expected, 'connection received exactly the acknowledged total');
    });
  }

  it('10 concurrent identical mutations with one clientExternalId make one allocation', async () => {
    const { books, enterpriseId, faults } = stack.sandbox;
    faults.clear();
    faults.add({ method: 'POST', path: WRITE, latencyMs: 50, times: 10 });
    const input = { connectionId: helios, clientExternalId: `double-click-${randomUUID()}`, amount: { currency: CURRENCY, quantity: '31337' } };
    const before = ledger();
    const results = await Promise.all(Array.from({ length: 10 }, () => allocate(stack, input)));
    const ids = new Set(results.map((r) => r.payload!.allocation!.id));
    assert.equal(ids.size, 1);
    assert.equal(books.allRecords(enterpriseId).filter((r) => r.clientExternalId === input.clientExternalId).length, 1);
    assert.equal(before.client.available - ledger().client.available, 31337n);
  });
});
