import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BitGoError, retryAfterSeconds } from '../../src/bitgo/errors.js';
import { upstreamError, upstreamRefusal } from '../../src/workflows/upstream-refusal.js';

const http = (status: number, body: unknown = { error: 'some reason' }) => new BitGoError({ kind: 'http', operation: 'GET clients/allocations', status, body, requestId: 'req-1' });

describe('the table from BitGo answers to codes', () => {
  const cases: Array<[number, string, string | null]> = [
    [400, 'BAD_USER_INPUT', 'REJECTED'],
    [401, 'UNAUTHENTICATED', null],
    [403, 'FORBIDDEN', null],
    [404, 'NOT_FOUND', 'NOT_FOUND'],
    [409, 'CONFLICT', 'CONFLICT'],
    [422, 'BAD_USER_INPUT', 'REJECTED'],
    [500, 'UPSTREAM_UNAVAILABLE', null],
    [502, 'UPSTREAM_UNAVAILABLE', null],
    [503, 'UPSTREAM_UNAVAILABLE', null],
  ];
  for (const [status, code, userError] of cases) {
    it(`BitGo ${status} → ${code} (user error ${userError}), keeping BitGo's message and the request id`, () => {
      const refusal = upstreamRefusal(http(status));
      assert.equal(refusal.code, code);
      assert.equal(refusal.userError, userError);
      if (status < 500) assert.match(refusal.message, /some reason/);
      const error = upstreamError(http(status));
      assert.equal(error.code, code);
      assert.deepEqual(error.details, { upstreamStatus: status, requestId: 'req-1' });
    });
  }

  it('timeouts, dropped connections and unreadable bodies are UPSTREAM_UNAVAILABLE, never a user error', () => {
    for (const kind of ['timeout', 'network', 'invalid-response'] as const) {
      const refusal = upstreamRefusal(new BitGoError({ kind, operation: 'GET x', requestId: 'r' }));
      assert.equal(refusal.code, 'UPSTREAM_UNAVAILABLE');
      assert.equal(refusal.userError, null);
    }
  });
});

describe('BitGoError', () => {
  it('is built from one options object and serialises without the request body or token', () => {
    const err = http(422, { error: 'insufficient balance', payload: 'SECRET' });
    assert.equal(err.bitgoMessage, 'insufficient balance');
    assert.equal(err.status, 422);
    assert.doesNotMatch(JSON.stringify(err), /SECRET/);
    assert.doesNotMatch(err.message, /SECRET/);
  });

  it('says the outcome is unknown after any ambiguous attempt, for 5xx, 408 and no answer', () => {
    assert.equal(http(400).outcomeUnknown, false);
    assert.equal(http(500).outcomeUnknown, true);
    assert.equal(http(408).outcomeUnknown, true);
    assert.equal(new BitGoError({ kind: 'http', operation: 'POST x', status: 400, afterAmbiguousAttempt: true }).outcomeUnknown, true);
    assert.equal(new BitGoError({ kind: 'network', operation: 'POST x' }).outcomeUnknown, true);
  });

  it('BitGo 429 → RATE_LIMITED, top-level, with BitGo\'s Retry-After in seconds', () => {
    const limited = new BitGoError({ kind: 'http', operation: 'GET clients/allocations', status: 429, body: { error: 'slow down' }, requestId: 'req-2', retryAfterSeconds: 12 });
    assert.equal(upstreamRefusal(limited).userError, null);
    const error = upstreamError(limited);
    assert.equal(error.code, 'RATE_LIMITED');
    assert.deepEqual(error.details, { upstreamStatus: 429, requestId: 'req-2', retryAfter: 12 });
    assert.equal(upstreamError(http(429)).details?.retryAfter, null, 'null when BitGo sent none');
  });

  it('reads Retry-After as delay-seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(retryAfterSeconds('7', now), 7);
    assert.equal(retryAfterSeconds('Thu, 01 Jan 2026 00:01:00 GMT', now), 60);
    assert.equal(retryAfterSeconds('Wed, 31 Dec 2025 00:00:00 GMT', now), 0);
    assert.equal(retryAfterSeconds('soon', now), undefined);
    assert.equal(retryAfterSeconds(null, now), undefined);
  });
});

