import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryJournalStore } from '../../../src/store/memory/memory-journal.store.js';
import { useStack, type Stack } from '../../helpers/stack.js';

/** A real in-memory journal whose reachability can be switched off, as a database's can go away. */
class FlakyJournal extends MemoryJournalStore {
  reachable = true;
  override async unsettledStats() {
    if (!this.reachable) throw new Error('connect ECONNREFUSED postgres://gateway:hunter2@db:5432');
    return super.unsettledStats();
  }
}

async function probe(stack: Stack, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await stack.gateway.app.inject({ method: 'GET', url: path });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> };
}

describe('health and readiness', () => {
  const journal = new FlakyJournal();
  let migrated = false;
  const stack = useStack({ gateway: { journal, readinessChecks: [{ name: 'migrations', check: async () => migrated }] } });
  const slow = useStack({ gateway: { readinessChecks: [{ name: 'hangs', check: () => new Promise(() => {}) }] } });
  const unsigned = useStack({ signers: null });

  it('is 503 until every check passes, naming each check but never why it failed', async () => {
    assert.deepEqual(await probe(stack, '/readyz'), { status: 503, body: { ready: false, checks: { store: 'ok', signer: 'ok', migrations: 'failing' } } });
    migrated = true;
    assert.deepEqual(await probe(stack, '/readyz'), { status: 200, body: { ready: true, checks: { store: 'ok', signer: 'ok', migrations: 'ok' } } });
    journal.reachable = false;
    const down = await probe(stack, '/readyz');
    assert.deepEqual(down, { status: 503, body: { ready: false, checks: { store: 'failing', signer: 'ok', migrations: 'ok' } } });
    assert.equal(stack.logs.join('').includes('hunter2'), false);
    journal.reachable = true;
    assert.equal((await probe(stack, '/readyz')).status, 200);
  });

  it('counts a check that does not answer in time as failing', async () => {
    const started = performance.now();
    assert.deepEqual(await probe(slow, '/readyz'), { status: 503, body: { ready: false, checks: { store: 'ok', signer: 'ok', hangs: 'failing' } } });
    assert.ok(performance.now() - started < 5_000);
  });

  it('has no signer check when the gateway was started without one (reads only)', async () => {
    assert.deepEqual(await probe(unsigned, '/readyz'), { status: 200, body: { ready: true, checks: { store: 'ok' } } });
  });

  it('is 503 from the moment draining begins, while /healthz stays 200', async () => {
    assert.equal((await probe(stack, '/readyz')).status, 200);
    stack.gateway.drain();
    assert.deepEqual(await probe(stack, '/readyz'), { status: 503, body: { ready: false, draining: true } });
    assert.deepEqual(await probe(stack, '/healthz'), { status: 200, body: { ok: true } });
  });
});
