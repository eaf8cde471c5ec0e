import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AllocationRecord } from '../../src/sandbox/wire.types.js';
import { Books, DEMO_CLIENT_ENTERPRISE_ID, NO_LICENCE_ENTERPRISE_ID, OTHER_CLIENT_ENTERPRISE_ID, SEEDED_CURRENCIES, startSandbox } from '../../src/sandbox/index.js';
import { Ledger } from '../../src/sandbox/ledger.js';
import { DEFAULT_SEED, seedBooks } from '../../src/sandbox/seed.js';
import { hold, transfer } from '../../src/sandbox/funds.js';
import { holdBack, moveNow } from '../../src/sandbox/settlement-engine.js';
import { list } from './helpers.js';

function seeded(seed: number, allocations = 600): Books {
  const books = new Books();
  seedBooks(books, { seed, allocations });
  return books;
}

describe('sandbox seed', () => {
  it('is deterministic: the same seed gives identical books over HTTP', async () => {
    const [a, b] = await Promise.all([startSandbox({ seed: 7 }), startSandbox({ seed: 7 })]);
    try {
      const [ra, rb] = await Promise.all([list(a, { pageSize: '1000' }), list(b, { pageSize: '1000' })]);
      assert.deepEqual(ra.body, rb.body);
      assert.deepEqual(a.books.balance(a.enterpriseId, 'ofcteth'), b.books.balance(b.enterpriseId, 'ofcteth'));
      assert.equal(a.signingXprv, b.signingXprv);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('different seeds give different histories', () => {
    assert.notDeepEqual(seeded(1).allRecords(DEMO_CLIENT_ENTERPRISE_ID), seeded(2).allRecords(DEMO_CLIENT_ENTERPRISE_ID));
  });

  it('has the promised shape', () => {
    const books = seeded(DEFAULT_SEED);
    const demo = books.connections(DEMO_CLIENT_ENTERPRISE_ID);
    assert.ok(demo.length >= 6);
    assert.ok(new Set(demo.map((c) => c.partnerId)).size >= 4);
    assert.ok(demo.some((c) => c.async) && demo.some((c) => !c.active));
    assert.equal(books.enterprise(NO_LICENCE_ENTERPRISE_ID)?.oesLicence, false);
    const records = books.allRecords(demo[0]!.clientId);
    assert.ok(records.length >= 600);
    for (const type of ['allocation', 'deallocation']) {
      for (const status of ['cleared', 'released', 'reserved']) {
        assert.ok(records.some((r) => r.type === type && r.status === status), `${type}/${status}`);
      }
    }
    const currencies = new Set(records.map((r) => r.amount.currency));
    for (const c of ['ofctbtc', 'ofcteth', 'ofctusdt', 'ofctsol']) assert.ok(currencies.has(c));
    assert.ok(records.some((r) => BigInt(r.amount.quantity) > 2n ** 53n));
    assert.ok(records.some((r) => r.evaluationId && r.policyResult));
    assert.ok(records.some((r) => r.pendingApprovalId));
    assert.ok(records.some((r) => r.notes) && records.some((r) => r.partnerExternalId));
    assert.ok(records.some((r) => r.status === 'reserved' && r.retriable));
    for (const r of records) {
      assert.equal(r.reason === null, r.status === 'cleared', `reason rule for ${r.status}`);
      assert.match(r.amount.quantity, /^[1-9][0-9]*$/);
      assert.ok(r.createdAt.startsWith('2026-'));
      assert.ok(r.updatedAt >= r.createdAt);
    }
    const months = new Set(records.map((r) => r.createdAt.slice(0, 7)));
    assert.ok(months.size >= 5);
  });

  it('balances are consistent with the records (replayed independently)', () => {
    const books = seeded(DEFAULT_SEED);
    for (const clientId of [DEMO_CLIENT_ENTERPRISE_ID, OTHER_CLIENT_ENTERPRISE_ID]) {
      const ledger = new Ledger();
      for (const [currency, decimals] of Object.entries(SEEDED_CURRENCIES)) ledger.set(clientId, currency, { available: 10_000_000n * 10n ** BigInt(decimals) });
      const records: AllocationRecord[] = books.allRecords(clientId).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      for (const r of records) {
        if (r.status === 'cleared') transfer(ledger, r, clientId);
        if (r.status === 'reserved') hold(ledger, r, clientId);
      }
      // The seeded settlements come after the whole allocation history: completed transfers moved, pending ones are held.
      for (const st of books.settlements.all()) {
        for (const t of st.transfers) {
          if (books.connection(t.connectionId)?.clientId !== clientId) continue;
          if (t.status === 'completed') moveNow(ledger, t, st.wire.partnerId);
          if (t.status === 'pending') holdBack(ledger, t, st.wire.partnerId);
        }
      }
      for (const currency of Object.keys(SEEDED_CURRENCIES)) {
        assert.deepEqual(books.balance(clientId, currency), ledger.get(clientId, currency));
        const b = books.balance(clientId, currency);
        assert.ok(b.available > 0n && b.held >= 0n);
        for (const c of books.connections(clientId)) {
          assert.deepEqual(books.connectionBalance(c.id, currency), ledger.get(c.id, currency));
          assert.ok(books.connectionBalance(c.id, currency).available >= 0n);
        }
      }
      // Held on the client side is exactly the reserved allocations.
      const heldEth = records.filter((r) => r.type === 'allocation' && r.status === 'reserved' && r.amount.currency === 'ofcteth').reduce((s, r) => s + BigInt(r.amount.quantity), 0n);
      assert.equal(books.balance(clientId, 'ofcteth').held, heldEth);
    }
  });
});
