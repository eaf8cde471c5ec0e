import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { WireAllocation, WireAllocationStatus } from '../../../src/bitgo/wire.types.js';
import { isLiveFailure, LiveQueue } from '../../../src/workflows/live/live-queue.js';
import { AllocationSubscription, type AllocationChangeEvent } from '../../../src/workflows/live/live-subscription.js';
import { isLater, versionOf } from '../../../src/workflows/live/record-version.js';

const IDS = ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b', '00000000-0000-4000-8000-00000000000c'];
const SOURCES = ['MUTATION', 'PARTNER_UPDATE', 'POLL', 'WEBHOOK', 'RECONCILER'] as const;

function record(id: string, at: number, status: WireAllocationStatus): WireAllocation {
  return {
    id,
    amount: { currency: 'ofctbtc', quantity: '5' },
    connectionId: '0c6d1e8a-2b3f-4c5d-9e6f-7a8b9c0d1e2f',
    clientExternalId: `k-${id}`,
    initiatedBy: 'u',
    createdAt: '2030-01-01T00:00:00.000Z',
    updatedAt: new Date(Date.UTC(2030, 0, 1) + at).toISOString(),
    retriable: false,
    reason: null,
    status,
    type: 'allocation',
  };
}

function subscription(): { sub: AllocationSubscription; delivered: AllocationChangeEvent[]; drain(): Promise<void> } {
  const queue = new LiveQueue<AllocationChangeEvent>(100_000, () => undefined, () => new Error('overflow'));
  const sub = new AllocationSubscription(1, { token: 't', service: false }, 'c', { enterpriseId: 'e', view: 'client' }, 'g', new Set(IDS), new Set(), new Set(), queue);
  const delivered: AllocationChangeEvent[] = [];
  const drain = async () => {
    for (;;) {
      const result = await Promise.race([queue.next(), Promise.resolve('empty' as const)]);
      if (result === 'empty' || result.done) return;
      if (!isLiveFailure(result.value)) delivered.push(result.value);
    }
  };
  return { sub, delivered, drain };
}

const offer = fc.record({
  id: fc.constantFrom(...IDS),
  at: fc.integer({ min: 0, max: 20 }),
  status: fc.constantFrom<WireAllocationStatus>('reserved', 'cleared', 'released'),
  source: fc.constantFrom(...SOURCES),
});

describe('a subscription delivers each allocation\'s records once and only ever newer (property)', () => {
  it('whatever the sources, duplicates and arrival order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(offer, { maxLength: 60 }), async (offers) => {
        const { sub, delivered, drain } = subscription();
        for (const o of offers) sub.offer(record(o.id, o.at, o.status), o.source);
        await drain();
        for (const id of IDS) {
          const mine = delivered.filter((e) => e.allocation.id === id);
          for (let i = 1; i < mine.length; i++) {
            assert.ok(isLater(versionOf(mine[i]!.allocation), versionOf(mine[i - 1]!.allocation)), 'strictly newer than the one before');
            assert.equal(mine[i]!.previousStatus, mine[i - 1]!.allocation.status, 'previousStatus is the status delivered before');
          }
          if (mine.length > 0) assert.equal(mine[0]!.previousStatus, null);
          // The newest record offered is always the last delivered (nothing newer can have been dropped).
          const offered = offers.filter((o) => o.id === id).map((o) => record(o.id, o.at, o.status));
          if (offered.length > 0) {
            const newest = offered.reduce((best, r) => (isLater(versionOf(r), versionOf(best)) ? r : best));
            assert.deepEqual(versionOf(mine.at(-1)!.allocation), versionOf(newest));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('what was read when subscribing is remembered, not delivered, and never re-delivered', async () => {
    const { sub, delivered, drain } = subscription();
    sub.seed(record(IDS[0]!, 5, 'reserved'));
    sub.offer(record(IDS[0]!, 5, 'reserved'), 'POLL');
    sub.offer(record(IDS[0]!, 4, 'reserved'), 'MUTATION');
    sub.offer(record(IDS[0]!, 5, 'cleared'), 'PARTNER_UPDATE');
    await drain();
    assert.deepEqual(
      delivered.map((e) => [e.allocation.status, e.previousStatus, e.source]),
      [['cleared', 'reserved', 'PARTNER_UPDATE']],
    );
  });
});

describe('LiveQueue', () => {
  it('ends a subscriber that falls too far behind with a failure as its last item, and releases once', async () => {
    let released = 0;
    const queue = new LiveQueue<number>(3, () => (released += 1), () => new Error('too slow'));
    for (let i = 0; i < 5; i++) queue.push(i);
    const first = await queue.next();
    assert.ok(isLiveFailure(first.value));
    assert.equal((first.value as { failure: Error }).failure.message, 'too slow');
    assert.deepEqual(await queue.next(), { value: undefined, done: true });
    await queue.return();
    assert.equal(released, 1);
  });

  it('delivers what is queued before completing on end(); return() drops it and wakes a waiting consumer', async () => {
    let released = 0;
    const queue = new LiveQueue<number>(10, () => (released += 1), () => new Error('x'));
    queue.push(1);
    queue.push(2);
    queue.end();
    assert.deepEqual(await queue.next(), { value: 1, done: false });
    assert.deepEqual(await queue.next(), { value: 2, done: false });
    assert.deepEqual(await queue.next(), { value: undefined, done: true });
    const other = new LiveQueue<number>(10, () => (released += 1), () => new Error('x'));
    const waiting = other.next();
    await other.return();
    assert.deepEqual(await waiting, { value: undefined, done: true });
    assert.equal(released, 2);
  });
});
