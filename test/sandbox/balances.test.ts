import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DEMO_CONNECTION_IDS,
  DEMO_PENDING_CONNECTION_ID,
  HELIOS_PARTNER_ID,
  NO_LICENCE_ENTERPRISE_ID,
  OTHER_CLIENT_ENTERPRISE_ID,
  OTHER_CONNECTION_IDS,
  SANDBOX_READONLY_TOKEN,
  startSandbox,
  type AllocationRecord,
  type StartedSandbox,
} from '../../src/sandbox/index.js';
import { allocate, API, call, PARTNER_DEALLOCATION_KEYS, partnerBody } from './helpers.js';

const C = DEMO_CONNECTION_IDS;
const BASE_UNITS = /^(0|[1-9][0-9]*)$/;

/** Every balance a report shows, flattened to `account/currency/field` → BigInt, so a whole report compares at once. */
type Flat = Record<string, bigint>;

function flatten(body: { balances?: Record<string, { available: string; held: string }>; networkBalances: Record<string, { balances: Record<string, { available: string; held: string }> }> }): Flat {
  const out: Flat = {};
  const add = (account: string, balances: Record<string, { available: string; held: string }>): void => {
    for (const [currency, b] of Object.entries(balances)) {
      assert.match(b.available, BASE_UNITS);
      assert.match(b.held, BASE_UNITS);
      out[`${account}/${currency}/available`] = BigInt(b.available);
      out[`${account}/${currency}/held`] = BigInt(b.held);
    }
  };
  add('trading', body.balances ?? {});
  for (const [connectionId, n] of Object.entries(body.networkBalances)) add(connectionId, n.balances);
  return out;
}

/** `after` is `before` plus exactly `deltas` (absent entries count as zero): nothing else moved. */
function assertMoved(before: Flat, after: Flat, deltas: Flat, what: string): void {
  for (const key of new Set([...Object.keys(before), ...Object.keys(after), ...Object.keys(deltas)])) {
    assert.equal(after[key] ?? 0n, (before[key] ?? 0n) + (deltas[key] ?? 0n), `${what}: ${key}`);
  }
}

describe('sandbox balances (GET …/clients/balances and …/partners/balances)', () => {
  let sb: StartedSandbox;
  let clientPath: string;
  let partnerPath: string;
  before(async () => {
    sb = await startSandbox({ allocations: 120 });
    clientPath = `${API}/${sb.enterpriseId}/clients/balances`;
    partnerPath = `${API}/${sb.partnerEnterpriseId}/partners/balances`;
  });
  after(() => sb.close());

  const clientReport = async (query: Record<string, string | string[]> = {}) => {
    const r = await call(sb, 'GET', clientPath, { query });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body;
  };
  const partnerReport = async (query: Record<string, string | string[]> = {}) => {
    const r = await call(sb, 'GET', partnerPath, { query });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body;
  };
  const snapshot = async (): Promise<{ client: Flat; partner: Flat }> => ({ client: flatten(await clientReport()), partner: flatten(await partnerReport()) });

  it('client report: V1ClientBalancesGetPayload, equal to the books, every initialized connection', async () => {
    const body = await clientReport();
    assert.deepEqual(Object.keys(body), ['clientId', 'balances', 'networkBalances']);
    assert.equal(body.clientId, sb.enterpriseId);
    for (const [currency, b] of Object.entries(body.balances as Record<string, object>)) {
      assert.deepEqual(Object.keys(b), ['available', 'held']);
      const books = sb.books.balance(sb.enterpriseId, currency);
      assert.deepEqual(b, { available: books.available.toString(), held: books.held.toString() });
    }
    assert.ok(Object.keys(body.balances).length >= 6);
    const initialized = sb.books.connections(sb.enterpriseId).filter((c) => c.initialized);
    assert.deepEqual(Object.keys(body.networkBalances).sort(), initialized.map((c) => c.id).sort());
    assert.ok(!(DEMO_PENDING_CONNECTION_ID in body.networkBalances), 'a pending connection has no partnersConnectionId and no funds');
    for (const c of initialized) {
      const n = body.networkBalances[c.id];
      assert.deepEqual(Object.keys(n), ['partnerId', 'partnersConnectionId', 'name', 'partnerInstitutionIdentifier', 'balances']);
      assert.deepEqual([n.partnerId, n.partnersConnectionId, n.name], [c.partnerId, c.partnersConnectionId, c.name]);
      assert.ok(n.partnerInstitutionIdentifier.length > 0);
      for (const [currency, b] of Object.entries(n.balances as Record<string, object>)) {
        assert.deepEqual(Object.keys(b), ['available', 'held']);
        const books = sb.books.connectionBalance(c.id, currency);
        assert.deepEqual(b, { available: books.available.toString(), held: books.held.toString() });
      }
    }
    assert.ok(Object.values(body.networkBalances).some((n: any) => Object.keys(n.balances).length > 0), 'the seeded history put funds on connections');
  });

  it('partner report: V1PartnerBalancesGetPayload, connections of every client, and the partner’s own balances', async () => {
    const body = await partnerReport();
    assert.deepEqual(Object.keys(body), ['networkBalances', 'balances']);
    assert.deepEqual(Object.keys(body.networkBalances).sort(), [C.nimbusMain, C.nimbusSecondary, OTHER_CONNECTION_IDS.beaconNimbus].sort());
    for (const [id, n] of Object.entries(body.networkBalances as Record<string, any>)) {
      const c = sb.books.connection(id)!;
      assert.deepEqual(Object.keys(n), ['clientId', 'partnerId', 'partnersConnectionId', 'balances']);
      assert.deepEqual([n.clientId, n.partnerId, n.partnersConnectionId], [c.clientId, sb.partnerEnterpriseId, c.partnersConnectionId]);
      for (const [currency, b] of Object.entries(n.balances as Record<string, object>)) {
        assert.deepEqual(Object.keys(b), ['held', 'available']);
        const books = sb.books.connectionBalance(id, currency);
        assert.deepEqual(b, { held: books.held.toString(), available: books.available.toString() });
      }
    }
    for (const [currency, b] of Object.entries(body.balances as Record<string, object>)) {
      const books = sb.books.balance(sb.partnerEnterpriseId, currency);
      assert.deepEqual(b, { held: books.held.toString(), available: books.available.toString() });
    }
    assert.ok(Object.keys(body.balances).length >= 6);
  });

  it('client filters: connectionIds and partnerIds (AND); paging counts connections; trading balances are always whole', async () => {
    const full = await clientReport();
    const only = async (query: Record<string, string | string[]>): Promise<string[]> => {
      const body = await clientReport(query);
      assert.deepEqual(body.balances, full.balances);
      return Object.keys(body.networkBalances).sort();
    };
    assert.deepEqual(await only({ connectionIds: `${C.helios},${C.quanta.toUpperCase()}` }), [C.helios, C.quanta].sort());
    assert.deepEqual(await only({ connectionIds: [C.helios, OTHER_CONNECTION_IDS.beaconNimbus] }), [C.helios]);
    assert.deepEqual(await only({ partnerIds: HELIOS_PARTNER_ID }), [C.helios, C.heliosLegacyInactive].sort());
    assert.deepEqual(await only({ partnerIds: HELIOS_PARTNER_ID, connectionIds: C.helios }), [C.helios]);
    assert.deepEqual(await only({ connectionIds: DEMO_PENDING_CONNECTION_ID }), []);
    const walked: string[] = [];
    for (let pageNumber = 0; pageNumber < 10; pageNumber++) walked.push(...Object.keys((await clientReport({ pageSize: '2', pageNumber: String(pageNumber) })).networkBalances));
    assert.equal(walked.length, Object.keys(full.networkBalances).length);
    assert.deepEqual([...walked].sort(), Object.keys(full.networkBalances).sort());
  });

  it('partner filters: clientIds, connectionIds, partnersConnectionIds, partnerIds; paging', async () => {
    const only = async (query: Record<string, string | string[]>): Promise<string[]> => Object.keys((await partnerReport(query)).networkBalances).sort();
    assert.deepEqual(await only({ clientIds: OTHER_CLIENT_ENTERPRISE_ID }), [OTHER_CONNECTION_IDS.beaconNimbus]);
    assert.deepEqual(await only({ connectionIds: C.nimbusSecondary }), [C.nimbusSecondary]);
    assert.deepEqual(await only({ partnersConnectionIds: 'nimbus-conn-1001,nimbus-conn-2001' }), [C.nimbusMain, OTHER_CONNECTION_IDS.beaconNimbus].sort());
    assert.deepEqual(await only({ partnerIds: sb.partnerEnterpriseId, clientIds: sb.enterpriseId }), [C.nimbusMain, C.nimbusSecondary].sort());
    assert.deepEqual(await only({ partnerIds: HELIOS_PARTNER_ID }), []);
    assert.equal((await only({ pageSize: '1', pageNumber: '2' })).length, 1);
    assert.equal((await only({ pageSize: '1', pageNumber: '3' })).length, 0);
  });

  for (const [name, path, query] of [
    ['client: connectionIds not UUIDs', 'client', { connectionIds: 'abc' }],
    ['client: partnerIds empty item', 'client', { partnerIds: `${HELIOS_PARTNER_ID},` }],
    ['client: pageSize 0', 'client', { pageSize: '0' }],
    ['client: pageNumber not an integer', 'client', { pageNumber: '1.5' }],
    ['partner: clientIds not UUIDs', 'partner', { clientIds: 'nope' }],
    ['partner: empty partnersConnectionIds', 'partner', { partnersConnectionIds: '' }],
    ['partner: pageSize over 1000', 'partner', { pageSize: '5000' }],
  ] as const) {
    it(`400: ${name}`, async () => {
      const r = await call(sb, 'GET', path === 'client' ? clientPath : partnerPath, { query: query as Record<string, string> });
      assert.equal(r.status, 400);
      assert.equal(typeof r.body.error, 'string');
    });
  }

  it('auth: 401 without or with a bad token, 404 for a foreign enterprise, 403 without licence or read scope', async () => {
    sb.books.addToken('balances-write-only', { enterprises: [sb.enterpriseId, sb.partnerEnterpriseId], scopes: ['settlement_network_write'] });
    for (const view of ['clients', 'partners']) {
      const own = `${API}/${view === 'clients' ? sb.enterpriseId : sb.partnerEnterpriseId}/${view}/balances`;
      assert.equal((await call(sb, 'GET', own, { token: null })).status, 401);
      assert.equal((await call(sb, 'GET', own, { token: 'nope', query: { pageSize: 'x' } })).status, 401);
      assert.equal((await call(sb, 'GET', own, { token: 'balances-write-only' })).status, 403);
      assert.equal((await call(sb, 'GET', own, { token: SANDBOX_READONLY_TOKEN })).status, 200);
      assert.equal((await call(sb, 'GET', `${API}/${OTHER_CLIENT_ENTERPRISE_ID}/${view}/balances`)).status, 404);
      assert.equal((await call(sb, 'GET', `${API}/00000000-0000-4000-8000-000000000000/${view}/balances`)).status, 404);
      assert.equal((await call(sb, 'GET', `${API}/${NO_LICENCE_ENTERPRISE_ID}/${view}/balances`)).status, 403);
    }
  });

  describe('balances move with every write, exactly (BigInt)', () => {
    // Above 2^53, where a JavaScript number would already have lost the last digits.
    const BIG = 2n ** 53n * 1_000n + 7n;

    function partnerFields(record: AllocationRecord, status: 'cleared' | 'released', idKeys: ['allocationId', 'partnersAllocationId'] | ['deallocationId', 'partnersDeallocationId']): Record<string, unknown> {
      const c = sb.books.connection(record.connectionId)!;
      return {
        status,
        ...(status === 'released' ? { rejectReason: 'partner refused' } : {}),
        [idKeys[0]]: record.id,
        amount: record.amount,
        clientId: c.clientId,
        connectionId: c.id,
        partnersClientId: c.partnersClientId,
        partnersConnectionId: c.partnersConnectionId,
        [idKeys[1]]: `nimbus-${record.id.slice(0, 8)}`,
      };
    }
    const put = (body: unknown, kind: 'allocations' | 'deallocations' = 'allocations') => call(sb, 'PUT', `${API}/${sb.partnerEnterpriseId}/partners/${kind}`, { body });

    it('allocate to a sync partner (cleared): trading available down, connection available up', async () => {
      const before = await snapshot();
      const r = await allocate(sb, { connectionId: C.helios, amount: { currency: 'ofcteth', quantity: BIG.toString() } });
      assert.equal(r.body.allocation.status, 'cleared');
      const after = await snapshot();
      assertMoved(before.client, after.client, { 'trading/ofcteth/available': -BIG, [`${C.helios}/ofcteth/available`]: BIG }, 'sync allocate');
      assertMoved(before.partner, after.partner, {}, 'Nimbus sees nothing of a Helios allocation');
    });

    it('allocate to the async partner (reserved): trading available to held; then the partner clears it onto the connection', async () => {
      const q = BIG + 1n;
      const s0 = await snapshot();
      const r = await allocate(sb, { connectionId: C.nimbusMain, amount: { currency: 'ofcteth', quantity: q.toString() } });
      assert.equal(r.body.allocation.status, 'reserved');
      const s1 = await snapshot();
      assertMoved(s0.client, s1.client, { 'trading/ofcteth/available': -q, 'trading/ofcteth/held': q }, 'reserved');
      assertMoved(s0.partner, s1.partner, {}, 'nothing reaches the partner while reserved');

      const cleared = await put(partnerBody(sb, partnerFields(r.body.allocation, 'cleared', ['allocationId', 'partnersAllocationId'])));
      assert.equal(cleared.status, 200, JSON.stringify(cleared.body));
      const s2 = await snapshot();
      assertMoved(s1.client, s2.client, { 'trading/ofcteth/held': -q, [`${C.nimbusMain}/ofcteth/available`]: q }, 'partner clears');
      assertMoved(s1.partner, s2.partner, { [`${C.nimbusMain}/ofcteth/available`]: q }, 'partner view of the clear');
    });

    it('the partner releases a reserved allocation: held goes back to available, the connection is untouched', async () => {
      const q = 123_456_789n;
      const s0 = await snapshot();
      const r = await allocate(sb, { connectionId: C.nimbusSecondary, amount: { currency: 'ofctusdt', quantity: q.toString() } });
      const s1 = await snapshot();
      assertMoved(s0.client, s1.client, { 'trading/ofctusdt/available': -q, 'trading/ofctusdt/held': q }, 'reserved');
      assert.equal((await put(partnerBody(sb, partnerFields(r.body.allocation, 'released', ['allocationId', 'partnersAllocationId'])))).status, 200);
      const s2 = await snapshot();
      assertMoved(s0.client, s2.client, {}, 'released: back where it started');
      assertMoved(s0.partner, s2.partner, {}, 'released: the partner view never moved');
    });

    it('deallocate from a sync partner: connection available down, trading available up', async () => {
      const q = BIG / 2n;
      const s0 = await snapshot();
      const r = await allocate(sb, { connectionId: C.helios, amount: { currency: 'ofcteth', quantity: q.toString() } }, 'deallocation');
      assert.equal(r.body.deallocation.status, 'cleared');
      const s1 = await snapshot();
      assertMoved(s0.client, s1.client, { [`${C.helios}/ofcteth/available`]: -q, 'trading/ofcteth/available': q }, 'sync deallocate');
    });

    it('deallocate from the async partner: held on the connection until the partner clears it back to trading', async () => {
      const q = BIG - 5n; // cleared onto nimbusMain by the test above
      const s0 = await snapshot();
      const r = await allocate(sb, { connectionId: C.nimbusMain, amount: { currency: 'ofcteth', quantity: q.toString() } }, 'deallocation');
      assert.equal(r.body.deallocation.status, 'reserved');
      const s1 = await snapshot();
      const onConnection = { [`${C.nimbusMain}/ofcteth/available`]: -q, [`${C.nimbusMain}/ofcteth/held`]: q };
      assertMoved(s0.client, s1.client, onConnection, 'reserved deallocation, client view');
      assertMoved(s0.partner, s1.partner, onConnection, 'reserved deallocation, partner view');
      const body = partnerBody(sb, partnerFields(r.body.deallocation, 'cleared', ['deallocationId', 'partnersDeallocationId']), sb.partnerSigningXprv, PARTNER_DEALLOCATION_KEYS);
      assert.equal((await put(body, 'deallocations')).status, 200);
      const s2 = await snapshot();
      assertMoved(s1.client, s2.client, { [`${C.nimbusMain}/ofcteth/held`]: -q, 'trading/ofcteth/available': q }, 'deallocation cleared');
      assertMoved(s1.partner, s2.partner, { [`${C.nimbusMain}/ofcteth/held`]: -q }, 'deallocation cleared, partner view');
    });

    it('released for insufficient balance, or on an inactive or pending connection: nothing moves', async () => {
      const s0 = await snapshot();
      const available = sb.books.balance(sb.enterpriseId, 'ofctsol').available;
      const tooMuch = await allocate(sb, { connectionId: C.orbit, amount: { currency: 'ofctsol', quantity: (available + 1n).toString() } });
      assert.equal(tooMuch.status, 422);
      const overdrawn = await allocate(sb, { connectionId: C.helios, amount: { currency: 'ofcteth', quantity: (10n ** 40n).toString() } }, 'deallocation');
      assert.equal(overdrawn.status, 422);
      assert.equal((await allocate(sb, { connectionId: C.heliosLegacyInactive, amount: { currency: 'ofctbtc', quantity: '1' } })).status, 422);
      assert.equal((await allocate(sb, { connectionId: DEMO_PENDING_CONNECTION_ID, amount: { currency: 'ofctbtc', quantity: '1' } })).status, 422);
      const s1 = await snapshot();
      assertMoved(s0.client, s1.client, {}, 'refused writes');
      assertMoved(s0.partner, s1.partner, {}, 'refused writes, partner view');
    });
  });
});
