import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Stack } from '../helpers/stack.js';

/** The ceiling the suites configure (ADDRESS_REFUSED_TOKENS_PER_MINUTE). */
export const REFUSED_TOKENS = 5;
export const FLOOD_ENV = { ADDRESS_REFUSED_TOKENS_PER_MINUTE: String(REFUSED_TOKENS) };

const LIST = JSON.stringify({ query: '{ allocations(first: 1) { nodes { id } } }' });

async function read(stack: Stack, token: string, remoteAddress: string) {
  const res = await stack.gateway.app.inject({ method: 'POST', url: '/graphql', remoteAddress, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, payload: LIST });
  const body = res.json() as { errors?: Array<{ extensions?: Record<string, unknown> }> };
  return { status: res.statusCode, code: body.errors?.[0]?.extensions?.code, retryAfter: res.headers['retry-after'] };
}

/**
 * A flood of invented tokens from one address, all at once: BitGo sees at most the ceiling of them, the rest are
 * refused by the gateway (429 RATE_LIMITED, Retry-After); a token proven before the flood from that address, and
 * a real token from another address, are served. `flooder` and `other` are addresses no other case uses.
 */
export async function inventedTokenFlood(stack: Stack, flooder: string, other: string): Promise<void> {
  const real = stack.sandbox.token;
  assert.equal((await read(stack, real, flooder)).status, 200, 'the real token, proven before the flood');
  // A real token's first use as a burst (a router's, just after a deploy): one proof, every request served, and the
  // budget left whole for the flood below.
  const fresh = `burst-${randomBytes(12).toString('hex')}`;
  stack.sandbox.books.addToken(fresh, { enterprises: [stack.sandbox.enterpriseId], scopes: ['settlement_network_read'] });
  const burst = await Promise.all(Array.from({ length: 30 }, () => read(stack, fresh, flooder)));
  assert.deepEqual(burst.map((a) => a.status), burst.map(() => 200), 'a burst of one real token, not yet proven, is served whole');
  stack.sandbox.requests.reset();
  const answers = await Promise.all(Array.from({ length: 40 }, () => read(stack, `invented-${randomBytes(12).toString('hex')}`, flooder)));
  const refusedByBitGo = answers.filter((a) => a.status === 401);
  const refusedHere = answers.filter((a) => a.status === 429);
  assert.equal(refusedByBitGo.length + refusedHere.length, answers.length, JSON.stringify(answers.filter((a) => a.status !== 401 && a.status !== 429)));
  assert.equal(refusedByBitGo.length, REFUSED_TOKENS, "the ceiling's worth of invented tokens reached BitGo, and no more");
  assert.ok(stack.sandbox.requests.count() <= REFUSED_TOKENS, `BitGo was called ${stack.sandbox.requests.count()} times`);
  for (const a of refusedHere) {
    assert.equal(a.code, 'RATE_LIMITED');
    assert.ok(Number(a.retryAfter) >= 1 && Number(a.retryAfter) <= 60, `Retry-After ${String(a.retryAfter)}`);
  }
  // Still refused while the window lasts, without a BitGo call.
  stack.sandbox.requests.reset();
  assert.equal((await read(stack, `invented-${randomBytes(12).toString('hex')}`, flooder)).status, 429);
  assert.equal(stack.sandbox.requests.count(), 0);
  assert.equal((await read(stack, real, flooder)).status, 200, 'a proven token from the flooding address still passes');
  assert.equal((await read(stack, real, other)).status, 200, 'another address is unaffected');
  const metrics = await stack.gateway.metrics!.text();
  assert.match(metrics, /gateway_address_limit_refusals_total\{limit="refused_tokens"\} ([1-9]\d*)/);
}
