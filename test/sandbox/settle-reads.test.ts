import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DEMO_CONNECTION_IDS,
  DEMO_PARTNER_ENTERPRISE_ID,
  HELIOS_PARTNER_ID,
  OTHER_CLIENT_ENTERPRISE_ID,
  SANDBOX_READONLY_TOKEN,
  SEEDED_DISPUTES,
  SEEDED_SETTLEMENTS,
  seededSettlementId,
  startSandbox,
  type StartedSandbox,
} from '../../src/sandbox/index.js';
import { API, call } from './helpers.js';
import { checked } from './settle-helpers.js';

const C = DEMO_CONNECTION_IDS;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('sandbox settlement reads, client and partner (held to network-openapi.yaml)', () => {
  let sb: StartedSandbox;
  let client: string;
  let partner: string;
  before(async () => {
    sb = await startSandbox({ allocations: 60 });
    client = `${API}/${sb.enterpriseId}/clients`;
    partner = `${API}/${sb.partnerEnterpriseId}/partners`;
  });
  after(() => sb.close());

  it('seeds settlements over every status with fixed ids, and transfers over every status the engine makes', () => {
    const all = sb.books.settlements.all();
    assert.equal(all.length, SEEDED_SETTLEMENTS);
    assert.deepEqual(all.map((s) => s.wire.id), Array.from({ length: SEEDED_SETTLEMENTS }, (_, i) => seededSettlementId(i + 1)));
    assert.deepEqual(new Set(all.map((s) => s.wire.status)), new Set(['completed', 'pending', 'failed', 'rejected']));
    assert.deepEqual(new Set(all.flatMap((s) => s.transfers.map((t) => t.status))), new Set(['completed', 'pending', 'failed', 'rejected', 'disputed']));
    for (const s of all) for (const t of s.transfers) assert.match(t.quantity, /^-?[1-9][0-9]*$/);
    assert.ok(all.some((s) => s.transfers.some((t) => BigInt(t.quantity) < -(2n ** 53n))), 'a client-pays quantity beyond 2^53');
    assert.deepEqual(sb.books.settlements.disputes().map((d) => d.wire.id).sort(), Object.values(SEEDED_DISPUTES).sort());
  });

  it('GET …/clients/settlements pages through every settlement touching the client, in BitGo order, with its transfer direction', async () => {
    const seen: Array<{ id: string; createdAt: string; transferDirection: string; partnerId: string; status: string }> = [];
    for (let pageNumber = 0; ; pageNumber++) {
      const page = (await checked(sb, 'GET', `${client}/settlements`, { query: { pageSize: '7', pageNumber: String(pageNumber) } })).body.settlements;
      seen.push(...page);
      if (page.length < 7) break;
    }
    const mine = sb.books.settlements.all().filter((s) => s.transfers.some((t) => sb.books.connection(t.connectionId)?.clientId === sb.enterpriseId));
    assert.equal(seen.length, mine.length);
    assert.ok(seen.length > 30);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i - 1]!.createdAt < seen[i]!.createdAt || (seen[i - 1]!.createdAt === seen[i]!.createdAt && seen[i - 1]!.id < seen[i]!.id));
    for (const s of seen) {
      const own = sb.books.settlements.get(s.id)!.transfers.filter((t) => sb.books.connection(t.connectionId)?.clientId === sb.enterpriseId);
      const sends = own.some((t) => t.quantity.startsWith('-'));
      const receives = own.some((t) => !t.quantity.startsWith('-'));
      assert.equal(s.transferDirection, sends && receives ? 'send-and-receive' : sends ? 'send' : 'receive');
    }
    const pending = (await checked(sb, 'GET', `${client}/settlements`, { query: { statuses: 'pending' } })).body.settlements;
    assert.ok(pending.length >= 3 && pending.every((s: { status: string; cutoffAt?: string }) => s.status === 'pending' && s.cutoffAt));
    const helios = (await checked(sb, 'GET', `${client}/settlements`, { query: { partnerIds: HELIOS_PARTNER_ID } })).body.settlements;
    assert.ok(helios.length > 0 && helios.every((s: { partnerId: string }) => s.partnerId === HELIOS_PARTNER_ID));
    const disputed = (await checked(sb, 'GET', `${client}/settlements`, { query: { onlyShowDisputed: 'true' } })).body.settlements.map((s: { id: string }) => s.id);
    assert.deepEqual(disputed.sort(), [...new Set(sb.books.settlements.disputes().map((d) => d.wire.disputedSettlementId))].sort());
    const party = (await checked(sb, 'GET', `${client}/settlements`, { query: { partyConnectionIds: C.orbit } })).body.settlements;
    assert.ok(party.every((s: { id: string }) => sb.books.settlements.get(s.id)!.transfers.some((t) => t.connectionId === C.orbit)));
    for (const query of [{ statuses: 'settled' }, { settlementIds: 'nope' }, { pageSize: '0' }, { onlyShowDisputed: 'yes' }] as Array<Record<string, string>>) {
      assert.equal((await call(sb, 'GET', `${client}/settlements`, { query })).status, 400, JSON.stringify(query));
    }
    assert.equal((await call(sb, 'GET', `${client}/settlements`, { token: null })).status, 401);
  });

  it('GET …/clients/settlements/{id}: the client\'s own (masked) transfers, the disputes it raised and those it settles', async () => {
    const closed = sb.books.settlements.dispute(SEEDED_DISPUTES.closedAndSettled)!;
    const disputedId = closed.wire.disputedSettlementId;
    const one = (await checked(sb, 'GET', `${client}/settlements/${disputedId}`)).body;
    assert.equal(one.settlement.id, disputedId);
    assert.ok(one.settlementTransfers.some((t: { status: string }) => t.status === 'disputed'));
    for (const t of one.settlementTransfers) {
      assert.equal(t.settlementStatus, one.settlement.status);
      // Masked: only the client's own side is shown.
      assert.ok(t.quantity.startsWith('-') ? t.sourceTradingAccountId === sb.enterpriseId && t.destinationTradingAccountId === undefined : t.destinationTradingAccountId === sb.enterpriseId && t.sourceTradingAccountId === undefined);
    }
    assert.deepEqual(one.settlementDisputes.map((d: { id: string }) => d.id), [closed.wire.id]);
    assert.equal(one.settlementDisputes[0].disputeClosure.closedBy, 'client');
    const settling = (await checked(sb, 'GET', `${client}/settlements/${closed.wire.settledInSettlementId}`)).body;
    assert.deepEqual(settling.settlingDisputes.map((d: { id: string }) => d.id), [closed.wire.id]);
    const adjusted = settling.settlingDisputes[0].disputeClosure.adjustedSettlementTransfers;
    assert.ok(adjusted.length > 0 && adjusted.every((t: { disputeClosureId: string }) => t.disputeClosureId === closed.closure!.id));
    const currency = one.settlementTransfers[0].currency;
    const filtered = (await checked(sb, 'GET', `${client}/settlements/${disputedId}`, { query: { currencies: currency } })).body.settlementTransfers;
    assert.ok(filtered.every((t: { currency: string }) => t.currency === currency));
    // Another client's settlement (Beacon only), or an unknown id: 404; not a UUID: 400.
    const beaconOnly = sb.books.settlements.all().find((s) => s.transfers.every((t) => sb.books.connection(t.connectionId)?.clientId === OTHER_CLIENT_ENTERPRISE_ID));
    if (beaconOnly) assert.equal((await checked(sb, 'GET', `${client}/settlements/${beaconOnly.wire.id}`)).status, 404);
    assert.equal((await checked(sb, 'GET', `${client}/settlements/${seededSettlementId(999)}`)).status, 404);
    assert.equal((await call(sb, 'GET', `${client}/settlements/not-a-uuid`)).status, 400);
  });

  it('GET …/clients/settlementTransfers filters and sorts by updatedAt either way, BitGo\'s order breaking ties', async () => {
    const all = (await checked(sb, 'GET', `${client}/settlementTransfers`, { query: { pageSize: '1000' } })).body.settlementTransfers;
    assert.ok(all.length > 40);
    assert.ok(all.every((t: { id: string }) => UUID.test(t.id)));
    const desc = (await checked(sb, 'GET', `${client}/settlementTransfers`, { query: { pageSize: '1000', sortField: 'updatedAt', sortDirection: 'DESC' } })).body.settlementTransfers;
    for (let i = 1; i < desc.length; i++) assert.ok(desc[i - 1].updatedAt >= desc[i].updatedAt);
    const query = { currencies: 'ofctbtc', settlementStatuses: 'completed', settlementTransferStatuses: 'completed', partnerIds: DEMO_PARTNER_ENTERPRISE_ID, settlementUpdatedOnOrAfter: '2026-08-01T00:00:00Z', settlementUpdatedBefore: '2026-11-01T00:00:00Z' };
    const some = (await checked(sb, 'GET', `${client}/settlementTransfers`, { query })).body.settlementTransfers;
    for (const t of some) {
      const s = sb.books.settlements.get(t.settlementId)!;
      assert.ok(t.currency === 'ofctbtc' && t.status === 'completed' && t.settlementStatus === 'completed' && s.wire.partnerId === DEMO_PARTNER_ENTERPRISE_ID);
      assert.ok(s.wire.updatedAt >= '2026-08-01' && s.wire.updatedAt < '2026-11-01');
    }
    assert.deepEqual((await checked(sb, 'GET', `${client}/settlementTransfers`, { query: { initiatedBy: 'nobody' } })).body.settlementTransfers, []);
    assert.equal((await call(sb, 'GET', `${client}/settlementTransfers`, { query: { settlementTransferStatuses: 'lost' } })).status, 400);
    assert.equal((await call(sb, 'GET', `${client}/settlementTransfers`, { query: { settlementUpdatedBefore: 'yesterday' } })).status, 400);
  });

  it('GET …/clients/settlement/disputes and …/partners/settlement/disputes: the filters, and retracted ones only when the partner asks', async () => {
    const mine = (await checked(sb, 'GET', `${client}/settlement/disputes`)).body.disputes;
    assert.deepEqual(mine.map((d: { id: string }) => d.id).sort(), Object.values(SEEDED_DISPUTES).sort());
    const closed = (await checked(sb, 'GET', `${client}/settlement/disputes`, { query: { closed: 'true' } })).body.disputes;
    assert.deepEqual(closed.map((d: { id: string }) => d.id), [SEEDED_DISPUTES.closedAndSettled]);
    const open = (await checked(sb, 'GET', `${client}/settlement/disputes`, { query: { closed: 'false', connectionIds: C.nimbusMain } })).body.disputes;
    assert.deepEqual(open.map((d: { id: string }) => d.id).sort(), [SEEDED_DISPUTES.open, SEEDED_DISPUTES.retracted].sort());
    const byClosure = (await checked(sb, 'GET', `${client}/settlement/disputes`, { query: { disputeClosureIds: closed[0].disputeClosureId } })).body.disputes;
    assert.equal(byClosure.length, 1);
    const partnerDefault = (await checked(sb, 'GET', `${partner}/settlement/disputes`)).body.disputes.map((d: { id: string }) => d.id);
    assert.ok(!partnerDefault.includes(SEEDED_DISPUTES.retracted));
    const partnerAll = (await checked(sb, 'GET', `${partner}/settlement/disputes`, { query: { showRetracted: 'true' } })).body.disputes.map((d: { id: string }) => d.id);
    assert.ok(partnerAll.includes(SEEDED_DISPUTES.retracted));
    const ext = sb.books.settlements.get(sb.books.settlements.dispute(SEEDED_DISPUTES.open)!.wire.disputedSettlementId)!.wire.externalId;
    assert.deepEqual((await checked(sb, 'GET', `${partner}/settlement/disputes`, { query: { settlementExternalIds: ext } })).body.disputes.map((d: { id: string }) => d.id), [SEEDED_DISPUTES.open]);
    assert.equal((await checked(sb, 'GET', `${partner}/settlement/disputes`, { query: { clientIds: OTHER_CLIENT_ENTERPRISE_ID } })).body.disputes.length, 0);
  });

  it('GET …/partners/settlements(/{id}): the partner\'s own, by externalId and dates, with both accounts of each transfer', async () => {
    const all = (await checked(sb, 'GET', `${partner}/settlements`, { query: { pageSize: '1000' }, token: SANDBOX_READONLY_TOKEN })).body.settlements;
    assert.equal(all.length, sb.books.settlements.all().filter((s) => s.wire.partnerId === DEMO_PARTNER_ENTERPRISE_ID).length);
    const one = all[2];
    assert.deepEqual((await checked(sb, 'GET', `${partner}/settlements`, { query: { externalIds: one.externalId } })).body.settlements.map((s: { id: string }) => s.id), [one.id]);
    const dated = (await checked(sb, 'GET', `${partner}/settlements`, { query: { createdOnOrAfter: one.createdAt, createdBefore: '2026-12-01T00:00:00Z' } })).body.settlements;
    assert.ok(dated.length > 0 && dated.every((s: { createdAt: string }) => s.createdAt >= one.createdAt));
    const whole = (await checked(sb, 'GET', `${partner}/settlements/${one.id}`)).body;
    for (const t of whole.settlementTransfers) {
      const pays = t.quantity.startsWith('-');
      assert.equal(pays ? t.destinationTradingAccountId : t.sourceTradingAccountId, DEMO_PARTNER_ENTERPRISE_ID);
      assert.ok(UUID.test(t.destinationNetworkAccountId));
    }
    const dest = whole.settlementTransfers[0].destinationTradingAccountId;
    const byDest = (await checked(sb, 'GET', `${partner}/settlements/${one.id}`, { query: { destinationTradingAccountIds: dest } })).body.settlementTransfers;
    assert.ok(byDest.length > 0 && byDest.every((t: { destinationTradingAccountId: string }) => t.destinationTradingAccountId === dest));
    const helios = sb.books.settlements.all().find((s) => s.wire.partnerId === HELIOS_PARTNER_ID)!;
    assert.equal((await checked(sb, 'GET', `${partner}/settlements/${helios.wire.id}`)).status, 404);
  });
});
