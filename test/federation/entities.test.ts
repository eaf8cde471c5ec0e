import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { restListAll } from '../helpers/rest.js';
import { useStack } from '../helpers/stack.js';

/** What a gateway sends our subgraph to resolve Allocation references. */
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Allocation { id status } } }`;

describe('_entities on our subgraph', () => {
  const stack = useStack();

  it('answers a batch of Allocation references with one upstream call, null for an unknown id', async () => {
    const all = await restListAll(stack.sandbox, { types: ['allocation', 'deallocation'] });
    const known = [all[2]!, all[57]!, all[58]!, all[250]!, all[410]!, all[599]!];
    const unknown = randomUUID();
    // The unknown id sits in the middle: answers must stay in representation order.
    const ids = [...known.slice(0, 3).map((r) => r.id), unknown, ...known.slice(3).map((r) => r.id)];
    stack.sandbox.requests.reset();

    const res = await stack.gql<{ _entities: Array<{ id: string; status: string } | null> }>(ENTITIES, {
      r: ids.map((id) => ({ __typename: 'Allocation', id })),
    });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const expected = ids.map((id) => {
      const r = known.find((k) => k.id === id);
      return r ? { id: r.id, status: r.status.toUpperCase() } : null;
    });
    assert.deepEqual(res.data!._entities, expected);

    const upstream = stack.sandbox.requests.entries();
    assert.equal(upstream.length, 1, JSON.stringify(upstream));
    assert.match(upstream[0]!.path, /\/clients\/allocations$/);
    assert.deepEqual(upstream[0]!.query.allocationIds?.split(',').sort(), [...ids].sort());
  });

  it('answers a batch of NetworkConnection references with one upstream call, null for unknown and malformed ids', async () => {
    const res0 = await fetch(`${stack.sandbox.url}/api/network/v1/enterprises/${stack.sandbox.enterpriseId}/clients/connections?pageSize=1000`, {
      headers: { authorization: `Bearer ${stack.sandbox.token}` },
    });
    const { connections } = (await res0.json()) as { connections: Array<{ id: string; name: string; active: boolean; partnerId: string }> };
    assert.ok(connections.length >= 5);
    const ids = [connections[4]!.id, randomUUID(), connections[0]!.id, 'not-a-uuid', connections[2]!.id.toUpperCase(), connections[4]!.id];
    stack.sandbox.requests.reset();
    const res = await stack.gql<{ _entities: Array<{ id: string; name: string; active: boolean; partnerId: string } | null> }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on NetworkConnection { id name active partnerId } } }`,
      { r: ids.map((id) => ({ __typename: 'NetworkConnection', id })) },
    );
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const pick = (i: number) => {
      const c = connections[i]!;
      return { id: c.id, name: c.name, active: c.active, partnerId: c.partnerId };
    };
    assert.deepEqual(res.data!._entities, [pick(4), null, pick(0), null, pick(2), pick(4)]);
    const upstream = stack.sandbox.requests.entries();
    assert.equal(upstream.length, 1, JSON.stringify(upstream));
    assert.match(upstream[0]!.path, /\/clients\/connections$/);
    // Distinct, lowercase, the malformed one never sent.
    assert.deepEqual(upstream[0]!.query.connectionIds?.split(',').sort(), [connections[4]!.id, ids[1]!, connections[0]!.id, connections[2]!.id].sort());
  });
});
