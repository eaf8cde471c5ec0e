import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { DEMO_CONNECTION_IDS, DEMO_PENDING_CONNECTION_ID, HELIOS_PARTNER_ID } from '../../src/sandbox/index.js';
import { asCurrencyBalances, freshClient, restClientBalances, restPartnerBalances } from '../helpers/connections.js';
import { allocate, deallocate } from '../helpers/mutations.js';
import { useStack } from '../helpers/stack.js';

type Amounts = Array<{ currency: string; available: string; held: string }>;

const CLIENT = `query($e: ID) {
  balances(enterpriseId: $e) {
    clientId
    balances { currency available held }
    networkBalances { connectionId partnerId partnersConnectionId name partnerInstitutionIdentifier clientId balances { currency available held } }
  }
}`;

interface BalancesData {
  balances: {
    clientId: string | null;
    balances: Amounts;
    networkBalances: Array<{
      connectionId: string;
      partnerId: string;
      partnersConnectionId: string;
      name: string | null;
      partnerInstitutionIdentifier: string | null;
      clientId: string | null;
      balances: Amounts;
    }>;
  };
}

const upstreamPaths = (stack: ReturnType<typeof useStack>): string[] => stack.sandbox.requests.entries().map((e) => e.path.replace(/^.*\/enterprises\/[^/]+\//, ''));

describe('balances and NetworkConnection.balances against the sandbox', () => {
  const stack = useStack();

  it('maps every field of the client report, amounts as the decimal strings BitGo sent', async () => {
    const reference = await restClientBalances(stack.sandbox);
    stack.sandbox.requests.reset();
    const res = await stack.gql<BalancesData>(CLIENT);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.deepEqual(res.data!.balances, {
      clientId: reference.clientId,
      balances: asCurrencyBalances(reference.balances),
      networkBalances: Object.entries(reference.networkBalances).map(([connectionId, n]) => ({
        connectionId,
        partnerId: n.partnerId,
        partnersConnectionId: n.partnersConnectionId,
        name: n.name,
        partnerInstitutionIdentifier: n.partnerInstitutionIdentifier,
        clientId: null,
        balances: asCurrencyBalances(n.balances),
      })),
    });
    assert.ok(res.data!.balances.balances.some((b) => BigInt(b.available) > 2n ** 53n), 'amounts beyond 2^53 survive as strings');
    assert.deepEqual(upstreamPaths(stack), ['clients/balances']);
  });

  it('maps every field of the partner report', async () => {
    const partner = stack.sandbox.partnerEnterpriseId;
    const reference = await restPartnerBalances(stack.sandbox);
    const res = await stack.gql<BalancesData>(CLIENT.replace('balances(enterpriseId: $e)', 'balances(enterpriseId: $e, view: PARTNER)'), { e: partner });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.deepEqual(res.data!.balances, {
      clientId: null,
      balances: asCurrencyBalances(reference.balances),
      networkBalances: Object.entries(reference.networkBalances).map(([connectionId, n]) => ({
        connectionId,
        partnerId: n.partnerId,
        partnersConnectionId: n.partnersConnectionId,
        name: null,
        partnerInstitutionIdentifier: null,
        clientId: n.clientId,
        balances: asCurrencyBalances(n.balances),
      })),
    });
    assert.ok(res.data!.balances.networkBalances.length >= 2);
  });

  it('reads balances at most once per operation and enterprise, however many fields ask', async () => {
    const reference = await restClientBalances(stack.sandbox);
    stack.sandbox.requests.reset();
    const res = await stack.gql<{
      a: { balances: Amounts };
      b: { networkBalances: Array<{ connectionId: string }> };
      networkConnections: { nodes: Array<{ id: string; balances: Amounts }> };
      one: { balances: Amounts };
      partner: { networkBalances: Array<{ connectionId: string }> };
    }>(
      `query($p: ID) {
        a: balances { balances { currency available held } }
        b: balances { networkBalances { connectionId } }
        networkConnections(first: 100) { nodes { id balances { currency available held } } }
        one: networkConnection(id: "${DEMO_CONNECTION_IDS.helios}") { balances { currency available held } }
        partner: balances(enterpriseId: $p, view: PARTNER) { networkBalances { connectionId } }
      }`,
      { p: stack.sandbox.partnerEnterpriseId },
    );
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.deepEqual(res.data!.a.balances, asCurrencyBalances(reference.balances));
    for (const n of res.data!.networkConnections.nodes) {
      // A pending connection holds nothing: BitGo's report does not list it.
      assert.deepEqual(n.balances, asCurrencyBalances(reference.networkBalances[n.id]?.balances), n.id);
    }
    assert.deepEqual(res.data!.networkConnections.nodes.find((n) => n.id === DEMO_PENDING_CONNECTION_ID)?.balances, []);
    assert.deepEqual(res.data!.one.balances, asCurrencyBalances(reference.networkBalances[DEMO_CONNECTION_IDS.helios]!.balances));
    const paths = upstreamPaths(stack).sort();
    // One report per (enterprise, view), one list, one batched lookup.
    assert.deepEqual(paths, ['clients/balances', 'clients/connections', 'clients/connections', 'partners/balances']);
  });

  it('resolves ConnectionBalances.connection for every entry with one batched upstream call', async () => {
    stack.sandbox.requests.reset();
    const res = await stack.gql<{ balances: { networkBalances: Array<{ connectionId: string; name: string; connection: { id: string; name: string; active: boolean; partnerId: string } }> } }>(
      `{ balances { networkBalances { connectionId name connection { id name active partnerId } } } }`,
    );
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const entries = res.data!.balances.networkBalances;
    assert.ok(entries.length >= 5);
    for (const e of entries) {
      const demo = stack.sandbox.books.connection(e.connectionId)!;
      assert.deepEqual(e.connection, { id: demo.id, name: demo.name, active: demo.active, partnerId: demo.partnerId });
    }
    const calls = stack.sandbox.requests.entries();
    assert.deepEqual(upstreamPaths(stack), ['clients/balances', 'clients/connections']);
    assert.equal(calls[1]!.query.connectionIds!.split(',').length, entries.length);
  });

  it('follows the books: an allocation and a deallocation through the gateway move exactly their amounts', async () => {
    const helios = DEMO_CONNECTION_IDS.helios;
    const SCREEN = `{ balances { balances { currency available held } } networkConnection(id: "${helios}") { balances { currency available held } } }`;
    type Screen = { balances: { balances: Amounts }; networkConnection: { balances: Amounts } };
    const read = async (): Promise<{ trading: bigint; connection: bigint }> => {
      const res = await stack.gql<Screen>(SCREEN);
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      const pick = (list: Amounts) => BigInt(list.find((b) => b.currency === 'ofcteth')?.available ?? '0');
      return { trading: pick(res.data!.balances.balances), connection: pick(res.data!.networkConnection.balances) };
    };
    const quantity = 123456789012345678901n;
    const before = await read();
    const a = await allocate(stack, { connectionId: helios, amount: { currency: 'ofcteth', quantity: quantity.toString() }, clientExternalId: `bal-${randomUUID()}` });
    assert.deepEqual(a.payload!.userErrors, []);
    const afterAllocate = await read();
    assert.deepEqual(afterAllocate, { trading: before.trading - quantity, connection: before.connection + quantity });
    const d = await deallocate(stack, { connectionId: helios, amount: { currency: 'ofcteth', quantity: '1000' }, clientExternalId: `bal-${randomUUID()}` });
    assert.deepEqual(d.payload!.userErrors, []);
    assert.deepEqual(await read(), { trading: afterAllocate.trading + 1000n, connection: afterAllocate.connection - 1000n });
  });
});

describe('balances report paging with a small upstream page', () => {
  const stack = useStack({ env: { BITGO_MAX_PAGE_SIZE: '101' } });

  it('reads page after page until one comes back short, and keeps every entry once', async () => {
    const seeds = Array.from({ length: 230 }, (_, i) => ({
      name: `desk ${i}`,
      partnerId: HELIOS_PARTNER_ID,
      createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, i % 7)).toISOString(),
      active: i % 3 !== 0,
    }));
    const fresh = freshClient(stack.sandbox, seeds);
    fresh.ids.forEach((id, i) => stack.sandbox.books.setConnectionBalance(id, 'ofctbtc', { available: BigInt(i) * 10n ** 18n + 7n }));
    const reference = await restClientBalances(stack.sandbox, {}, fresh.enterpriseId, fresh.token);
    stack.sandbox.requests.reset();
    const res = await stack.gql<BalancesData>(CLIENT, { e: fresh.enterpriseId }, { authorization: `Bearer ${fresh.token}` });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.deepEqual(
      res.data!.balances.networkBalances.map((n) => [n.connectionId, n.balances]),
      Object.entries(reference.networkBalances).map(([id, n]) => [id, asCurrencyBalances(n.balances)]),
    );
    const calls = stack.sandbox.requests.entries();
    assert.deepEqual(calls.map((e) => [e.query.pageNumber, e.query.pageSize]), [['0', '101'], ['1', '101'], ['2', '101']]);
  });
});
