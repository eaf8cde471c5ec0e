import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';

// The fault suite trusts this proxy to make each fault it names; these checks are what that trust rests on.
describe('fault proxy', () => {
  let upstream: Server;
  let proxy: FaultProxy;
  let received = 0;
  const body = 'x'.repeat(64 * 1024);

  before(async () => {
    upstream = createServer((req, res) => {
      received += 1;
      req.resume();
      req.on('end', () => res.end(body));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    proxy = await startFaultProxy(`127.0.0.1:${(upstream.address() as AddressInfo).port}`);
  });
  after(async () => {
    await proxy.close();
    upstream.close();
  });

  function get(timeoutMs = 300): Promise<{ ok: true; length: number } | { ok: false; code: string }> {
    return new Promise((resolve) => {
      const req = request(`${proxy.url}/`, { agent: false, timeout: timeoutMs }, (res) => {
        let length = 0;
        res.on('data', (chunk: Buffer) => (length += chunk.length));
        res.on('end', () => resolve({ ok: true, length }));
        res.on('error', (error: NodeJS.ErrnoException) => resolve({ ok: false, code: error.code ?? error.message }));
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
      req.on('error', (error: NodeJS.ErrnoException) => resolve({ ok: false, code: error.code ?? error.message }));
      req.end();
    });
  }

  it('relays in pass mode', async () => {
    proxy.set({ kind: 'pass' });
    assert.deepEqual(await get(), { ok: true, length: body.length });
  });

  it('resets connections', async () => {
    proxy.set({ kind: 'reset' });
    const answer = await get();
    assert.equal(answer.ok, false);
    assert.match((answer as { code: string }).code, /ECONNRESET|socket hang up/);
  });

  it('black-holes: nothing comes back, and nothing reaches the server', async () => {
    proxy.set({ kind: 'blackhole' });
    const before = received;
    assert.deepEqual(await get(), { ok: false, code: 'TIMEOUT' });
    assert.equal(received, before);
  });

  it('stalls mid-body after the request reached the server', async () => {
    proxy.set({ kind: 'stall', afterBytes: 1000 });
    const before = received;
    const answer = await get();
    assert.equal(answer.ok, false);
    assert.equal(received, before + 1);
  });

  it('resets after the request was delivered', async () => {
    proxy.set({ kind: 'resetAfterRequest' });
    const before = received;
    const answer = await get();
    assert.equal(answer.ok, false);
    assert.equal(received, before + 1);
  });

  it('recovers when set back to pass', async () => {
    proxy.set({ kind: 'pass' });
    assert.deepEqual(await get(), { ok: true, length: body.length });
  });
});
