import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AllocationRecord } from '../../src/sandbox/wire.types.js';
import { DEMO_CONNECTION_IDS, HELIOS_PARTNER_ID, OTHER_CLIENT_ENTERPRISE_ID, startSandbox, type StartedSandbox } from '../../src/sandbox/index.js';
import { API, call, list } from './helpers.js';

const ids = (records: AllocationRecord[]): string[] => records.map((r) => r.id).sort();

describe('sandbox list filters and get-one', () => {
  let sb: StartedSandbox;
  let all: AllocationRecord[];
  const everything = { pageSize: '1000' };

  before(async () => {
    sb = await startSandbox();
    all = sb.books.allRecords(sb.enterpriseId);
  });
  after(() => sb.close());

  async function expectIds(query: Record<string, string>, predicate: (r: AllocationRecord) => boolean, view: 'client' | 'partner' = 'client', pool = all): Promise<void> {
    const r = await list(sb, { ...everything, ...query }, view);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const expected = pool.filter(predicate);
    assert.ok(expected.length > 0, `filter ${JSON.stringify(query)} should match something in the seed`);
    assert.deepEqual(ids(r.body.allocations), ids(expected));
  }

  it('with no filters answers every record of the client, both types', async () => {
    const r = await list(sb, everything);
    assert.equal(r.body.allocations.length, all.length);
    assert.ok(all.length >= 600);
    assert.equal(Object.keys(r.body).join(), 'allocations');
  });

  it('allocationIds', () => expectIds({ allocationIds: `${all[3]!.id},${all[7]!.id.toUpperCase()}` }, (r) => r.id === all[3]!.id || r.id === all[7]!.id));
  it('types', () => expectIds({ types: 'deallocation' }, (r) => r.type === 'deallocation'));
  it('statuses', () => expectIds({ statuses: 'reserved,released' }, (r) => r.status !== 'cleared'));
  it('currencies', () => expectIds({ currencies: 'ofcteth,ofctsol' }, (r) => ['ofcteth', 'ofctsol'].includes(r.amount.currency)));
  it('connectionIds', () => expectIds({ connectionIds: DEMO_CONNECTION_IDS.quanta }, (r) => r.connectionId === DEMO_CONNECTION_IDS.quanta));
  it('partnerIds (client view)', () =>
    expectIds({ partnerIds: HELIOS_PARTNER_ID }, (r) => r.connectionId === DEMO_CONNECTION_IDS.helios || r.connectionId === DEMO_CONNECTION_IDS.heliosLegacyInactive));
  it('trustOrg', () => {
    const germany = new Set(sb.books.connections(sb.enterpriseId).filter((c) => c.trustOrg === 'BitGo Germany').map((c) => c.id));
    return expectIds({ trustOrg: 'BitGo Germany' }, (r) => germany.has(r.connectionId));
  });
  it('a trust org with no connections answers an empty list', async () => {
    const r = await list(sb, { trustOrg: 'BitGo Korea' });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.allocations, []);
  });

  it('createdOnOrAfter and createdBefore are both inclusive ("created on or before", as the OpenAPI says)', async () => {
    const pivot = all[100]!.createdAt;
    const t = Date.parse(pivot);
    await expectIds({ createdOnOrAfter: pivot }, (r) => Date.parse(r.createdAt) >= t);
    await expectIds({ createdBefore: pivot }, (r) => Date.parse(r.createdAt) <= t);
    await expectIds({ createdOnOrAfter: '2026-02-01', createdBefore: '2026-03-01T00:00:00+00:00' }, (r) => r.createdAt >= '2026-02-01' && Date.parse(r.createdAt) <= Date.parse('2026-03-01T00:00:00Z'));
  });

  it('filters combine with AND', () =>
    expectIds({ types: 'allocation', statuses: 'cleared', currencies: 'ofctbtc' }, (r) => r.type === 'allocation' && r.status === 'cleared' && r.amount.currency === 'ofctbtc'));

  it('partner view: only records on the partner’s connections, clientIds and partnerIds filter', async () => {
    const partnerAll = sb.books.allRecords(sb.partnerEnterpriseId, 'partner');
    const mine = new Set(sb.books.connections(sb.partnerEnterpriseId, 'partner').map((c) => c.id));
    assert.ok(partnerAll.every((r) => mine.has(r.connectionId)));
    await expectIds({}, () => true, 'partner', partnerAll);
    const otherConnections = new Set(sb.books.connections(OTHER_CLIENT_ENTERPRISE_ID).map((c) => c.id));
    await expectIds({ clientIds: OTHER_CLIENT_ENTERPRISE_ID }, (r) => otherConnections.has(r.connectionId), 'partner', partnerAll);
    await expectIds({ partnerIds: sb.partnerEnterpriseId, types: 'allocation' }, (r) => r.type === 'allocation', 'partner', partnerAll);
    const none = await list(sb, { partnerIds: HELIOS_PARTNER_ID }, 'partner');
    assert.deepEqual(none.body.allocations, []);
  });

  it('sortField=currency is client-only', async () => {
    assert.equal((await list(sb, { sortField: 'currency' }, 'partner')).status, 400);
    assert.equal((await list(sb, { sortField: 'currency' }, 'client')).status, 200);
  });

  it('GET one: own record 200, other enterprise or unknown 404, malformed 400', async () => {
    const mine = all[5]!;
    const r = await call(sb, 'GET', `${API}/${sb.enterpriseId}/clients/allocations/${mine.id}`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { allocation: mine });
    const other = sb.books.allRecords(OTHER_CLIENT_ENTERPRISE_ID)[0]!;
    assert.equal((await call(sb, 'GET', `${API}/${sb.enterpriseId}/clients/allocations/${other.id}`)).status, 404);
    assert.equal((await call(sb, 'GET', `${API}/${sb.enterpriseId}/clients/allocations/00000000-0000-4000-8000-000000000000`)).status, 404);
    assert.equal((await call(sb, 'GET', `${API}/${sb.enterpriseId}/clients/allocations/not-a-uuid`)).status, 400);
    // The partner sees the other client's record on its connection, but not a Helios record.
    const onNimbus = sb.books.allRecords(sb.partnerEnterpriseId, 'partner').find((x) => x.connectionId !== DEMO_CONNECTION_IDS.nimbusMain)!;
    assert.equal((await call(sb, 'GET', `${API}/${sb.partnerEnterpriseId}/partners/allocations/${onNimbus.id}`)).status, 200);
    const onHelios = all.find((x) => x.connectionId === DEMO_CONNECTION_IDS.helios)!;
    assert.equal((await call(sb, 'GET', `${API}/${sb.partnerEnterpriseId}/partners/allocations/${onHelios.id}`)).status, 404);
  });
});
