import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useStack } from '../helpers/stack.js';
import { RATE_ENV, rateLimitCases } from './rate-limit.cases.js';

describe('rate limits, in memory (the default store)', () => {
  const a = useStack({ env: RATE_ENV });
  const b = useStack({ env: RATE_ENV });
  rateLimitCases(() => [a, b], false);
});

describe('rate limits: defaults', () => {
  const dev = useStack();

  it('are off outside production, so development and tests are never throttled', async () => {
    for (let i = 0; i < 20; i++) assert.equal((await dev.gql('{ allocations(first: 1) { nodes { id } } }')).errors, undefined);
  });
});
