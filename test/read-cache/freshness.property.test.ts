import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DEMO_CONNECTION_IDS } from '../../src/sandbox/index.js';
import { restClientBalances, restConnections } from '../helpers/connections.js';
import { ALLOCATE } from '../helpers/mutations.js';
import { useStack } from '../helpers/stack.js';
import { post } from './helpers.js';

const TTL_MS = 300;

type Kind = 'balances' | 'connections';

/** What BitGo holds after each change, and whether the gateway saw the change (and which kinds it touched). */
interface Snapshot {
  at: number;
  seen: readonly Kind[];
  values: Record<Kind, string>;
}

type Action =
  | { type: 'read'; kind: Kind }
  | { type: 'allocate' }
  | { type: 'behind-balance'; available: bigint }
  | { type: 'behind-rename'; suffix: number }
  | { type: 'wait'; ms: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom<Kind>('balances', 'connections').map((kind) => ({ type: 'read' as const, kind })) },
  { weight: 1, arbitrary: fc.constant({ type: 'allocate' as const }) },
  { weight: 1, arbitrary: fc.bigInt({ min: 10n ** 15n, max: 10n ** 16n }).map((available) => ({ type: 'behind-balance' as const, available })) },
  { weight: 1, arbitrary: fc.nat(1_000_000).map((suffix) => ({ type: 'behind-rename' as const, suffix })) },
  { weight: 2, arbitrary: fc.integer({ min: 10, max: 200 }).map((ms) => ({ type: 'wait' as const, ms })) },
);

const QUERIES: Record<Kind, string> = {
  balances: '{ balances { balances { currency available } } }',
  connections: '{ networkConnections(first: 100) { nodes { id name } } }',
};

describe('read cache freshness (fast-check over reads, gateway mutations and changes behind its back)', () => {
  const stack = useStack({ env: { READ_CACHE: 'true', READ_CACHE_TTL_BALANCES_MS: String(TTL_MS), READ_CACHE_TTL_CONNECTIONS_MS: String(TTL_MS), READ_CACHE_TTL_ALLOCATIONS_MS: String(TTL_MS) } });

  const truth = async (): Promise<Record<Kind, string>> => ({
    balances: (await restClientBalances(stack.sandbox)).balances.ofctbtc!.available,
    connections: JSON.stringify((await restConnections(stack.sandbox)).slice(0, 100).map((c) => [c.id, c.name ?? null])),
  });

  const read = async (kind: Kind): Promise<string> => {
    const answer = await post<{ balances?: { balances: Array<{ currency: string; available: string }> }; networkConnections?: { nodes: Array<{ id: string; name: string | null }> } }>(stack, QUERIES[kind]);
    assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
    return kind === 'balances' ? answer.data!.balances!.balances.find((b) => b.currency === 'ofctbtc')!.available : JSON.stringify(answer.data!.networkConnections!.nodes.map((n) => [n.id, n.name]));
  };

  it('every read is what BitGo holds, or held less than a TTL ago, and never older than a change the gateway saw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 3, maxLength: 10 }), async (actions) => {
        // Each run starts with nothing cached: the gateway is told of a change touching every kind.
        await stack.gateway.changes.connectionAnswered({ enterpriseId: stack.sandbox.enterpriseId, view: 'client', source: 'MUTATION', connection: { id: randomUUID() } as never });
        await stack.gateway.changes.allocationTouched({ enterpriseId: stack.sandbox.enterpriseId, view: 'client', source: 'MUTATION', allocationId: randomUUID() });
        const history: Snapshot[] = [{ at: Date.now(), seen: ['balances', 'connections'], values: await truth() }];
        const changed = async (seen: readonly Kind[]) => void history.push({ at: Date.now(), seen, values: await truth() });
        for (const step of actions) {
          if (step.type === 'wait') await sleep(step.ms);
          else if (step.type === 'allocate') {
            const input = { connectionId: DEMO_CONNECTION_IDS.helios, amount: { currency: 'ofctbtc', quantity: '1000' }, clientExternalId: `prop-${randomUUID()}` };
            const answer = await post<{ allocate: { allocation: { status: string } | null } }>(stack, ALLOCATE, {}, { input });
            assert.equal(answer.data?.allocate.allocation?.status, 'CLEARED', JSON.stringify(answer));
            // An allocation touches balances (and allocations), not the connections' names.
            await changed(['balances']);
          } else if (step.type === 'behind-balance') {
            stack.sandbox.books.setBalance(stack.sandbox.enterpriseId, 'ofctbtc', { available: step.available });
            await changed([]);
          } else if (step.type === 'behind-rename') {
            stack.sandbox.books.changeConnection(DEMO_CONNECTION_IDS.helios, { name: `Helios ${step.suffix}` });
            await changed([]);
          } else {
            const startedAt = Date.now();
            const value = await read(step.kind);
            // The latest state the answer can be: the one current when the read started, or one after it.
            let i = history.length - 1;
            while (i >= 0 && history[i]!.values[step.kind] !== value) i--;
            assert.ok(i >= 0, `${step.kind}: the answer is no state BitGo ever held`);
            const lastSeen = history.findLastIndex((s) => s.seen.includes(step.kind));
            assert.ok(i >= lastSeen, `${step.kind}: served a state older than a change the gateway saw (state ${i}, change ${lastSeen})`);
            const next = history[i + 1];
            if (next) assert.ok(next.at > startedAt - TTL_MS, `${step.kind}: served a state that went stale ${startedAt - next.at} ms before the read (TTL ${TTL_MS})`);
          }
        }
      }),
      { numRuns: 12 },
    );
  });
});
