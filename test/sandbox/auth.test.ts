import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NO_LICENCE_ENTERPRISE_ID, OTHER_CLIENT_ENTERPRISE_ID, SANDBOX_READONLY_TOKEN, startSandbox, type StartedSandbox } from '../../src/sandbox/index.js';
import { API, call, list, listPath } from './helpers.js';

describe('sandbox auth and request ids', () => {
  let sb: StartedSandbox;
  before(async () => {
    sb = await startSandbox({ allocations: 60 });
  });
  after(() => sb.close());

  it('401 without a token, with an unknown token, and with a malformed header', async () => {
    for (const token of [null, 'nope']) {
      const r = await call(sb, 'GET', listPath(sb), { token });
      assert.equal(r.status, 401);
      assert.equal(typeof r.body.error, 'string');
    }
    const r = await call(sb, 'GET', listPath(sb), { token: null, headers: { authorization: `Basic ${sb.token}` } });
    assert.equal(r.status, 401);
  });

  it('404 for an enterprise the token does not belong to, or that does not exist', async () => {
    for (const id of [OTHER_CLIENT_ENTERPRISE_ID, '00000000-0000-4000-8000-000000000000', '62c5ae8174ac860007aff138']) {
      const r = await call(sb, 'GET', `${API}/${id}/clients/allocations`);
      assert.equal(r.status, 404);
      assert.match(r.body.error, /doesn't exist or doesn't belong/);
    }
  });

  it('403 for an enterprise without an OES licence', async () => {
    const r = await call(sb, 'GET', `${API}/${NO_LICENCE_ENTERPRISE_ID}/clients/allocations`);
    assert.equal(r.status, 403);
    assert.match(r.body.error, /OES license/);
  });

  it('403 when the token lacks the read scope; read-only tokens can read but not write', async () => {
    sb.books.addToken('write-only', { enterprises: [sb.enterpriseId], scopes: ['settlement_network_write'] });
    assert.equal((await call(sb, 'GET', listPath(sb), { token: 'write-only' })).status, 403);
    assert.equal((await call(sb, 'GET', listPath(sb), { token: SANDBOX_READONLY_TOKEN })).status, 200);
    const connectionId = sb.books.connections(sb.enterpriseId)[0]!.id;
    const w = await call(sb, 'POST', `${API}/${sb.enterpriseId}/clients/connections/${connectionId}/allocations`, { token: SANDBOX_READONLY_TOKEN, body: {} });
    assert.equal(w.status, 403);
    assert.match(w.body.error, /settlement_network_write/);
  });

  it('auth is checked before parameters: a bad query with no token is 401, not 400', async () => {
    assert.equal((await call(sb, 'GET', listPath(sb), { token: null, query: { pageSize: 'x' } })).status, 401);
  });

  it('echoes x-request-id, or generates one, on success and on errors', async () => {
    const mine = await call(sb, 'GET', listPath(sb), { headers: { 'x-request-id': 'req-abc-123' } });
    assert.equal(mine.headers['x-request-id'], 'req-abc-123');
    const generated = await list(sb);
    assert.match(String(generated.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    const error = await call(sb, 'GET', listPath(sb), { token: null, headers: { 'x-request-id': 'err-1' } });
    assert.equal(error.status, 401);
    assert.equal(error.headers['x-request-id'], 'err-1');
    const unknown = await call(sb, 'GET', '/nowhere', { headers: { 'x-request-id': 'nf-1' } });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.headers['x-request-id'], 'nf-1');
    assert.equal(typeof unknown.body.error, 'string');
  });

  it('answers 400 for a body that is not JSON', async () => {
    const connectionId = sb.books.connections(sb.enterpriseId)[0]!.id;
    const r = await call(sb, 'POST', `${API}/${sb.enterpriseId}/clients/connections/${connectionId}/allocations`, { body: '{not json' });
    assert.equal(r.status, 400);
  });
});
