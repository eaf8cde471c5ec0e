import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { decodeProtectedHeader, importSPKI, jwtVerify } from 'jose';
import { DEMO_CONNECTION_IDS, startSandbox, type StartedSandbox } from '../../src/sandbox/index.js';
import type { AllocationRecord } from '../../src/sandbox/wire.types.js';
import { allocate, API, call, PARTNER_DEALLOCATION_KEYS, partnerBody, signedBody } from './helpers.js';

const C = DEMO_CONNECTION_IDS;

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A partner of the tests' own: records every call; answers from a script (default 200). */
class Partner {
  readonly calls: Received[] = [];
  script: number[] = [];
  server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (c: string) => (body += c));
      req.on('end', () => {
        this.calls.push({ method: req.method!, url: req.url!, headers: req.headers, body, at: Date.now() });
        const status = this.script.shift() ?? 200;
        res.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? '{"status":"reserved"}' : '{"error":"no"}');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

describe('the sandbox calls its asynchronous partner as BitGo does', () => {
  let sb: StartedSandbox;
  const partner = new Partner();
  before(async () => {
    await partner.start();
    sb = await startSandbox({ allocations: 20, partnerWebhookUrl: partner.url, partnerWebhookRetry: { baseDelayMs: 20, maxDelayMs: 200, attempts: 4 } });
  });
  after(async () => {
    await sb?.close();
    await partner.stop();
  });
  beforeEach(() => {
    partner.calls.length = 0;
    partner.script = [];
  });

  async function reserved(type: 'allocation' | 'deallocation' = 'allocation', connectionId: string = C.nimbusMain): Promise<AllocationRecord> {
    const r = await allocate(sb, { connectionId, amount: { currency: 'ofcteth', quantity: '9007199254740993' } }, type);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    await sb.partnerWebhooks.idle();
    return r.body[type];
  }

  it('a reservation on Nimbus: POST /bitgo/v1/allocations with an RS256 JWT (60 s, fresh jti) and the quantity as a JSON number', async () => {
    const a = await reserved();
    assert.equal(a.status, 'reserved');
    assert.equal(partner.calls.length, 1);
    const [received] = partner.calls;
    assert.equal(received!.method, 'POST');
    assert.equal(received!.url, '/bitgo/v1/allocations');
    assert.equal(
      received!.body,
      `{"allocationId":"${a.id}","amount":{"currency":"ofcteth","quantity":9007199254740993},"clientId":"${sb.enterpriseId}",` +
        `"connectionId":"${C.nimbusMain}","partnersConnectionId":"nimbus-conn-1001","partnerClientId":"nimbus-acct-501"}`,
      'exact bytes: 2^53 + 1 as digits, the partner guide\'s spelling',
    );
    const token = received!.headers['x-bitgo-signature'] as string;
    assert.deepEqual(decodeProtectedHeader(token), { alg: 'RS256', typ: 'JWT' });
    const key = await importSPKI(sb.partnerWebhooks.publicKeyPem, 'RS256');
    const { payload } = await jwtVerify(token, key, { algorithms: ['RS256'] });
    assert.equal(payload.exp! - payload.iat!, 60);
    assert.match(String(payload.jti), /^[0-9a-f-]{36}$/);
    assert.equal((await importSPKI(sb.partnerWebhooks.publicKeyPem, 'RS256')).algorithm.name, 'RSASSA-PKCS1-v1_5');
  });

  it('a deallocation uses deallocationId and partnersClientId', async () => {
    const d = await reserved('deallocation');
    assert.equal(partner.calls[0]!.url, '/bitgo/v1/deallocations');
    const body = JSON.parse(partner.calls[0]!.body) as Record<string, unknown>;
    assert.equal(body.deallocationId, d.id);
    assert.equal(body.partnersClientId, 'nimbus-acct-501');
  });

  it('synchronous partners, released writes and retriable reservations are not called; repeats of a write call once', async () => {
    const helios = await allocate(sb, { connectionId: C.helios, amount: { currency: 'ofctusdt', quantity: '5' } });
    assert.equal(helios.body.allocation.status, 'cleared');
    const broke = await allocate(sb, { connectionId: C.nimbusMain, amount: { currency: 'ofctusdt', quantity: (10n ** 40n).toString() } });
    assert.equal(broke.status, 422);
    sb.faults.add({ method: 'POST', path: /\/allocations$/, retriableReserved: true });
    const body = signedBody(sb, { connectionId: C.nimbusMain, amount: { currency: 'ofctusdt', quantity: '6' } });
    const path = `${API}/${sb.enterpriseId}/clients/connections/${C.nimbusMain}/allocations`;
    const first = await call(sb, 'POST', path, { body });
    assert.equal(first.status, 500, 'reserved and retriable: the client must re-send');
    await sb.partnerWebhooks.idle();
    assert.equal(partner.calls.length, 0);
    const resent = await call(sb, 'POST', path, { body });
    assert.equal(resent.status, 200);
    await call(sb, 'POST', path, { body });
    await sb.partnerWebhooks.idle();
    assert.equal(partner.calls.length, 1, 'once the identical re-send finished it, the partner is called once');
  });

  it('a failing partner is retried with growing delays and a fresh token each time; a 4xx is final', async () => {
    partner.script = [503, 503, 502];
    const a = await reserved();
    assert.equal(partner.calls.length, 4);
    const jtis = await Promise.all(partner.calls.map(async (c) => (await jwtVerify(c.headers['x-bitgo-signature'] as string, await importSPKI(sb.partnerWebhooks.publicKeyPem, 'RS256'))).payload.jti));
    assert.equal(new Set(jtis).size, 4);
    const gaps = partner.calls.slice(1).map((c, i) => c.at - partner.calls[i]!.at);
    // Lower bounds only: the backoff doubles from 20 ms (20, 40, 80); a busy machine can only stretch a gap.
    gaps.forEach((gap, i) => assert.ok(gap >= 20 * 2 ** i - 5, `gap ${i} was ${gap} ms; gaps ${gaps.join(', ')}`));
    assert.deepEqual(sb.partnerWebhooks.deliveries().filter((d) => d.recordId === a.id).map((d) => [d.outcome, d.attempts]), [['delivered', 4]]);

    partner.calls.length = 0;
    partner.script = [503, 503, 503, 503];
    const b = await reserved();
    assert.deepEqual(sb.partnerWebhooks.deliveries().filter((d) => d.recordId === b.id).map((d) => [d.outcome, d.attempts, d.status]), [['gave-up', 4, 503]]);

    partner.calls.length = 0;
    partner.script = [401];
    const c = await reserved();
    assert.equal(partner.calls.length, 1);
    assert.deepEqual(sb.partnerWebhooks.deliveries().filter((d) => d.recordId === c.id).map((d) => d.outcome), ['refused']);
  });

  it('the partner\'s update clears a record: PUT /bitgo/v1/{type}/{id}/clear follows; a release calls nothing', async () => {
    for (const [type, keys] of [['allocation', undefined], ['deallocation', PARTNER_DEALLOCATION_KEYS]] as const) {
      const r = await reserved(type);
      partner.calls.length = 0;
      const c = sb.books.connection(r.connectionId)!;
      const fields = {
        status: 'cleared', [`${type}Id`]: r.id, amount: r.amount, clientId: c.clientId, connectionId: r.connectionId,
        partnersClientId: c.partnersClientId, partnersConnectionId: c.partnersConnectionId, [`partners${type === 'allocation' ? 'Allocation' : 'Deallocation'}Id`]: 'p-1',
      };
      const res = await call(sb, 'PUT', `${API}/${sb.partnerEnterpriseId}/partners/${type}s`, { body: partnerBody(sb, fields, undefined, keys) });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      await sb.partnerWebhooks.idle();
      assert.deepEqual(partner.calls.map((x) => [x.method, x.url, x.body]), [['PUT', `/bitgo/v1/${type}/${r.id}/clear`, '']]);
    }
    const r = await reserved();
    partner.calls.length = 0;
    const c = sb.books.connection(r.connectionId)!;
    const released = await call(sb, 'PUT', `${API}/${sb.partnerEnterpriseId}/partners/allocations`, {
      body: partnerBody(sb, {
        status: 'released', rejectReason: 'no', allocationId: r.id, amount: r.amount, clientId: c.clientId, connectionId: r.connectionId,
        partnersClientId: c.partnersClientId, partnersConnectionId: c.partnersConnectionId, partnersAllocationId: 'p-2',
      }),
    });
    assert.equal(released.status, 200);
    await sb.partnerWebhooks.idle();
    assert.equal(partner.calls.length, 0);
  });

  it('no URL, no calls: the sandbox\'s default', async () => {
    const quiet = await startSandbox({ allocations: 5 });
    try {
      assert.equal(quiet.partnerWebhooks.url, undefined);
      const r = await allocate(quiet, { connectionId: C.nimbusMain, amount: { currency: 'ofctusdt', quantity: '5' } });
      assert.equal(r.body.allocation.status, 'reserved');
      await quiet.partnerWebhooks.idle();
      assert.deepEqual(quiet.partnerWebhooks.deliveries(), []);
      assert.equal(partner.calls.length, 0);
    } finally {
      await quiet.close();
    }
  });
});
