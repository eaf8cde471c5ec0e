import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PendingWrites } from '../../src/schema/allocation/pending-writes.js';

describe('PendingWrites', () => {
  it('the first claim wins: later claims of the same request get its bytes', () => {
    const p = new PendingWrites();
    assert.deepEqual(p.claim('k', 'f', 'body-1'), { body: 'body-1' });
    assert.deepEqual(p.claim('k', 'f', 'body-2'), { body: 'body-1' });
    assert.deepEqual(p.peek('k', 'f'), { body: 'body-1' });
  });

  it('a different request under a held key is a conflict', () => {
    const p = new PendingWrites();
    p.claim('k', 'f', 'body-1');
    assert.deepEqual(p.peek('k', 'other'), { conflict: true });
    assert.deepEqual(p.claim('k', 'other', 'body-2'), { conflict: true });
  });

  it('releases only the bytes it holds', () => {
    const p = new PendingWrites();
    p.claim('k', 'f', 'body-1');
    p.release('k', 'body-2');
    assert.deepEqual(p.peek('k', 'f'), { body: 'body-1' });
    p.release('k', 'body-1');
    assert.equal(p.peek('k', 'f'), undefined);
  });

  it('evicts expired entries before valid ones, and only then the oldest', () => {
    const p = new PendingWrites(1000, 2);
    p.claim('old', 'f', 'a', 0);
    p.claim('live', 'f', 'b', 500);
    p.claim('x', 'f', 'c', 1200);
    assert.deepEqual(p.peek('live', 'f', 1200), { body: 'b' }, 'the expired entry made room');
    assert.deepEqual(p.peek('x', 'f', 1200), { body: 'c' });
    p.claim('y', 'f', 'd', 1300);
    assert.equal(p.peek('live', 'f', 1300), undefined, 'none expired: the oldest went');
    assert.deepEqual(p.peek('x', 'f', 1300), { body: 'c' });
    assert.deepEqual(p.peek('y', 'f', 1300), { body: 'd' });
    assert.equal(p.peek('x', 'f', 2200), undefined, 'expired on its own');
  });
});
