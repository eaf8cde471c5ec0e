import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { clearRateLimitKeys, testRedis, type TestRedis } from '../helpers/redis.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { RATE_ENV, READS, rateLimitCases } from './rate-limit.cases.js';

describe('rate limits on Redis (REDIS_URL): two replicas, one count', () => {
  let redis: TestRedis | undefined;
  let stacks: [Stack, Stack] | undefined;
  before(async () => {
    redis = await testRedis();
    await clearRateLimitKeys(redis.url);
    const env = { ...RATE_ENV, REDIS_URL: redis.url };
    stacks = [await startStack({ env }), await startStack({ env })];
  });
  after(async () => {
    for (const stack of stacks ?? []) await stack.close();
    await redis?.stop();
  });
  rateLimitCases(() => stacks!, true);

  it('keeps its counters in Redis, under the gateway\'s namespace, expiring within the minute', async () => {
    const client = new Redis(redis!.url);
    try {
      const keys = await client.keys('gateway-rate-limit:*');
      assert.ok(keys.length >= 3, keys.join(', '));
      assert.ok(keys.every((k) => /^gateway-rate-limit:[rw]\|(t:[0-9a-f]{32}|a:[0-9a-f.:]+)$/.test(k)), keys.join(', '));
      assert.doesNotMatch(keys.join(' '), new RegExp(stacks![0].sandbox.token), 'tokens are hashed, never stored');
      for (const key of keys) {
        const ttl = await client.pttl(key);
        assert.ok(ttl > 0 && ttl <= 60_000, `${key} expires in ${ttl} ms`);
      }
    } finally {
      client.disconnect();
    }
  });
});

describe('rate limits when Redis goes away', () => {
  let redis: TestRedis | undefined;
  let stack: Stack | undefined;
  before(async () => {
    redis = await testRedis();
    stack = await startStack({ env: { ...RATE_ENV, REDIS_URL: redis.url } });
  });
  after(async () => {
    await stack?.close();
    await redis?.stop();
  });

  it('lets requests through (fail open) and says so in the log, without the URL', async (t) => {
    if (process.env.TEST_REDIS_URL) {
      // A shared CI Redis is not ours to stop; the suite above already proves the store works.
      t.diagnostic('TEST_REDIS_URL is shared: the outage case runs against a redis-server of its own');
    }
    const outage = process.env.TEST_REDIS_URL ? await ownRedis() : redis!;
    const own = process.env.TEST_REDIS_URL ? await startStack({ env: { ...RATE_ENV, REDIS_URL: outage.url } }) : stack!;
    try {
      await outage.stop();
      for (let i = 0; i < READS + 3; i++) {
        const res = await own.gql('{ allocations(first: 1) { nodes { id } } }', {}, { authorization: `Bearer ${own.sandbox.token}` });
        assert.equal(res.status, 200, JSON.stringify(res));
      }
      // ioredis reports the lost connection on its next reconnect attempt.
      for (let waited = 0; !/redis unavailable/.test(own.logs.join('')) && waited < 5_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      const logs = own.logs.join('');
      assert.match(logs, /redis unavailable/);
      assert.doesNotMatch(logs, new RegExp(outage.url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
    } finally {
      if (own !== stack) await own.close();
    }
  });
});

/** A redis-server of this test's own, from PATH, to stop mid-test. */
async function ownRedis(): Promise<TestRedis> {
  const saved = process.env.TEST_REDIS_URL;
  delete process.env.TEST_REDIS_URL;
  try {
    return await testRedis();
  } finally {
    process.env.TEST_REDIS_URL = saved;
  }
}

describe('the Redis tests never skip', () => {
  it('fail, saying what to install, when neither TEST_REDIS_URL nor redis-server is available', async () => {
    const saved = { url: process.env.TEST_REDIS_URL, path: process.env.PATH };
    delete process.env.TEST_REDIS_URL;
    process.env.PATH = '/nonexistent';
    try {
      await assert.rejects(testRedis(), /need TEST_REDIS_URL or redis-server on PATH \(Debian: apt-get install redis-server\)/);
    } finally {
      if (saved.url !== undefined) process.env.TEST_REDIS_URL = saved.url;
      process.env.PATH = saved.path;
    }
  });
});
