import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DEMO_CONNECTION_IDS,
  DEMO_PENDING_CONNECTION_ID,
  HELIOS_PARTNER_ID,
  NO_LICENCE_ENTERPRISE_ID,
  OTHER_CLIENT_ENTERPRISE_ID,
  OTHER_CONNECTION_IDS,
  QUANTA_PARTNER_ID,
  SANDBOX_READONLY_TOKEN,
  startSandbox,
  type StartedSandbox,
  type V1ConnectionOutput,
} from '../../src/sandbox/index.js';
import { allocate, API, call } from './helpers.js';

const C = DEMO_CONNECTION_IDS;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** V1ConnectionOutput in oes-openapi.yaml: its required keys, then its optional ones. */
const REQUIRED = ['id', 'name', 'clientId', 'partnerId', 'networkAccountId', 'createdAt', 'updatedAt', 'active', 'proof', 'nonce', 'partnersConnectionId', 'partnersClientId', 'initialized'];
const OPTIONAL = ['evaluationId', 'pendingApprovalId', 'policyResult'];

function assertConnectionShape(c: Record<string, unknown>): void {
  const keys = Object.keys(c);
  for (const k of REQUIRED) assert.ok(keys.includes(k), `missing ${k}`);
  for (const k of keys) assert.ok(REQUIRED.includes(k) || OPTIONAL.includes(k), `unexpected key ${k}`);
  for (const k of ['id', 'clientId', 'partnerId', 'networkAccountId']) assert.match(String(c[k]), UUID, k);
  for (const k of ['createdAt', 'updatedAt']) assert.equal(new Date(String(c[k])).toISOString(), c[k], `${k} is an ISO date-time`);
  assert.ok(String(c.updatedAt) >= String(c.createdAt));
  assert.equal(typeof c.active, 'boolean');
  assert.equal(typeof c.initialized, 'boolean');
  for (const k of ['name', 'proof', 'nonce']) assert.ok(typeof c[k] === 'string' && (c[k] as string).length > 0, k);
  // Partner ids are null exactly until the partner initializes the connection.
  for (const k of ['partnersConnectionId', 'partnersClientId']) {
    if (c.initialized) assert.ok(typeof c[k] === 'string' && (c[k] as string).length > 0, k);
    else assert.equal(c[k], null, k);
  }
  if ('policyResult' in c) assert.ok(c.policyResult === 'approved' || c.policyResult === 'rejected');
  for (const k of ['evaluationId', 'pendingApprovalId']) if (k in c) assert.ok(typeof c[k] === 'string' && (c[k] as string).length > 0);
}

const ids = (connections: V1ConnectionOutput[]): string[] => connections.map((c) => c.id);

describe('sandbox connections (GET …/clients/connections, …/clients/connections/{id}, …/partners/connections)', () => {
  let sb: StartedSandbox;
  let clientPath: string;
  let partnerPath: string;
  let all: V1ConnectionOutput[];
  before(async () => {
    sb = await startSandbox({ allocations: 40 });
    clientPath = `${API}/${sb.enterpriseId}/clients/connections`;
    partnerPath = `${API}/${sb.partnerEnterpriseId}/partners/connections`;
    all = (await call(sb, 'GET', clientPath)).body.connections;
  });
  after(() => sb.close());

  const clientList = (query: Record<string, string | string[]> = {}) => call(sb, 'GET', clientPath, { query });
  const partnerList = (query: Record<string, string | string[]> = {}) => call(sb, 'GET', partnerPath, { query });

  it('client list: 200 { connections }, every OpenAPI field present, oldest first', async () => {
    const r = await clientList();
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.body), ['connections']);
    const expected = sb.books.connections(sb.enterpriseId).map((c) => c.id);
    assert.deepEqual(ids(all).sort(), expected.sort());
    assert.equal(all.length, 7, 'six initialized demo connections and one pending');
    for (const c of all) {
      assertConnectionShape(c as unknown as Record<string, unknown>);
      assert.equal(c.clientId, sb.enterpriseId);
    }
    const created = all.map((c) => Date.parse(c.createdAt));
    assert.deepEqual(created, [...created].sort((a, b) => a - b));
    // The optional policy fields appear where the demo cast has them.
    assert.equal(all.find((c) => c.id === C.quanta)!.policyResult, 'approved');
    const pending = all.find((c) => c.id === DEMO_PENDING_CONNECTION_ID)!;
    assert.deepEqual([pending.initialized, pending.partnersConnectionId, pending.partnersClientId], [false, null, null]);
    assert.equal(typeof pending.pendingApprovalId, 'string');
    // Nothing beyond the wire shape leaks: no sandbox-only fields, no connection-key secrets.
    assert.doesNotMatch(JSON.stringify(r.body), /"(async|trustOrg|connectionKey|apiKey|apiSecret|connectionToken|signature)"/);
  });

  it('client list filters: active, connectionIds, names, partnerIds (AND, lists comma-separated or repeated)', async () => {
    const expectIds = async (query: Record<string, string | string[]>, predicate: (c: V1ConnectionOutput) => boolean): Promise<void> => {
      const r = await clientList(query);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const expected = all.filter(predicate);
      assert.ok(expected.length > 0, `${JSON.stringify(query)} should match something`);
      assert.deepEqual(ids(r.body.connections), ids(expected));
    };
    await expectIds({ active: 'true' }, (c) => c.active);
    await expectIds({ active: 'false' }, (c) => !c.active);
    await expectIds({ connectionIds: `${C.helios},${C.orbit.toUpperCase()}` }, (c) => c.id === C.helios || c.id === C.orbit);
    await expectIds({ connectionIds: [C.helios, C.quanta] }, (c) => c.id === C.helios || c.id === C.quanta);
    await expectIds({ names: 'Helios spot,Orbit OTC' }, (c) => c.name === 'Helios spot' || c.name === 'Orbit OTC');
    await expectIds({ partnerIds: HELIOS_PARTNER_ID }, (c) => c.partnerId === HELIOS_PARTNER_ID);
    await expectIds({ partnerIds: HELIOS_PARTNER_ID, active: 'true' }, (c) => c.id === C.helios);
    assert.deepEqual((await clientList({ connectionIds: OTHER_CONNECTION_IDS.beaconQuanta })).body.connections, [], "another client's connection is not listed");
    assert.deepEqual((await clientList({ names: 'helios spot' })).body.connections, [], 'names match exactly');
  });

  it('paging: pageSize and zero-based pageNumber walk the whole list without gaps or repeats', async () => {
    const walked: string[] = [];
    for (let pageNumber = 0; ; pageNumber++) {
      const r = await clientList({ pageSize: '3', pageNumber: String(pageNumber) });
      assert.equal(r.status, 200);
      walked.push(...ids(r.body.connections));
      if (r.body.connections.length < 3) break;
    }
    assert.deepEqual(walked, ids(all));
    assert.deepEqual((await clientList({ pageNumber: '5', pageSize: '100' })).body.connections, []);
  });

  for (const [name, query] of [
    ['active not a boolean', { active: 'yes' }],
    ['active given twice', { active: ['true', 'false'] }],
    ['connectionIds not UUIDs', { connectionIds: `${C.helios},nope` }],
    ['partnerIds not UUIDs', { partnerIds: '42' }],
    ['empty names item', { names: 'Helios spot,' }],
    ['pageSize 0', { pageSize: '0' }],
    ['pageSize over 1000', { pageSize: '1001' }],
    ['negative pageNumber', { pageNumber: '-1' }],
  ] as const) {
    it(`400: ${name}`, async () => {
      const r = await clientList(query as Record<string, string | string[]>);
      assert.equal(r.status, 400);
      assert.equal(typeof r.body.error, 'string');
    });
  }

  it('GET one: 200 { connection } equal to its list item; 404 for another client’s or an unknown id; 400 for a non-UUID', async () => {
    for (const listed of all) {
      const r = await call(sb, 'GET', `${clientPath}/${listed.id}`);
      assert.equal(r.status, 200);
      assert.deepEqual(Object.keys(r.body), ['connection']);
      assert.deepEqual(r.body.connection, listed);
    }
    assert.equal((await call(sb, 'GET', `${clientPath}/${C.helios.toUpperCase()}`)).body.connection.id, C.helios);
    assert.equal((await call(sb, 'GET', `${clientPath}/${OTHER_CONNECTION_IDS.beaconNimbus}`)).status, 404);
    assert.equal((await call(sb, 'GET', `${clientPath}/00000000-0000-4000-8000-000000000000`)).status, 404);
    assert.equal((await call(sb, 'GET', `${clientPath}/not-a-uuid`)).status, 400);
    // The partner is not the client of its connections: the client route does not show them to it.
    const asPartner = await call(sb, 'GET', `${API}/${sb.partnerEnterpriseId}/clients/connections/${C.nimbusMain}`);
    assert.equal(asPartner.status, 404);
    assert.equal(typeof asPartner.body.error, 'string');
  });

  it('partner list: every connection to the partner, across clients, same shape', async () => {
    const r = await partnerList();
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.body), ['connections']);
    const mine = r.body.connections as V1ConnectionOutput[];
    assert.deepEqual(ids(mine).sort(), [C.nimbusMain, C.nimbusSecondary, OTHER_CONNECTION_IDS.beaconNimbus].sort());
    for (const c of mine) {
      assertConnectionShape(c as unknown as Record<string, unknown>);
      assert.equal(c.partnerId, sb.partnerEnterpriseId);
    }
    assert.deepEqual(mine.find((c) => c.id === C.nimbusMain), all.find((c) => c.id === C.nimbusMain), 'both views serve the same record');
  });

  it('partner list filters: active, clientIds, connectionIds, partnersClientIds, partnersConnectionIds, partnerIds', async () => {
    const partnerIdsOf = async (query: Record<string, string | string[]>): Promise<string[]> => {
      const r = await partnerList(query);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return ids(r.body.connections).sort();
    };
    assert.deepEqual(await partnerIdsOf({ clientIds: OTHER_CLIENT_ENTERPRISE_ID }), [OTHER_CONNECTION_IDS.beaconNimbus]);
    assert.deepEqual(await partnerIdsOf({ clientIds: sb.enterpriseId }), [C.nimbusMain, C.nimbusSecondary].sort());
    assert.deepEqual(await partnerIdsOf({ connectionIds: [C.nimbusSecondary, C.helios] }), [C.nimbusSecondary]);
    assert.deepEqual(await partnerIdsOf({ partnersClientIds: 'nimbus-acct-501' }), [C.nimbusMain, C.nimbusSecondary].sort());
    assert.deepEqual(await partnerIdsOf({ partnersConnectionIds: 'nimbus-conn-1002,nimbus-conn-2001' }), [C.nimbusSecondary, OTHER_CONNECTION_IDS.beaconNimbus].sort());
    assert.deepEqual(await partnerIdsOf({ partnerIds: sb.partnerEnterpriseId, active: 'true' }), [C.nimbusMain, C.nimbusSecondary, OTHER_CONNECTION_IDS.beaconNimbus].sort());
    assert.deepEqual(await partnerIdsOf({ partnerIds: QUANTA_PARTNER_ID }), []);
    assert.deepEqual(await partnerIdsOf({ active: 'false' }), []);
    assert.deepEqual(await partnerIdsOf({ names: 'ignored: not a partner-list parameter' }), [C.nimbusMain, C.nimbusSecondary, OTHER_CONNECTION_IDS.beaconNimbus].sort());
    assert.deepEqual(await partnerIdsOf({ pageSize: '2', pageNumber: '1' }), [ids((await partnerList()).body.connections)[2]!]);
    assert.equal((await partnerList({ clientIds: 'x' })).status, 400);
    assert.equal((await partnerList({ partnersClientIds: '' })).status, 400);
  });

  it('follows the books: deactivating a connection shows in active, updatedAt and the write routes', async () => {
    const before = all.find((c) => c.id === C.orbit)!;
    sb.books.setConnectionActive(C.orbit, false);
    try {
      const r = await call(sb, 'GET', `${clientPath}/${C.orbit}`);
      assert.equal(r.body.connection.active, false);
      assert.ok(r.body.connection.updatedAt > before.updatedAt);
      assert.ok(ids((await clientList({ active: 'false' })).body.connections).includes(C.orbit));
      const refused = await allocate(sb, { connectionId: C.orbit, amount: { currency: 'ofctbtc', quantity: '1' } });
      assert.equal(refused.status, 422);
    } finally {
      sb.books.setConnectionActive(C.orbit, true);
    }
  });

  it('nothing can be allocated to a pending connection: 422 released, no funds move', async () => {
    const before = sb.books.balance(sb.enterpriseId, 'ofctbtc');
    const r = await allocate(sb, { connectionId: DEMO_PENDING_CONNECTION_ID, amount: { currency: 'ofctbtc', quantity: '10' } });
    assert.equal(r.status, 422);
    assert.equal(r.body.allocation.status, 'released');
    assert.match(r.body.error, /not initialized/);
    assert.deepEqual(sb.books.balance(sb.enterpriseId, 'ofctbtc'), before);
  });

  describe('auth, as on the allocation routes', () => {
    const routes = (enterpriseId: string): string[] => [
      `${API}/${enterpriseId}/clients/connections`,
      `${API}/${enterpriseId}/clients/connections/${C.helios}`,
      `${API}/${enterpriseId}/partners/connections`,
    ];

    it('401 without a token or with an unknown one; checked before parameters', async () => {
      for (const path of routes(sb.enterpriseId)) {
        assert.equal((await call(sb, 'GET', path, { token: null })).status, 401, path);
        assert.equal((await call(sb, 'GET', path, { token: 'nope' })).status, 401, path);
        assert.equal((await call(sb, 'GET', path, { token: null, query: { pageSize: 'x' } })).status, 401, path);
      }
    });

    it("404 for an enterprise the token does not belong to; 403 without an OES licence or the read scope; the read-only token reads", async () => {
      sb.books.addToken('connections-write-only', { enterprises: [sb.enterpriseId], scopes: ['settlement_network_write'] });
      for (const path of routes(OTHER_CLIENT_ENTERPRISE_ID)) assert.equal((await call(sb, 'GET', path)).status, 404, path);
      for (const path of routes(NO_LICENCE_ENTERPRISE_ID)) {
        const r = await call(sb, 'GET', path);
        assert.equal(r.status, 403, path);
        assert.match(r.body.error, /OES license/);
      }
      for (const path of routes(sb.enterpriseId)) {
        assert.equal((await call(sb, 'GET', path, { token: 'connections-write-only' })).status, 403, path);
        assert.equal((await call(sb, 'GET', path, { token: SANDBOX_READONLY_TOKEN })).status, 200, path);
      }
    });
  });
});
