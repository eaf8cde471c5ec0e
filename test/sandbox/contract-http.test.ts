import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_CONNECTION_IDS, startSandbox, type Connection, type StartedSandbox } from '../../src/sandbox/index.js';
import { SIGNING_VECTORS } from './fixtures/signing-vectors.js';
import { API, call, nonce, sign, signedBody, writePath } from './helpers.js';

const C = DEMO_CONNECTION_IDS;
const [, PARTNER_VECTOR, UNICODE_VECTOR] = SIGNING_VECTORS as [(typeof SIGNING_VECTORS)[0], (typeof SIGNING_VECTORS)[0], (typeof SIGNING_VECTORS)[0]];
const VECTOR_TOKEN = 'sandbox-test-vector-token';

function connection(fields: Pick<Connection, 'id' | 'clientId' | 'partnerId' | 'partnersConnectionId' | 'partnersClientId' | 'async'>): Connection {
  return {
    ...fields,
    name: 'vector connection',
    networkAccountId: '00000000-0000-4000-8000-0000000000aa',
    partnerInstitutionIdentifier: 'VECTOR',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    active: true,
    proof: 'proof',
    nonce: 'nonce',
    trustOrg: 'BitGo Trust',
    initialized: true,
  };
}

describe('sandbox contract over HTTP: the vectors are accepted, a wrong key order is refused', () => {
  let sb: StartedSandbox;
  before(async () => {
    sb = await startSandbox({ allocations: 30 });
  });
  after(() => sb.close());

  it('accepts signing vector 3 as an allocate request, exactly as BitGo would', async () => {
    // The vector's enterprise "e1", its connection and its key, added to the books.
    sb.books.addEnterprise({ id: 'e1', name: 'Vector client', oesLicence: true });
    sb.books.addConnection(connection({ id: '11111111-2222-4333-8444-555555555555', clientId: 'e1', partnerId: 'c4a7e2f9-0b1d-4e3c-a5f6-7d8e9f0a1b2c', partnersConnectionId: 'v-1', partnersClientId: 'v-c', async: false }));
    sb.books.addToken(VECTOR_TOKEN, { enterprises: ['e1'], scopes: ['settlement_network_read', 'settlement_network_write'] });
    sb.books.registerPublicKey('e1', UNICODE_VECTOR.publicKeyHex);
    sb.books.setBalance('e1', 'ofcusdt', { available: 10n ** 12n, held: 0n });
    const body = {
      amount: { currency: 'ofcusdt', quantity: '250000000' },
      clientExternalId: 'ünïcode-ключ-🔑',
      nonce: '0'.repeat(64),
      payload: UNICODE_VECTOR.payload,
      signature: UNICODE_VECTOR.signatureHex,
    };
    const r = await call(sb, 'POST', `${API}/e1/clients/connections/11111111-2222-4333-8444-555555555555/allocations`, { body, token: VECTOR_TOKEN });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.allocation.status, 'cleared');
    assert.equal(r.body.allocation.clientExternalId, 'ünïcode-ключ-🔑');
    assert.deepEqual(sb.books.balance('e1', 'ofcusdt'), { available: 10n ** 12n - 250_000_000n, held: 0n });
  });

  it('accepts signing vector 2 as a partner update releasing a reserved allocation', async () => {
    const partner = 'f0000000-0000-4000-8000-00000000000f';
    const client = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
    const connectionId = '0b8f7c52-6d0e-4b44-9b0c-3f1f6f7f2a10';
    const quantity = 10n ** 21n;
    sb.books.addEnterprise({ id: partner, name: 'Vector partner', oesLicence: true });
    sb.books.addEnterprise({ id: client, name: 'Vector client 2', oesLicence: true });
    sb.books.addConnection(connection({ id: connectionId, clientId: client, partnerId: partner, partnersConnectionId: 'conn-7', partnersClientId: 'acct-42', async: true }));
    sb.books.addToken(VECTOR_TOKEN, { enterprises: ['e1', partner], scopes: ['settlement_network_read', 'settlement_network_write'] });
    sb.books.registerPublicKey(partner, PARTNER_VECTOR.publicKeyHex);
    // A reserved allocation of 10^21 wei, its amount held on the client's side as an allocate would leave it.
    sb.books.setBalance(client, 'eth', { available: 5n, held: quantity });
    const at = '2026-03-01T00:00:00.000Z';
    sb.books.insert({
      ownerId: client,
      wire: {
        id: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
        amount: { currency: 'eth', quantity: quantity.toString() },
        connectionId,
        clientExternalId: 'vector-2',
        initiatedBy: 'vector',
        createdAt: at,
        updatedAt: at,
        retriable: false,
        reason: 'awaiting partner confirmation',
        status: 'reserved',
        type: 'allocation',
      },
    });
    const body = {
      ...(JSON.parse(PARTNER_VECTOR.payload) as Record<string, unknown>),
      payload: PARTNER_VECTOR.payload,
      signature: PARTNER_VECTOR.signatureHex,
    };
    const r = await call(sb, 'PUT', `${API}/${partner}/partners/allocations`, { body, token: VECTOR_TOKEN });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.partnersAllocationId, 'alloc-99');
    const record = sb.books.record('3fa85f64-5717-4562-b3fc-2c963f66afa6')!.wire;
    assert.equal(record.status, 'released');
    assert.equal(record.reason, 'insufficient balance');
    assert.deepEqual(sb.books.balance(client, 'eth'), { available: 5n + quantity, held: 0n });
  });

  it('refuses (400) an allocate whose payload has the right fields in a wrong key order, even correctly signed', async () => {
    const path = writePath(sb, 'allocation', C.helios);
    const good = signedBody(sb, { connectionId: C.helios, amount: { currency: 'ofctbtc', quantity: '1500' }, notes: 'order check' });
    const fields = { amount: good.amount, clientExternalId: good.clientExternalId, nonce: good.nonce, notes: good.notes, connectionId: C.helios, enterpriseId: sb.enterpriseId };
    const wrongOrders: Record<string, unknown>[] = [
      { clientExternalId: fields.clientExternalId, amount: fields.amount, nonce: fields.nonce, notes: fields.notes, connectionId: C.helios, enterpriseId: sb.enterpriseId },
      { amount: fields.amount, clientExternalId: fields.clientExternalId, nonce: fields.nonce, notes: fields.notes, enterpriseId: sb.enterpriseId, connectionId: C.helios },
      { ...fields, amount: { quantity: '1500', currency: 'ofctbtc' } },
      { amount: fields.amount, clientExternalId: fields.clientExternalId, nonce: fields.nonce, connectionId: C.helios, enterpriseId: sb.enterpriseId, notes: fields.notes },
    ];
    const before = sb.books.balance(sb.enterpriseId, 'ofctbtc');
    for (const shuffled of wrongOrders) {
      const payload = JSON.stringify(shuffled);
      assert.notEqual(payload, good.payload);
      assert.deepEqual(JSON.parse(payload), JSON.parse(String(good.payload)), 'same fields and values');
      const r = await call(sb, 'POST', path, { body: { ...good, payload, signature: sign(sb.signingXprv, payload) } });
      assert.equal(r.status, 400, payload);
      assert.match(r.body.error, /payload/);
    }
    assert.equal(sb.books.findByClientExternalId(sb.enterpriseId, 'allocation', String(good.clientExternalId)), undefined);
    assert.deepEqual(sb.books.balance(sb.enterpriseId, 'ofctbtc'), before);
    // The signing endpoint hands out the canonical order, and that request goes through with the same nonce.
    const signing = await call(sb, 'POST', `${path}/signing`, { body: { amount: good.amount, clientExternalId: good.clientExternalId, nonce: good.nonce, notes: good.notes } });
    assert.equal(signing.body.payload, good.payload);
    assert.equal((await call(sb, 'POST', path, { body: good })).status, 200);
  });

  it('refuses (400) a partner update whose payload puts the same fields in another order', async () => {
    const reserved = await call(sb, 'POST', writePath(sb, 'allocation', C.nimbusMain), {
      body: signedBody(sb, { connectionId: C.nimbusMain, amount: { currency: 'ofctusdt', quantity: '4200' } }),
    });
    const a = reserved.body.allocation;
    assert.equal(a.status, 'reserved');
    const c = sb.books.connection(C.nimbusMain)!;
    const fields = {
      status: 'cleared',
      allocationId: a.id,
      amount: a.amount,
      clientId: c.clientId,
      connectionId: c.id,
      partnersClientId: c.partnersClientId,
      partnersConnectionId: c.partnersConnectionId,
      partnersAllocationId: 'nimbus-order-1',
      nonce: nonce(),
    };
    const { status, allocationId, ...rest } = fields;
    const payload = JSON.stringify({ allocationId, status, ...rest });
    const put = (body: unknown): ReturnType<typeof call> => call(sb, 'PUT', `${API}/${sb.partnerEnterpriseId}/partners/allocations`, { body });
    const r = await put({ ...fields, payload, signature: sign(sb.partnerSigningXprv, payload) });
    assert.equal(r.status, 400);
    assert.match(r.body.error, /payload/);
    assert.equal(sb.books.record(a.id)!.wire.status, 'reserved');
    const canonical = JSON.stringify(fields);
    assert.equal((await put({ ...fields, payload: canonical, signature: sign(sb.partnerSigningXprv, canonical) })).status, 200);
    assert.equal(sb.books.record(a.id)!.wire.status, 'cleared');
  });
});
