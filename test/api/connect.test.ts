import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { DEMO_CONNECTION_IDS, DEMO_PARTNER_ENTERPRISE_ID, HELIOS_PARTNER_ID, LUMEN_PARTNER_ID, ORBIT_PARTNER_ID, QUANTA_PARTNER_ID } from '../../src/sandbox/index.js';
import { isSealed } from '../../src/store/secret-box.js';
import { connect, KEYS, SECRETS, updateConnection } from '../helpers/connect.js';
import { allocate } from '../helpers/mutations.js';
import { useStack } from '../helpers/stack.js';

const CREATE = /\/clients\/connections$/;
const CONNECT_SIGNING = /\/clients\/connections\/signing$/;

describe('connecting: partners, supported currencies, connect, updateConnection', () => {
  const stack = useStack({ config: { writeDeadlineMs: 1_000 } });
  const creates = () => stack.sandbox.requests.count({ method: 'POST', path: CREATE });

  it('partners: the directory with what each needs, and every partner\'s currencies in one BitGo call per operation', async () => {
    stack.sandbox.requests.reset();
    const res = await stack.gql<{ partners: { nodes: Array<{ id: string; name: string; active: boolean; connectionKeySchema: string; connectionKeyFields: Array<{ name: string; secret: boolean }>; supportedCurrencies: Array<{ ofcCurrency: string; backingCurrency: string }> }> }; networkConnections: { nodes: Array<{ id: string; supportedCurrencies: Array<{ ofcCurrency: string }> }> } }>(`{
      partners(first: 10) { nodes { id name active connectionKeySchema connectionKeyFields { name secret } supportedCurrencies { ofcCurrency backingCurrency } } }
      networkConnections(first: 10) { nodes { id supportedCurrencies { ofcCurrency } } }
    }`);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const partners = res.data!.partners.nodes;
    assert.equal(partners.length, 5);
    const helios = partners.find((p) => p.id === HELIOS_PARTNER_ID)!;
    assert.equal(helios.connectionKeySchema, 'API_KEY_AND_SECRET');
    assert.deepEqual(helios.connectionKeyFields, [{ name: 'apiKey', secret: false }, { name: 'apiSecret', secret: true }]);
    assert.ok(helios.supportedCurrencies.some((c) => c.ofcCurrency === 'ofctbtc' && c.backingCurrency === 'tbtc'));
    assert.ok(!helios.supportedCurrencies.some((c) => c.ofcCurrency === 'ofcxrp'));
    const heliosConnection = res.data!.networkConnections.nodes.find((c) => c.id === DEMO_CONNECTION_IDS.helios)!;
    assert.deepEqual(heliosConnection.supportedCurrencies.map((c) => c.ofcCurrency), helios.supportedCurrencies.map((c) => c.ofcCurrency));
    // The two lists answer in different ticks: at most one call each, whatever the number of partners and connections.
    const calls = stack.sandbox.requests.count({ method: 'GET', path: /\/supportedCurrencies$/ });
    assert.ok(calls >= 1 && calls <= 2, `${calls} supportedCurrencies calls`);
    const one = await stack.gql<{ partners: { nodes: unknown[] } }>(`{ partners(first: 10) { nodes { id supportedCurrencies { ofcCurrency } } } }`);
    assert.equal(one.data!.partners.nodes.length, 5);
    assert.equal(stack.sandbox.requests.count({ method: 'GET', path: /\/supportedCurrencies$/ }) - calls, 1, 'five partners, one call');
    const filtered = await stack.gql<{ partners: { nodes: Array<{ id: string }> } }>(`{ partners(filter: { active: false }) { nodes { id } } }`);
    assert.deepEqual(filtered.data!.partners.nodes.map((p) => p.id), [LUMEN_PARTNER_ID]);
  });

  it('connect to a synchronous partner: initialized at once; a repeat answers the same connection and sends nothing more', async () => {
    const before = creates();
    const clientRequestId = randomUUID();
    const first = await connect(stack, { partnerId: HELIOS_PARTNER_ID, name: 'Helios desk A', connectionKey: KEYS.helios, clientRequestId });
    assert.equal(first.errors, undefined, JSON.stringify(first.errors));
    assert.deepEqual(first.payload!.userErrors, []);
    const c = first.payload!.connection!;
    assert.deepEqual([c.name, c.partnerId, c.active, c.initialized], ['Helios desk A', HELIOS_PARTNER_ID, true, true]);
    assert.equal(creates() - before, 1);
    const again = await connect(stack, { partnerId: HELIOS_PARTNER_ID, name: 'Helios desk A', connectionKey: KEYS.helios, clientRequestId });
    assert.equal(again.payload!.connection!.id, c.id);
    assert.equal(creates() - before, 1, 'the repeat read BitGo; it did not create again');
    assert.equal(stack.sandbox.books.connections(stack.sandbox.enterpriseId).filter((x) => x.name === 'Helios desk A').length, 1);
    // The same key with another request under it: CONFLICT, and the one connection it made.
    const other = await connect(stack, { partnerId: HELIOS_PARTNER_ID, name: 'Another name', connectionKey: KEYS.helios, clientRequestId });
    assert.deepEqual(other.payload!.userErrors.map((e) => e.code), ['CONFLICT']);
    assert.equal(other.payload!.connection!.id, c.id);
    // Every schema of the directory connects.
    for (const [partnerId, connectionKey] of [[QUANTA_PARTNER_ID, KEYS.quanta], [ORBIT_PARTNER_ID, KEYS.orbit]] as const) {
      const made = await connect(stack, { partnerId, name: `to ${partnerId.slice(0, 4)}`, connectionKey });
      assert.deepEqual(made.payload!.userErrors, [], partnerId);
      assert.equal(made.payload!.connection!.initialized, true);
    }
  });

  it('refuses before anything is signed: another schema, an inactive or unknown partner, a key with no member or two; a partner\'s refusal is REJECTED', async () => {
    const before = stack.sandbox.requests.count({ method: 'POST', path: CONNECT_SIGNING });
    const cases: Array<[Record<string, unknown>, string, string[]]> = [
      [{ partnerId: HELIOS_PARTNER_ID, connectionKey: KEYS.orbit }, 'KEY_SCHEMA_MISMATCH', ['input', 'connectionKey']],
      [{ partnerId: LUMEN_PARTNER_ID, connectionKey: KEYS.nimbus('t') }, 'PARTNER_INACTIVE', ['input', 'partnerId']],
      [{ partnerId: randomUUID(), connectionKey: KEYS.helios }, 'NOT_FOUND', ['input', 'partnerId']],
      [{ partnerId: HELIOS_PARTNER_ID, connectionKey: {} }, 'INVALID_INPUT', ['input', 'connectionKey']],
      [{ partnerId: HELIOS_PARTNER_ID, connectionKey: { ...KEYS.helios, ...KEYS.orbit } }, 'INVALID_INPUT', ['input', 'connectionKey']],
      [{ partnerId: HELIOS_PARTNER_ID, connectionKey: { apiKeyAndSecret: { apiKey: 'k', apiSecret: ' padded ' } } }, 'INVALID_INPUT', ['input', 'connectionKey', 'apiKeyAndSecret', 'apiSecret']],
      [{ partnerId: 'not-a-uuid', connectionKey: KEYS.helios }, 'INVALID_INPUT', ['input', 'partnerId']],
    ];
    for (const [input, code, field] of cases) {
      const res = await connect(stack, { name: 'refused', ...input });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      assert.deepEqual(res.payload!.userErrors.map((e) => [e.code, e.field]), [[code, field]], JSON.stringify(input));
      assert.equal(res.payload!.connection, null);
    }
    assert.equal(stack.sandbox.requests.count({ method: 'POST', path: CONNECT_SIGNING }), before, 'no payload was even asked for');
    const refused = await connect(stack, { partnerId: HELIOS_PARTNER_ID, name: 'refused key', connectionKey: { apiKeyAndSecret: { apiKey: 'refuse-me', apiSecret: 's' } } });
    assert.deepEqual(refused.payload!.userErrors.map((e) => e.code), ['REJECTED']);
    assert.match(refused.payload!.userErrors[0]!.message, /refused the connection key/);
  });

  it('dryRun: BitGo\'s payload with the secrets masked and the partner; nothing signed, journaled or created', async () => {
    const before = creates();
    const res = await connect(stack, { partnerId: ORBIT_PARTNER_ID, name: 'Orbit preview', connectionKey: KEYS.orbit, dryRun: true });
    assert.deepEqual(res.payload!.userErrors, []);
    const { payload, partner } = res.payload!.dryRun!;
    assert.equal(partner.name, 'Orbit OTC');
    const parsed = JSON.parse(payload);
    assert.deepEqual(parsed.connectionKey, { schema: 'tokenAndSignature', connectionToken: '********', signature: '********' });
    assert.deepEqual([parsed.partnerId, parsed.name, parsed.enterpriseId], [ORBIT_PARTNER_ID, 'Orbit preview', stack.sandbox.enterpriseId]);
    assert.equal(creates(), before);
    const rows = await stack.journal.page({ enterpriseId: stack.sandbox.enterpriseId, filter: { clientExternalId: res.payload!.clientRequestId }, take: 'first', limit: 5 });
    assert.equal(rows.length, 0);
  });

  it('the journal keeps a connect\'s body sealed and its payload masked; signedRequests shows it so, and no secret reaches an answer or a log', async () => {
    const res = await connect(stack, { partnerId: QUANTA_PARTNER_ID, name: 'Quanta audited', connectionKey: KEYS.quanta });
    const [row] = await stack.journal.page({ enterpriseId: stack.sandbox.enterpriseId, filter: { clientExternalId: res.payload!.clientRequestId }, take: 'first', limit: 5 });
    assert.ok(row && isSealed(row.body), 'the body is sealed');
    assert.deepEqual([row.kind, row.currency, row.quantity, row.subjectId, row.state], ['connect', null, null, QUANTA_PARTNER_ID, 'settled']);
    assert.equal(row.outcome?.recordId, res.payload!.connection!.id);
    const audit = await stack.gql<{ signedRequests: { nodes: Array<{ kind: string; payload: string; amount: unknown; subjectId: string; outcome: { recordId: string; recordStatus: string } }> } }>(
      `query($k: String) { signedRequests(filter: { clientExternalId: $k }) { nodes { kind payload amount { currency } subjectId outcome { recordId recordStatus } } } }`,
      { k: res.payload!.clientRequestId },
    );
    const [shown] = audit.data!.signedRequests.nodes;
    assert.equal(shown!.kind, 'CONNECT');
    assert.equal(shown!.amount, null);
    assert.deepEqual(JSON.parse(shown!.payload).connectionKey, { schema: 'clearloop', apiKey: 'quanta-key', apiSecret: '********', clientAccountId: 'acct-7', companyRegistrationNumber: 'HRB 1234' });
    assert.deepEqual(shown!.outcome, { recordId: res.payload!.connection!.id, recordStatus: 'initialized' });
    const everything = [JSON.stringify(audit), JSON.stringify(res), ...stack.logs, JSON.stringify(await stack.journal.page({ enterpriseId: stack.sandbox.enterpriseId, take: 'first', limit: 100 }))].join('\n');
    for (const secret of SECRETS) assert.ok(!everything.includes(secret), `${secret} leaked`);
  });

  it('connect\'s answer lost after BitGo made the connection: the gateway finds it by reading, and makes no second one', async () => {
    stack.sandbox.faults.add({ method: 'POST', path: CREATE, dropAfterCommit: true });
    const before = creates();
    const res = await connect(stack, { partnerId: HELIOS_PARTNER_ID, name: 'Helios dropped', connectionKey: KEYS.helios });
    assert.deepEqual(res.payload!.userErrors, []);
    assert.equal(res.payload!.connection!.name, 'Helios dropped');
    assert.equal(creates() - before, 1, 'sent once: no retry of the create');
    assert.equal(stack.sandbox.books.connections(stack.sandbox.enterpriseId).filter((x) => x.name === 'Helios dropped').length, 1);
  });

  it('connect never reached BitGo: OUTCOME_UNKNOWN; a repeat too soon sends nothing, a repeat after the write deadline reads, finds none, and sends the journal\'s bytes once', async () => {
    stack.sandbox.faults.add({ method: 'POST', path: CREATE, dropBeforeCommit: true });
    const clientRequestId = randomUUID();
    const input = { partnerId: HELIOS_PARTNER_ID, name: 'Helios lost', connectionKey: KEYS.helios, clientRequestId };
    const first = await connect(stack, input);
    assert.deepEqual(first.payload!.userErrors.map((e) => e.code), ['OUTCOME_UNKNOWN']);
    assert.match(first.payload!.userErrors[0]!.message, /never makes a second connection/);
    const before = creates();
    const soon = await connect(stack, input);
    assert.deepEqual(soon.payload!.userErrors.map((e) => e.code), ['OUTCOME_UNKNOWN']);
    assert.equal(creates(), before, 'nothing re-sent while the first send may be under way');
    await new Promise((resolve) => setTimeout(resolve, 3_200));
    const later = await connect(stack, input);
    assert.deepEqual(later.payload!.userErrors, []);
    assert.equal(creates() - before, 1);
    const sent = stack.sandbox.requests.entries({ method: 'POST', path: CREATE }).slice(-2);
    assert.equal(sent[0]!.bodySha256, sent[1]!.bodySha256, 'the re-send carried the journal\'s bytes');
    assert.equal(stack.sandbox.books.connections(stack.sandbox.enterpriseId).filter((x) => x.name === 'Helios lost').length, 1);
  });

  it('updateConnection: rename, repeat safely, dry run of a deactivation lists what it releases, deactivate; allocating to it then is refused', async () => {
    const made = await connect(stack, { partnerId: HELIOS_PARTNER_ID, name: 'to update', connectionKey: KEYS.helios });
    const id = made.payload!.connection!.id;
    const renamed = await updateConnection(stack, { connectionId: id, name: 'updated' });
    assert.deepEqual(renamed.payload!.userErrors, []);
    assert.equal(renamed.payload!.connection!.name, 'updated');
    const repeat = await updateConnection(stack, { connectionId: id, name: 'updated' });
    assert.equal(repeat.payload!.connection!.updatedAt, renamed.payload!.connection!.updatedAt);
    // Something in flight on the connection: a reserved, retriable allocation holds 500.
    stack.sandbox.faults.add({ method: 'POST', path: new RegExp(`${id}/allocations$`), retriableReserved: true });
    stack.sandbox.faults.add({ method: 'POST', path: new RegExp(`${id}/allocations$`), status: 503, times: 40 });
    const held = await allocate(stack, { connectionId: id, amount: { currency: 'ofctbtc', quantity: '500' } });
    assert.equal(held.payload!.allocation?.status, 'RESERVED');
    stack.sandbox.faults.clear();
    const preview = await updateConnection(stack, { connectionId: id, active: false, dryRun: true });
    assert.deepEqual(preview.payload!.dryRun!.releases, [{ id: held.payload!.allocation!.id, type: 'ALLOCATION', status: 'RESERVED', amount: { currency: 'ofctbtc', quantity: '500' } }]);
    assert.equal(preview.payload!.dryRun!.moreReleases, false);
    assert.equal(preview.payload!.connection, null);
    assert.equal(stack.sandbox.books.connection(id)!.active, true, 'the dry run changed nothing');
    const off = await updateConnection(stack, { connectionId: id, active: false });
    assert.equal(off.payload!.connection!.active, false);
    assert.equal(stack.sandbox.books.record(held.payload!.allocation!.id)!.wire.status, 'released', 'what was in flight was released');
    const refused = await allocate(stack, { connectionId: id, amount: { currency: 'ofctbtc', quantity: '1' }, dryRun: true });
    assert.deepEqual(refused.payload!.userErrors.map((e) => e.code), ['CONNECTION_INACTIVE']);
    const nothing = await updateConnection(stack, { connectionId: id });
    assert.deepEqual(nothing.payload!.userErrors.map((e) => e.code), ['INVALID_INPUT']);
    const unknown = await updateConnection(stack, { connectionId: randomUUID(), name: 'x' });
    assert.deepEqual(unknown.payload!.userErrors.map((e) => [e.code, e.field]), [['NOT_FOUND', ['input', 'connectionId']]]);
  });

  it('allocate: a currency the partner does not accept is UNSUPPORTED_CURRENCY, in a dry run and for real, with nothing signed', async () => {
    for (const dryRun of [true, false]) {
      const res = await allocate(stack, { connectionId: DEMO_CONNECTION_IDS.helios, amount: { currency: 'ofcxrp', quantity: '5' }, dryRun });
      assert.deepEqual(res.payload!.userErrors.map((e) => [e.code, e.field]), [['UNSUPPORTED_CURRENCY', ['input', 'amount', 'currency']]], JSON.stringify(res));
    }
    assert.equal(stack.sandbox.requests.count({ method: 'POST', path: new RegExp(`${DEMO_CONNECTION_IDS.helios}/allocations$`) }), 0);
    const fine = await allocate(stack, { connectionId: DEMO_CONNECTION_IDS.nimbusMain, amount: { currency: 'ofcxrp', quantity: '5' }, dryRun: true });
    assert.notEqual(fine.payload!.userErrors[0]?.code, 'UNSUPPORTED_CURRENCY', `${DEMO_PARTNER_ENTERPRISE_ID} accepts ofcxrp`);
  });
});
