import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { CONNECTIONS, DEMO_PENDING_CONNECTION_ID, SANDBOX_READONLY_TOKEN, SANDBOX_TOKEN, sandboxKey } from '../../src/sandbox/index.js';
import { readDoc, sectionOf } from '../helpers/markdown.js';
import { ALLOCATE } from '../helpers/mutations.js';
import { useStack } from '../helpers/stack.js';
import { startPartnerStack, type PartnerStack } from '../partner/helpers.js';
import { engines } from '../store/engines.js';

const SANDBOX_GUIDE = readDoc('docs/guides/sandbox.md');
const demo = `${sectionOf(SANDBOX_GUIDE, 'The demo data')}\n${sectionOf(SANDBOX_GUIDE, 'The sandbox on its own')}`;
const loop = sectionOf(readDoc('docs/guides/partner-operator.md'), 'Try the whole loop offline');

describe('the sandbox guide\'s demo data is the sandbox\'s', () => {
  const stack = useStack();

  it('names every connection of the demo client in full, with its partner ids, and the tokens', () => {
    for (const c of CONNECTIONS.filter((c) => c.clientId === stack.sandbox.enterpriseId)) {
      assert.ok(demo.includes(`| ${c.name} | \`${c.id}\` |`), `${c.name} ${c.id}`);
      if (c.async) assert.ok(demo.includes(`\`${c.partnersConnectionId}\``) && demo.includes(`\`${c.partnersClientId}\``), c.name);
    }
    assert.ok(demo.includes(DEMO_PENDING_CONNECTION_ID));
    assert.ok(demo.includes(SANDBOX_TOKEN));
    assert.ok(SANDBOX_READONLY_TOKEN.endsWith('-read-only') && demo.includes('`…-read-only`'));
    assert.ok(demo.includes(sandboxKey(stack.sandbox.enterpriseId).xprv.slice(0, 24)), 'the client key npm run sandbox prints');
  });
});

describe('acting as the partner, as the partner guide shows', () => {
  let s: PartnerStack;
  before(async () => {
    // As npm start runs it: the sandbox, playing BitGo, calls the gateway's partner endpoints for Nimbus.
    s = await startPartnerStack(engines[0]!, { loop: true });
  });
  after(() => s.close());

  it('clears a reserved allocation with the guide\'s mutation once its request is in partnerAllocationRequests', async () => {
    const nimbus = CONNECTIONS.find((c) => c.name === 'Nimbus main')!;
    const allocated = await s.gql<{ allocate: { allocation: { id: string; status: string } } }>(ALLOCATE, {
      input: { connectionId: nimbus.id, amount: { currency: 'ofctbtc', quantity: '100000' } },
    });
    const { id, status } = allocated.data!.allocate.allocation;
    assert.equal(status, 'RESERVED');
    for (let i = 0; ; i++) {
      const ledger = await s.gql<{ partnerAllocationRequests: { nodes: { id: string }[] } }>(`{ partnerAllocationRequests(first: 5, filter: { statuses: [RESERVED] }) { nodes { id } } }`);
      if (ledger.data!.partnerAllocationRequests.nodes.some((n) => n.id === id)) break;
      assert.ok(i < 300, 'the reservation never reached the partner ledger');
      await sleep(50);
    }
    const mutation = /```graphql\n(mutation \{\n  updateAllocation[\s\S]*?)```/.exec(loop)![1]!.replace('<id of the RESERVED allocation>', id);
    const res = await s.gql<{ updateAllocation: { allocation: { status: string }; userErrors: unknown[] } }>(mutation);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.deepEqual(res.data!.updateAllocation.userErrors, []);
    assert.equal(res.data!.updateAllocation.allocation.status, 'CLEARED');
  });
});
