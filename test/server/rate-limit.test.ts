import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressKey } from '../../src/server/plugins/rate-limit.plugin.js';
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

describe('rate limits: whose budget an address without a token is', () => {
  it('an IPv4 address as it is (mapped or not); an IPv6 one by its /64, however it is written', () => {
    assert.equal(addressKey('203.0.113.5'), '203.0.113.5');
    assert.equal(addressKey('::ffff:203.0.113.5'), '203.0.113.5');
    const block = addressKey('2001:db8:1:2:3:4:5:6');
    assert.equal(block, '2001:db8:1:2::/64');
    for (const ip of ['2001:db8:1:2::9', '2001:0db8:0001:0002:aaaa::1', '2001:DB8:1:2:ffff:ffff:ffff:ffff']) assert.equal(addressKey(ip), block, ip);
    assert.notEqual(addressKey('2001:db8:1:3::1'), block, 'the next /64 is another budget');
  });
});
