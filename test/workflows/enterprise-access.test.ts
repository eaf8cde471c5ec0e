import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BitGoClient } from '../../src/bitgo/client.js';
import { startSandbox, type StartedSandbox } from '../../src/sandbox/index.js';
import { AppError } from '../../src/workflows/app-error.js';
import { EnterpriseAccess } from '../../src/workflows/reads/enterprise-access.js';

const READS = { method: 'GET', path: /\/clients\/allocations$/ } as const;

describe('EnterpriseAccess: BitGo\'s verdict, kept at most 60 s (real sandbox, a clock of the test\'s own)', () => {
  let sandbox: StartedSandbox;
  let client: BitGoClient;
  before(async () => {
    sandbox = await startSandbox({ allocations: 10 });
    client = new BitGoClient({ baseUrl: sandbox.url, timeoutMs: 2_000 });
  });
  after(async () => {
    await client.close();
    await sandbox.close();
  });

  it('reads again once the verdict is 60 s old, not before; a longer TTL asked for is cut to 60 s', async () => {
    let now = 1_000_000;
    const access = new EnterpriseAccess({ client, view: 'client', ttlMs: 10 * 60_000, now: () => now });
    const caller = { token: sandbox.token, service: true };
    sandbox.requests.reset();
    await access.check(caller, sandbox.enterpriseId);
    now += 59_999;
    await access.check(caller, sandbox.enterpriseId);
    assert.equal(sandbox.requests.count(READS), 1);
    now += 1;
    await access.check(caller, sandbox.enterpriseId);
    assert.equal(sandbox.requests.count(READS), 2, 'read again at 60 s');
  });

  it('keeps a refusal for as long, then asks again (the token may have been granted the enterprise since)', async () => {
    let now = 0;
    const access = new EnterpriseAccess({ client, view: 'client', now: () => now });
    const token = 'access-test-token';
    sandbox.books.addToken(token, { enterprises: [], scopes: ['settlement_network_read'] });
    const caller = { token, service: false };
    sandbox.requests.reset();
    await assert.rejects(access.check(caller, sandbox.enterpriseId), (e: unknown) => e instanceof AppError && e.code === 'FORBIDDEN');
    await assert.rejects(access.check(caller, sandbox.enterpriseId), (e: unknown) => e instanceof AppError && e.code === 'FORBIDDEN');
    assert.equal(sandbox.requests.count(READS), 1);
    sandbox.books.addToken(token, { enterprises: [sandbox.enterpriseId], scopes: ['settlement_network_read'] });
    now += 60_000;
    await access.check(caller, sandbox.enterpriseId);
    assert.equal(sandbox.requests.count(READS), 2);
  });

  it('bounds what it keeps: past maxEntries the oldest verdict goes first', async () => {
    const access = new EnterpriseAccess({ client, view: 'client', maxEntries: 2 });
    const caller = { token: sandbox.token, service: true };
    sandbox.requests.reset();
    await access.check(caller, sandbox.enterpriseId);
    await access.check(caller, sandbox.partnerEnterpriseId);
    await access.check(caller, sandbox.enterpriseId);
    assert.equal(sandbox.requests.count(READS), 2);
    await assert.rejects(access.check(caller, 'no-such-enterprise'));
    await access.check(caller, sandbox.enterpriseId);
    assert.equal(sandbox.requests.count(READS), 4, 'the first verdict was dropped for the third');
  });

  it('asks with the partner list when that is the gateway\'s view', async () => {
    const access = new EnterpriseAccess({ client, view: 'partner' });
    sandbox.requests.reset();
    await access.check({ token: sandbox.token, service: true }, sandbox.partnerEnterpriseId);
    const [read] = sandbox.requests.entries({ method: 'GET' });
    assert.equal(read?.path, `/api/network/v1/enterprises/${sandbox.partnerEnterpriseId}/partners/allocations`);
    assert.equal(read?.query.pageSize, '1');
  });
});
