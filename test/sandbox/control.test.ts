import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type StartedSandbox } from '../../src/sandbox/index.js';
import { startSandboxProcess, type SandboxProcess } from '../helpers/processes.js';
import { API } from './helpers.js';

const connections = (url: string, enterpriseId: string, token: string) =>
  fetch(`${url}${API}/${enterpriseId}/clients/connections`, { headers: { authorization: `Bearer ${token}` } });

describe('sandbox control routes (SANDBOX_CONTROL=1, a sandbox in its own process)', () => {
  let sandbox: SandboxProcess;
  const enterpriseId = '3f1c9a52-7d4e-4b8a-9e21-5a0c7e3b9d11';
  let token: string;
  before(async () => {
    sandbox = await startSandboxProcess();
    token = /token \(sandbox demo\):\s+(\S+)/.exec(sandbox.output())![1]!;
    assert.match(sandbox.output(), /control \(tests only\):\s+http:\/\/127\.0\.0\.1:\d+\/_sandbox\//);
  });
  after(async () => {
    await sandbox?.kill('SIGTERM');
  });

  it('arms faults (prefix or pattern, counted, Infinity as null) and clears them; control calls are neither logged nor faulted', async () => {
    await sandbox.control.resetRequests();
    await sandbox.control.addFault({ method: 'GET', path: /\/clients\/connections$/, status: 503, times: 2 });
    await sandbox.control.addFault({ path: '/api/', status: 418, times: Infinity });
    assert.equal((await connections(sandbox.url, enterpriseId, token)).status, 503);
    assert.equal((await connections(sandbox.url, enterpriseId, token)).status, 503);
    assert.equal((await connections(sandbox.url, enterpriseId, token)).status, 418);
    assert.equal((await connections(sandbox.url, enterpriseId, token)).status, 418);
    await sandbox.control.clearFaults();
    assert.equal((await connections(sandbox.url, enterpriseId, token)).status, 200);
    const log = await sandbox.control.requests();
    assert.deepEqual(log.map((e) => e.status), [503, 503, 418, 418, 200], 'only the API calls, none of the control calls');
    assert.deepEqual(await sandbox.control.requests({ method: 'POST' }), []);
  });

  it('sets latency, and keeps the request log (with body hashes) until reset', async () => {
    await sandbox.control.resetRequests();
    await sandbox.control.setLatency(300);
    const started = performance.now();
    await connections(sandbox.url, enterpriseId, token);
    assert.ok(performance.now() - started >= 290);
    await sandbox.control.setLatency(0);
    await fetch(`${sandbox.url}${API}/${enterpriseId}/clients/connections/x/allocations`, { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } });
    const [posted] = await sandbox.control.requests({ method: 'POST', path: /allocations$/ });
    assert.equal(posted?.bodySha256, '015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862');
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    assert.equal((await sandbox.control.requests()).length, 2, 'not emptied every 5 s as a plain standalone sandbox does');
  });

  it('refuses a malformed fault or latency with 400', async () => {
    const res = await fetch(`${sandbox.url}/_sandbox/latency`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"ms":"fast"}' });
    assert.equal(res.status, 400);
    const bad = await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"pathPattern":"("}' });
    assert.equal(bad.status, 400);
  });
});

describe('sandbox control routes are off by default', () => {
  let sandbox: StartedSandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(async () => {
    await sandbox.close();
  });

  it('answers 404 under /_sandbox/ like any unknown route, and logs it', async () => {
    const res = await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'POST', body: '{"status":500}', headers: { 'content-type': 'application/json' } });
    assert.equal(res.status, 404);
    assert.equal(sandbox.faults.pending(), 0);
    assert.equal(sandbox.requests.count({ path: '/_sandbox/' }), 1);
  });
});
