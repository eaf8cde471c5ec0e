import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { DEMO_CONNECTION_IDS } from '../../src/sandbox/index.js';
import { MAX_RETRY_AFTER_MS } from '../../src/bitgo/retry-policy.js';
import { spyOnSignatures } from '../helpers/spies.js';
import { useStack } from '../helpers/stack.js';

const LIST = '{ allocations(first: 1) { nodes { id } } }';
const RATE_LIMITED = { error: 'Too many requests' };

describe('BitGo\'s own 429: RATE_LIMITED with BitGo\'s Retry-After', () => {
  const stack = useStack();
  const signatures = spyOnSignatures();
  beforeEach(() => {
    stack.sandbox.faults.clear();
    stack.sandbox.requests.reset();
  });

  it('a read waits out a short Retry-After, then retries and answers', async () => {
    stack.sandbox.faults.add({ method: 'GET', status: 429, body: RATE_LIMITED, headers: { 'retry-after': '1' } });
    const started = performance.now();
    const res = await stack.gql(LIST);
    const waited = performance.now() - started;
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.equal(stack.sandbox.requests.count(), 2, 'the refused attempt and the retry');
    assert.ok(waited >= 950, `retried after ${waited.toFixed(0)} ms, not before the second BitGo asked for`);
  });

  it(`a read told to wait longer than ${MAX_RETRY_AFTER_MS / 1000} s is not retried: RATE_LIMITED at once, with BitGo's Retry-After`, async () => {
    stack.sandbox.faults.add({ method: 'GET', status: 429, body: RATE_LIMITED, headers: { 'retry-after': '30' }, times: Infinity });
    const started = performance.now();
    const res = await stack.gql(LIST);
    assert.ok(performance.now() - started < MAX_RETRY_AFTER_MS, 'no wait');
    const error = res.errors![0]!;
    assert.equal(error.extensions?.code, 'RATE_LIMITED');
    assert.equal(error.extensions?.retryAfter, 30);
    assert.equal(error.extensions?.upstreamStatus, 429);
    assert.match(error.message, /rate limit/);
    assert.equal(stack.sandbox.requests.count(), 1, 'asked once');
  });

  it('an HTTP-date Retry-After is read as seconds from now', async () => {
    const at = new Date(Date.now() + 42_000).toUTCString();
    stack.sandbox.faults.add({ method: 'GET', status: 429, body: RATE_LIMITED, headers: { 'retry-after': at }, times: Infinity });
    const retryAfter = (await stack.gql(LIST)).errors![0]!.extensions?.retryAfter as number;
    assert.ok(retryAfter >= 40 && retryAfter <= 43, String(retryAfter));
  });

  it('a write refused by BitGo\'s rate limit answers RATE_LIMITED with its Retry-After; nothing signed, nothing submitted', async () => {
    stack.sandbox.faults.add({ method: 'POST', path: /\/signing$/, status: 429, body: RATE_LIMITED, headers: { 'retry-after': '20' } });
    const before = signatures.count();
    const res = await stack.gql(
      `mutation { allocate(input: { connectionId: "${DEMO_CONNECTION_IDS.helios}", amount: { currency: "ofctbtc", quantity: "5" } }) { clientExternalId } }`,
    );
    const error = res.errors![0]!;
    assert.equal(error.extensions?.code, 'RATE_LIMITED');
    assert.equal(error.extensions?.retryAfter, 20);
    assert.equal(signatures.count(), before);
    assert.equal(stack.sandbox.requests.count({ method: 'POST', path: /\/allocations$/ }), 0);
  });
});
