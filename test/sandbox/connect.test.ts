import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  DEMO_CONNECTION_IDS,
  DEMO_PARTNER_ENTERPRISE_ID,
  DEMO_PARTNERS,
  HELIOS_PARTNER_ID,
  LUMEN_PARTNER_ID,
  ORBIT_PARTNER_ID,
  QUANTA_PARTNER_ID,
  startSandbox,
  type StartedSandbox,
} from '../../src/sandbox/index.js';
import { OpenApiContract } from '../helpers/openapi.js';
import { API, call, sign, type Answer } from './helpers.js';

const contract = new OpenApiContract('network-openapi.yaml');
const nonce = () => randomBytes(32).toString('hex');

/** The tests' own statement of the connect payload: request fields in order, then the enterprise. */
function connectPayload(fields: { partnerId: string; name: string; connectionKey: Record<string, string>; nonce: string }, enterpriseId: string): string {
  return JSON.stringify({ partnerId: fields.partnerId, name: fields.name, connectionKey: fields.connectionKey, nonce: fields.nonce, enterpriseId });
}

describe('sandbox connecting: partners, supportedCurrencies, connect, update (held to network-openapi.yaml)', () => {
  let sb: StartedSandbox;
  let base: string;
  /** A call whose request and answer must both conform to the document. */
  const checked = async (method: 'GET' | 'POST' | 'PUT', path: string, options: { query?: Record<string, string>; body?: unknown; token?: string | null } = {}): Promise<Answer> => {
    const answer = await call(sb, method, path, options);
    const problems = contract.problems({ method, path, query: options.query ?? {}, requestBody: options.body, status: answer.status, responseBody: answer.body });
    assert.deepEqual(problems, [], `${method} ${path} → ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer;
  };
  const signed = (fields: { partnerId: string; name: string; connectionKey: Record<string, string>; nonce: string }) => {
    const payload = connectPayload(fields, sb.enterpriseId);
    return { ...fields, payload, signature: sign(sb.signingXprv, payload) };
  };

  before(async () => {
    sb = await startSandbox({ allocations: 20 });
    base = `${API}/${sb.enterpriseId}`;
  });
  after(() => sb.close());

  it('GET …/partners: the directory, one active partner per key schema and one inactive, filtered and paged', async () => {
    const all = (await checked('GET', `${base}/partners`)).body.partners as Array<Record<string, unknown>>;
    assert.equal(all.length, 5);
    assert.deepEqual(all.map((p) => p.name), ['Helios Markets', 'Lumen Exchange (retired)', 'Nimbus Exchange', 'Orbit OTC', 'Quanta Prime']);
    const active = all.filter((p) => p.active);
    assert.deepEqual(active.map((p) => p.connectionKeySchema).sort(), ['apiKeyAndSecret', 'clearloop', 'token', 'tokenAndSignature']);
    assert.deepEqual(all.filter((p) => !p.active).map((p) => p.id), [LUMEN_PARTNER_ID]);
    for (const p of all) assert.deepEqual(Object.keys(p), ['id', 'name', 'institutionId', 'institutionIdentifier', 'connectionKeySchema', 'active', 'trustOrg', 'stablePartner']);
    const byIds = await checked('GET', `${base}/partners`, { query: { ids: `${HELIOS_PARTNER_ID},${ORBIT_PARTNER_ID}` } });
    assert.deepEqual(byIds.body.partners.map((p: { id: string }) => p.id), [HELIOS_PARTNER_ID, ORBIT_PARTNER_ID]);
    assert.equal((await checked('GET', `${base}/partners`, { query: { active: 'false' } })).body.partners.length, 1);
    assert.deepEqual((await checked('GET', `${base}/partners`, { query: { names: 'Quanta Prime' } })).body.partners.map((p: { id: string }) => p.id), [QUANTA_PARTNER_ID]);
    assert.deepEqual((await checked('GET', `${base}/partners`, { query: { institutionIdentifiers: 'NIMBUS-EXCHANGE' } })).body.partners.map((p: { id: string }) => p.id), [DEMO_PARTNER_ENTERPRISE_ID]);
    const second = await checked('GET', `${base}/partners`, { query: { pageNumber: '1', pageSize: '2' } });
    assert.deepEqual(second.body.partners.map((p: { name: string }) => p.name), ['Nimbus Exchange', 'Orbit OTC']);
    assert.equal((await checked('GET', `${base}/partners`, { query: { ids: 'nope' } })).status, 400);
    assert.equal((await checked('GET', `${base}/partners`, { token: 'unknown' })).status, 401);
  });

  it('GET …/supportedCurrencies: partner id → currencies, one call for many; partnerIds is required', async () => {
    const r = await checked('GET', `${base}/supportedCurrencies`, { query: { partnerIds: `${HELIOS_PARTNER_ID},${QUANTA_PARTNER_ID},${LUMEN_PARTNER_ID}` } });
    assert.equal(r.status, 200);
    assert.equal(r.body.domain, 'bitgo-network');
    assert.deepEqual(Object.keys(r.body.supportedCurrencies).sort(), [HELIOS_PARTNER_ID, LUMEN_PARTNER_ID, QUANTA_PARTNER_ID].sort());
    const quanta = DEMO_PARTNERS.find((p) => p.id === QUANTA_PARTNER_ID)!;
    assert.deepEqual(r.body.supportedCurrencies[QUANTA_PARTNER_ID], quanta.currencies.map((c) => ({ ofcCurrency: c, backingCurrency: c.slice(3), partnerNames: ['Quanta Prime'] })));
    assert.equal((await call(sb, 'GET', `${base}/supportedCurrencies`)).status, 400);
  });

  it('an allocation in a currency the partner does not support is refused (400) at signing and at submission', async () => {
    const fields = { amount: { currency: 'ofcxrp', quantity: '5' }, clientExternalId: `x-${nonce()}`, nonce: nonce() };
    const signing = await call(sb, 'POST', `${base}/clients/connections/${DEMO_CONNECTION_IDS.helios}/allocations/signing`, { body: fields });
    assert.equal(signing.status, 400);
    assert.match(signing.body.error, /ofcxrp is not supported by partner Helios Markets/);
  });

  it('signing: the payload is the request in order then the enterprise; 404 unknown partner, 422 inactive or another schema, 400 a malformed key', async () => {
    const fields = { partnerId: HELIOS_PARTNER_ID, name: 'Helios desk', connectionKey: { schema: 'apiKeyAndSecret', apiKey: 'k-1', apiSecret: 's-1' }, nonce: nonce() };
    const post = await checked('POST', `${base}/clients/connections/signing`, { body: fields });
    assert.equal(post.status, 200);
    assert.equal(post.body.payload, connectPayload(fields, sb.enterpriseId));
    const get = await call(sb, 'GET', `${base}/clients/connections/signing`, { body: fields });
    assert.equal(get.body.payload, post.body.payload);
    assert.equal((await checked('POST', `${base}/clients/connections/signing`, { body: { ...fields, partnerId: '00000000-0000-4000-8000-000000000000' } })).status, 404);
    assert.equal((await checked('POST', `${base}/clients/connections/signing`, { body: { ...fields, partnerId: LUMEN_PARTNER_ID, connectionKey: { schema: 'token', connectionToken: 't' } } })).status, 422);
    assert.equal((await checked('POST', `${base}/clients/connections/signing`, { body: { ...fields, connectionKey: { schema: 'token', connectionToken: 't' } } })).status, 422);
    for (const connectionKey of [{ schema: 'apiKeyAndSecret', apiKey: 'k' }, { schema: 'magic' }, { schema: 'apiKeyAndSecret', apiKey: 'k', apiSecret: 's', connectionToken: 't' }]) {
      assert.equal((await call(sb, 'POST', `${base}/clients/connections/signing`, { body: { ...fields, connectionKey } })).status, 400, JSON.stringify(connectionKey));
    }
  });

  it('connect to a synchronous partner: initialized at once; BitGo\'s checks refuse a changed payload (400), another key (401), a refused key (422)', async () => {
    const body = signed({ partnerId: HELIOS_PARTNER_ID, name: 'Helios desk', connectionKey: { schema: 'apiKeyAndSecret', apiKey: 'k-2', apiSecret: 's-2' }, nonce: nonce() });
    const made = await checked('POST', `${base}/clients/connections`, { body });
    assert.equal(made.status, 200);
    const c = made.body.connection;
    assert.deepEqual([c.name, c.partnerId, c.clientId, c.active, c.initialized, c.nonce], ['Helios desk', HELIOS_PARTNER_ID, sb.enterpriseId, true, true, body.nonce]);
    assert.ok(typeof c.partnersConnectionId === 'string' && typeof c.partnersClientId === 'string');
    assert.equal(sb.books.connection(c.id)?.name, 'Helios desk');
    assert.ok(!JSON.stringify(sb.books.snapshot()).includes('s-2'), 'the secret is not kept in the books');
    assert.equal((await checked('POST', `${base}/clients/connections`, { body: { ...body, name: 'Other name' } })).status, 400);
    const otherKey = { ...body, signature: sign(sb.partnerSigningXprv, body.payload) };
    assert.equal((await checked('POST', `${base}/clients/connections`, { body: otherKey })).status, 401);
    const refused = signed({ partnerId: ORBIT_PARTNER_ID, name: 'Orbit', connectionKey: { schema: 'tokenAndSignature', connectionToken: 'refuse-me', signature: 'sig' }, nonce: nonce() });
    assert.equal((await checked('POST', `${base}/clients/connections`, { body: refused })).status, 422);
    const wrongSchema = signed({ partnerId: QUANTA_PARTNER_ID, name: 'Quanta', connectionKey: { schema: 'apiKeyAndSecret', apiKey: 'k', apiSecret: 's' }, nonce: nonce() });
    assert.equal((await checked('POST', `${base}/clients/connections`, { body: wrongSchema })).status, 422);
    // No idempotency key: the same bytes again make a second connection (the sandbox's strictest reading).
    const again = await checked('POST', `${base}/clients/connections`, { body });
    assert.notEqual(again.body.connection.id, c.id);
  });

  it('connect to Nimbus (asynchronous): uninitialized until the partner answers BitGo\'s POST /bitgo/v1/connections; a refusal deactivates it', async () => {
    const seen: Array<{ body: Record<string, string>; signature: string | undefined }> = [];
    let refuse = false;
    const partner = createServer((req: IncomingMessage, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        const body = JSON.parse(text) as Record<string, string>;
        seen.push({ body, signature: req.headers['x-bitgo-signature'] as string | undefined });
        if (refuse) {
          res.writeHead(422, { 'content-type': 'application/json' }).end('{"error":"unknown connection token"}');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ clientId: body.clientId, connectionId: body.connectionId, partnersClientId: 'acct-9', partnersConnectionId: 'conn-9' }));
      });
    });
    await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
    sb.partnerWebhooks.setUrl(`http://127.0.0.1:${(partner.address() as AddressInfo).port}`);
    try {
      const body = signed({ partnerId: DEMO_PARTNER_ENTERPRISE_ID, name: 'Nimbus new', connectionKey: { schema: 'token', connectionToken: 'otp-123456' }, nonce: nonce() });
      const made = await checked('POST', `${base}/clients/connections`, { body });
      assert.deepEqual([made.body.connection.initialized, made.body.connection.partnersConnectionId], [false, null]);
      await sb.partnerWebhooks.idle();
      assert.deepEqual(seen[0]!.body, { clientId: sb.enterpriseId, connectionId: made.body.connection.id, connectionToken: 'otp-123456', partnerId: DEMO_PARTNER_ENTERPRISE_ID });
      assert.equal(seen[0]!.signature?.split('.').length, 3, 'signed with BitGo\'s webhook JWT');
      const now = await checked('GET', `${base}/clients/connections/${made.body.connection.id}`);
      assert.deepEqual([now.body.connection.initialized, now.body.connection.partnersClientId, now.body.connection.partnersConnectionId], [true, 'acct-9', 'conn-9']);
      refuse = true;
      const refusedBody = signed({ ...body, name: 'Nimbus refused', nonce: nonce() });
      const refused = await checked('POST', `${base}/clients/connections`, { body: refusedBody });
      await sb.partnerWebhooks.idle();
      const after = sb.books.connection(refused.body.connection.id)!;
      assert.deepEqual([after.initialized, after.active], [false, false]);
      assert.ok(!JSON.stringify(sb.books.snapshot()).includes('otp-123456'), 'the connection token is not kept in the books');
    } finally {
      sb.partnerWebhooks.setUrl(undefined);
      await new Promise<void>((resolve) => partner.close(() => resolve()));
    }
  });

  it('PUT …/clients/connections/{id}: rename, deactivate (what is in flight is released), 404 for another\'s, 400 for nothing or an unknown field', async () => {
    const body = signed({ partnerId: HELIOS_PARTNER_ID, name: 'To rename', connectionKey: { schema: 'apiKeyAndSecret', apiKey: 'k-3', apiSecret: 's-3' }, nonce: nonce() });
    const { connection } = (await checked('POST', `${base}/clients/connections`, { body })).body;
    const path = `${base}/clients/connections/${connection.id}`;
    const renamed = await checked('PUT', path, { body: { name: 'Renamed' } });
    assert.equal(renamed.body.connection.name, 'Renamed');
    assert.ok(renamed.body.connection.updatedAt > connection.updatedAt);
    const same = await checked('PUT', path, { body: { name: 'Renamed' } });
    assert.equal(same.body.connection.updatedAt, renamed.body.connection.updatedAt, 'a repeat changes nothing');
    // A reserved allocation on the connection, held on the client's balance.
    sb.faults.add({ method: 'POST', path: new RegExp(`${connection.id}/allocations$`), retriableReserved: true });
    const before = sb.books.balance(sb.enterpriseId, 'ofctbtc');
    const fields = { amount: { currency: 'ofctbtc', quantity: '777' }, clientExternalId: `held-${nonce()}`, nonce: nonce() };
    const { body: signing } = await call(sb, 'POST', `${path}/allocations/signing`, { body: fields });
    const held = await call(sb, 'POST', `${path}/allocations`, { body: { ...fields, payload: signing.payload, signature: sign(sb.signingXprv, signing.payload) } });
    assert.equal(held.body.allocation.status, 'reserved');
    const off = await checked('PUT', path, { body: { active: false } });
    assert.equal(off.body.connection.active, false);
    assert.equal(sb.books.record(held.body.allocation.id)!.wire.status, 'released');
    assert.deepEqual(sb.books.balance(sb.enterpriseId, 'ofctbtc'), before, 'the held amount went back');
    assert.equal((await checked('PUT', `${base}/clients/connections/${connection.id}`, { body: {} })).status, 400);
    assert.equal((await call(sb, 'PUT', path, { body: { partnerId: HELIOS_PARTNER_ID } })).status, 400);
    assert.equal((await checked('PUT', `${base}/clients/connections/00000000-0000-4000-8000-000000000000`, { body: { name: 'x' } })).status, 404);
  });
});
