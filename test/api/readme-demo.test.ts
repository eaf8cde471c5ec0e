import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { CONNECTIONS, DEMO_PENDING_CONNECTION_ID, SANDBOX_READONLY_TOKEN, SANDBOX_TOKEN, sandboxKey } from '../../src/sandbox/index.js';
import { allocate } from '../helpers/mutations.js';
import { useStack } from '../helpers/stack.js';

const README = readFileSync(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8');
const demo = README.slice(README.indexOf('### The sandbox\'s demo data'), README.indexOf('## Configuration'));

describe('the README\'s demo data is the sandbox\'s', () => {
  const stack = useStack();

  it('names every connection of the demo client in full, with its partner ids, and the tokens', () => {
    for (const c of CONNECTIONS.filter((c) => c.clientId === stack.sandbox.enterpriseId)) {
      assert.ok(demo.includes(`\`${c.id}\``), `${c.name} ${c.id}`);
      if (c.async) assert.ok(demo.includes(`\`${c.partnersConnectionId}\``) && demo.includes(`\`${c.partnersClientId}\``), c.name);
    }
    assert.ok(demo.includes(DEMO_PENDING_CONNECTION_ID));
    assert.ok(demo.includes(SANDBOX_TOKEN));
    assert.ok(SANDBOX_READONLY_TOKEN.endsWith('-read-only') && demo.includes('`…-read-only`'));
    assert.ok(demo.includes(sandboxKey(stack.sandbox.enterpriseId).xprv.slice(0, 24)), 'the client key npm run sandbox prints');
  });

  it('acting as the partner, as the README shows, clears a reserved allocation', async () => {
    const nimbus = CONNECTIONS.find((c) => c.name === 'Nimbus main')!;
    const { payload } = await allocate(stack, { connectionId: nimbus.id, amount: { currency: 'ofctbtc', quantity: '100000' } });
    assert.equal(payload!.allocation!.status, 'RESERVED');
    const mutation = /```graphql\n(mutation \{\n  updateAllocation[\s\S]*?)```/.exec(demo)![1]!.replace('<id of the RESERVED allocation>', payload!.allocation!.id);
    const res = await stack.gql<{ updateAllocation: { allocation: { status: string }; userErrors: unknown[] } }>(mutation);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.deepEqual(res.data!.updateAllocation.userErrors, []);
    assert.equal(res.data!.updateAllocation.allocation.status, 'CLEARED');
  });
});
