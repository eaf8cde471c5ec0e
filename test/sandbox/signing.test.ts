import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { request } from 'undici';
import { DEMO_CONNECTION_IDS, OTHER_CONNECTION_IDS, SANDBOX_READONLY_TOKEN, startSandbox, type StartedSandbox } from '../../src/sandbox/index.js';
import { API, call } from './helpers.js';

const C = DEMO_CONNECTION_IDS;

describe('sandbox signing payload routes', () => {
  let sb: StartedSandbox;
  const path = (type: 'allocation' | 'deallocation', connectionId: string = C.helios): string =>
    `${API}/${sb.enterpriseId}/clients/connections/${connectionId}/${type}s/signing`;
  const fields = { amount: { currency: 'ofcteth', quantity: '12345678901234567890123' }, clientExternalId: 'ext-1', nonce: 'ab'.repeat(32) };

  before(async () => {
    sb = await startSandbox({ allocations: 30 });
  });
  after(() => sb.close());

  it('POST answers the canonical payload, keys in order, notes left out when absent', async () => {
    const r = await call(sb, 'POST', path('allocation'), { body: fields });
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.body), ['payload']);
    assert.equal(
      r.body.payload,
      `{"amount":{"currency":"ofcteth","quantity":"12345678901234567890123"},"clientExternalId":"ext-1","nonce":"${'ab'.repeat(32)}","connectionId":"${C.helios}","enterpriseId":"${sb.enterpriseId}"}`,
    );
    const withNotes = await call(sb, 'POST', path('deallocation'), { body: { ...fields, notes: 'hi', amount: { quantity: '5', currency: 'ofctbtc' } } });
    assert.deepEqual(Object.keys(JSON.parse(withNotes.body.payload)), ['amount', 'clientExternalId', 'nonce', 'notes', 'connectionId', 'enterpriseId']);
    assert.deepEqual(Object.keys(JSON.parse(withNotes.body.payload).amount), ['currency', 'quantity']);
  });

  it('GET takes a JSON body, or query parameters as a fallback, and needs only the read scope', async () => {
    const res = await request(`${sb.url}${path('allocation')}`, {
      method: 'GET',
      headers: { authorization: `Bearer ${SANDBOX_READONLY_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(fields),
    });
    assert.equal(res.statusCode, 200);
    const viaBody = (await res.body.json()) as { payload: string };
    const viaQuery = await call(sb, 'GET', path('allocation'), {
      token: SANDBOX_READONLY_TOKEN,
      query: { currency: 'ofcteth', quantity: fields.amount.quantity, clientExternalId: 'ext-1', nonce: fields.nonce },
    });
    assert.equal(viaQuery.status, 200);
    assert.equal(viaQuery.body.payload, viaBody.payload);
    const post = await call(sb, 'POST', path('allocation'), { token: SANDBOX_READONLY_TOKEN, body: fields });
    assert.equal(post.status, 403, 'the POST variant needs the write scope');
  });

  for (const quantity of ['0', '-5', '+5', '1e5', '1.5', '007', ' 5', '', 'abc', 5]) {
    it(`400 for quantity ${JSON.stringify(quantity)}`, async () => {
      const r = await call(sb, 'POST', path('allocation'), { body: { ...fields, amount: { currency: 'ofctbtc', quantity } } });
      assert.equal(r.status, 400);
      assert.match(r.body.error, /quantity/);
    });
  }

  it('400 for an unknown currency, missing fields, empty notes; 404 for a connection that is not ours', async () => {
    assert.equal((await call(sb, 'POST', path('allocation'), { body: { ...fields, amount: { currency: 'doge', quantity: '1' } } })).status, 400);
    for (const missing of ['amount', 'clientExternalId', 'nonce']) {
      const body: Record<string, unknown> = { ...fields };
      delete body[missing];
      const r = await call(sb, 'POST', path('allocation'), { body });
      assert.equal(r.status, 400);
      assert.match(r.body.error, new RegExp(missing));
    }
    assert.equal((await call(sb, 'POST', path('allocation'), { body: { ...fields, notes: '' } })).status, 400);
    assert.equal((await call(sb, 'POST', path('allocation', OTHER_CONNECTION_IDS.beaconQuanta), { body: fields })).status, 404);
    assert.equal((await call(sb, 'POST', path('allocation', '00000000-0000-4000-8000-000000000000'), { body: fields })).status, 404);
    assert.equal((await call(sb, 'POST', path('allocation', 'nope'), { body: fields })).status, 400);
  });

  it('deallocation signing on an inactive connection is 422; allocation signing still answers', async () => {
    assert.equal((await call(sb, 'POST', path('deallocation', C.heliosLegacyInactive), { body: fields })).status, 422);
    assert.equal((await call(sb, 'POST', path('allocation', C.heliosLegacyInactive), { body: fields })).status, 200);
  });
});
