import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { startPrivateRedis, type PrivateRedis } from '../helpers/redis.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { FLOOD_ENV, inventedTokenFlood } from './address-flood.cases.js';

// Redis killed (kill -9) and black-holed (the fault proxy swallows every byte), under a gateway that counts there.
const REDIS_TIMEOUT_MS = 100;
const LIST = JSON.stringify({ query: '{ allocations(first: 1) { nodes { id } } }' });

describe('faults at the edge: Redis killed or black-holed, the rate limits fail open and counting resumes', () => {
  let redis: PrivateRedis;
  let proxy: FaultProxy;
  let stack: Stack;
  before(async () => {
    redis = await startPrivateRedis();
    proxy = await startFaultProxy(`127.0.0.1:${redis.port}`);
    stack = await startStack({ env: { ...FLOOD_ENV, RATE_LIMIT_READS_PER_MINUTE: '100000', REDIS_URL: `redis://127.0.0.1:${proxy.port}`, REDIS_TIMEOUT_MS: String(REDIS_TIMEOUT_MS) } });
  });
  after(async () => {
    await stack?.close();
    await proxy?.close();
    await redis?.stop();
  });

  const read = async () => {
    const t0 = performance.now();
    const res = await stack.gateway.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.sandbox.token}` }, payload: LIST });
    return { status: res.statusCode, remaining: res.headers['x-ratelimit-remaining'], ms: performance.now() - t0 };
  };
  const warnings = () => stack.logs.filter((line) => line.includes('redis unavailable')).length;
  const recovered = async (before: number) => {
    for (const end = Date.now() + 10_000; stack.logs.filter((line) => line.includes('redis available again')).length === before; ) {
      assert.ok(Date.now() < end, 'Redis came back within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const degraded = async () => Number(/gateway_dependency_unavailable_total\{dependency="redis"\} (\d+)/.exec(await stack.gateway.metrics!.text())?.[1]);
  const counted = async () => {
    const [a, b] = [await read(), await read()];
    assert.equal(a.status, 200);
    assert.ok(a.remaining !== undefined && Number(b.remaining) === Number(a.remaining) - 1, `counting: remaining ${String(a.remaining)} then ${String(b.remaining)}`);
  };

  it('black hole: requests answered without waiting on Redis past one command timeout; one warning; counting resumes', async () => {
    await counted();
    const before = { warnings: warnings(), degraded: await degraded(), recoveries: stack.logs.filter((l) => l.includes('redis available again')).length };
    proxy.set({ kind: 'blackhole' });
    const answers = [];
    for (let i = 0; i < 20; i++) answers.push(await read());
    assert.ok(answers.every((a) => a.status === 200));
    assert.ok(answers[0]!.ms < REDIS_TIMEOUT_MS * 2 + 200, `the first waited ${answers[0]!.ms.toFixed(0)} ms`);
    const rest = answers.slice(1).map((a) => a.ms);
    assert.ok(Math.max(...rest) < REDIS_TIMEOUT_MS, `the rest waited up to ${Math.max(...rest).toFixed(0)} ms: Redis is no longer asked`);
    assert.ok(answers.slice(1).every((a) => a.remaining === undefined), 'uncounted while Redis is away');
    assert.equal(warnings() - before.warnings, 1, 'one warning for the episode');
    assert.ok((await degraded()) - before.degraded >= 19, 'each uncounted request is counted in /metrics');
    proxy.set({ kind: 'pass' });
    await recovered(before.recoveries);
    await counted();
  });

  it('kill -9: requests answered throughout; one warning; counting resumes when it is started again', async () => {
    const before = { warnings: warnings(), recoveries: stack.logs.filter((l) => l.includes('redis available again')).length };
    await redis.kill();
    for (let i = 0; i < 20; i++) {
      const answer = await read();
      assert.equal(answer.status, 200);
      assert.ok(answer.ms < REDIS_TIMEOUT_MS * 2 + 200, `waited ${answer.ms.toFixed(0)} ms`);
    }
    assert.equal(warnings() - before.warnings, 1, 'one warning for the episode');
    await redis.restart();
    await recovered(before.recoveries);
    await counted();
  });

  it('invented tokens from one address (counted on Redis): refused by the gateway past the ceiling, not by BitGo', async () => {
    await inventedTokenFlood(stack, '203.0.113.40', '203.0.113.41');
  });
});
