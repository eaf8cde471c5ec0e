import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { listAllocations, submitAllocation, submitPath } from '../../src/bitgo/allocations.api.js';
import { BitGoClient, type BitGoRequestEvent, type BitGoResponseEvent } from '../../src/bitgo/client.js';
import { BitGoError } from '../../src/bitgo/errors.js';
import { DEMO_CONNECTION_IDS, startSandbox, type StartedSandbox } from '../../src/sandbox/index.js';

describe('BitGoClient: one request and one response event per call', () => {
  let sandbox: StartedSandbox;
  let client: BitGoClient;
  const requests: BitGoRequestEvent[] = [];
  const responses: BitGoResponseEvent[] = [];
  before(async () => {
    sandbox = await startSandbox();
    client = new BitGoClient({ baseUrl: sandbox.url, timeoutMs: 2_000, retry: { readLimit: 2, writeLimit: 3, backoffLimitMs: 5 } });
    client.on('request', (e) => requests.push(e));
    client.on('response', (e) => responses.push(e));
  });
  after(async () => {
    await client.close();
    await sandbox.close();
  });
  const reset = () => {
    requests.length = 0;
    responses.length = 0;
    sandbox.faults.clear();
  };

  it('a read: the route template (no ids), its status, one attempt, the request id BitGo saw', async () => {
    reset();
    await listAllocations(client, sandbox.enterpriseId, 'client', { pageSize: 1 }, { token: sandbox.token });
    assert.equal(requests.length, 1);
    assert.equal(responses.length, 1);
    const [response] = responses;
    const { request, ...rest } = response!;
    assert.equal(request, requests[0], 'the response names its request event');
    assert.deepEqual({ ...rest, durationMs: 0 }, { method: 'GET', route: 'clients/allocations', requestId: requests[0]!.requestId, status: 200, outcome: 'ok', attempts: 1, durationMs: 0 });
    assert.doesNotMatch(JSON.stringify(requests[0]), new RegExp(sandbox.token), 'listeners never see the token');
    assert.ok(response!.durationMs > 0);
    assert.equal(sandbox.requests.entries().at(-1)!.requestId, response!.requestId);
  });

  it('retries are counted, not reported as calls of their own', async () => {
    reset();
    sandbox.faults.add({ method: 'GET', status: 503, times: 2 });
    await listAllocations(client, sandbox.enterpriseId, 'client', { pageSize: 1 }, { token: sandbox.token });
    assert.equal(responses.length, 1);
    assert.equal(responses[0]!.attempts, 3);
    assert.equal(responses[0]!.status, 200);
  });

  it('a failed call reports its outcome and last status once', async () => {
    reset();
    await assert.rejects(listAllocations(client, sandbox.enterpriseId, 'client', {}, { token: 'not-a-token' }), BitGoError);
    assert.deepEqual(
      responses.map((r) => [r.outcome, r.status, r.attempts]),
      [['http', 401, 1]],
    );
    reset();
    sandbox.faults.add({ method: 'POST', dropBeforeCommit: true, times: 10 });
    const path = submitPath(sandbox.enterpriseId, DEMO_CONNECTION_IDS.helios, 'allocation');
    await assert.rejects(submitAllocation(client, 'allocation', path, '{}', { token: sandbox.token, deadlineMs: 2_000 }), BitGoError);
    assert.equal(responses.length, 1);
    assert.equal(responses[0]!.route, 'clients/connections/{connectionId}/allocations');
    assert.equal(responses[0]!.outcome, 'network');
    assert.equal(responses[0]!.attempts, 4, 'the first send and three re-sends');
  });

  it('headers a request listener adds reach every attempt', async () => {
    const seen: IncomingHttpHeaders[] = [];
    let failures = 1;
    const server = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(failures-- > 0 ? 503 : 200, { 'content-type': 'application/json' }).end('{"allocations":[]}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const local = new BitGoClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, timeoutMs: 2_000, retry: { readLimit: 2, writeLimit: 0, backoffLimitMs: 5 } });
    local.on('request', (e) => {
      e.headers.traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
      e.headers.authorization = 'Bearer hijacked';
    });
    try {
      await listAllocations(local, 'e', 'client', {}, { token: 't' });
    } finally {
      await local.close();
      server.close();
    }
    assert.equal(seen.length, 2);
    for (const headers of seen) assert.equal(headers.traceparent, '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    for (const headers of seen) assert.equal(headers.authorization, 'Bearer t', 'an added header cannot replace the call\'s own');
    assert.equal(seen[0]!['x-request-id'], seen[1]!['x-request-id'], 'one call, one request id');
  });
});
