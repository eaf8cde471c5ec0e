import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RedisReadCacheStore } from '../../src/store/read-cache.redis.store.js';
import { MemoryReadCacheStore } from '../../src/store/read-cache.store.js';
import { privateRedis, type PrivateRedis } from './private-redis.js';

const entry = (body: string, generation = 0, fetchedAt = Date.now()) => ({ body, fetchedAt, generation, tokenHash: 'h' });

describe('read cache stores', () => {
  it('memory: bounded in bytes, least recently used out first, evictions told by kind', async () => {
    const evicted: string[] = [];
    const store = new MemoryReadCacheStore({ maxBytes: 4_000, onEvict: (kind) => void evicted.push(kind) });
    const body = 'x'.repeat(700); // about 1.6 KB each, counted as UTF-16 with the overhead
    await store.set('allocations', 'a', entry(body), 60_000);
    await store.set('balances', 'b', entry(body), 60_000);
    assert.ok(store.lookup('allocations', 'a').entry, 'a is used: b is now the oldest');
    await store.set('connections', 'c', entry(body), 60_000);
    assert.ok(store.bytes <= 4_000, `${store.bytes} bytes held`);
    assert.deepEqual(evicted, ['balances']);
    assert.equal(store.lookup('balances', 'b').entry, undefined);
    assert.ok(store.lookup('allocations', 'a').entry);
    await store.set('partners', 'huge', entry('y'.repeat(10_000)), 60_000);
    assert.equal(store.lookup('partners', 'huge').entry, undefined, 'an answer bigger than the cache is not kept');
    assert.ok(store.lookup('connections', 'c').entry, 'nor does it empty the cache on its way');
  });

  it('memory: an invalidated kind serves nothing of an older generation, and an entry fetched before it is not kept', async () => {
    const store = new MemoryReadCacheStore({ maxBytes: 1 << 20 });
    const { generation } = store.lookup('balances', 'k');
    await store.set('balances', 'k', entry('{}', generation), 60_000);
    await store.invalidate(['balances']);
    assert.equal(store.lookup('balances', 'k').entry, undefined);
    await store.set('balances', 'k', entry('{}', generation), 60_000);
    assert.equal(store.lookup('balances', 'k').entry, undefined, 'a fetch that raced the change lands stale');
    assert.equal(store.lookup('allocations', 'k').generation, 0, 'other kinds untouched');
  });

  describe('Redis (a private redis-server, killed -9)', () => {
    let redis: PrivateRedis;
    let store: RedisReadCacheStore;
    before(async () => {
      redis = await privateRedis();
      store = new RedisReadCacheStore({ url: redis.url, commandTimeoutMs: 50, prefix: 'test-read-cache:' });
      await store.start();
    });
    after(async () => {
      await store?.close();
      await redis?.stop();
    });

    it('keeps an entry under its generation, and drops it on every client when the kind is invalidated', async () => {
      const other = new RedisReadCacheStore({ url: redis.url, commandTimeoutMs: 50, prefix: 'test-read-cache:' });
      await other.start();
      try {
        const { generation } = await store.get('allocations', 'k1');
        await store.set('allocations', 'k1', entry('{"a":1}', generation), 60_000);
        assert.equal((await other.get('allocations', 'k1')).entry?.body, '{"a":1}', 'shared by replicas');
        await other.invalidate(['allocations']);
        assert.equal((await store.get('allocations', 'k1')).entry, undefined);
      } finally {
        await other.close();
      }
    });

    it('fails fast while Redis is away, and trusts nothing written before it came back', async () => {
      const { generation } = await store.get('balances', 'k2');
      await store.set('balances', 'k2', entry('{"b":1}', generation, Date.now() - 10), 60_000);
      await redis.kill();
      const started = performance.now();
      await assert.rejects(store.get('balances', 'k2'));
      await assert.rejects(store.invalidate(['balances']), 'an invalidation it cannot record');
      assert.ok(performance.now() - started < 1_000, 'bounded by the command timeout');
      // Redis was killed without saving: start it and write the old entry back, as if another replica had kept it.
      await redis.start();
      for (let i = 0; i < 100; i++) {
        try {
          await store.get('balances', 'k2');
          break;
        } catch {
          await new Promise((r) => setTimeout(r, 25));
        }
      }
      await store.set('balances', 'k2', entry('{"b":1}', 0, Date.now() - 5_000), 60_000);
      assert.equal((await store.get('balances', 'k2')).entry, undefined, 'fetched before the outage: not trusted');
      await store.set('balances', 'k2', entry('{"b":2}', 0, Date.now() + 1), 60_000);
      assert.equal((await store.get('balances', 'k2')).entry?.body, '{"b":2}', 'fetched after: served');
    });
  });
});
