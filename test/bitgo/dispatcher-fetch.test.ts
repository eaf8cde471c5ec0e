import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import ky from 'ky';
import { Agent } from 'undici';
import { dispatcherFetch } from '../../src/bitgo/dispatcher-fetch.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A loopback server whose answer each test scripts; it records what it received. */
function scriptedServer(): { start(): Promise<string>; stop(): Promise<void>; seen: Seen[]; answer: (req: IncomingMessage, res: ServerResponse) => void } {
  const seen: Seen[] = [];
  const state = {
    seen,
    answer: (_req: IncomingMessage, res: ServerResponse) => void res.end(),
    server: undefined as Server | undefined,
    async start() {
      this.server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
          state.answer(req, res);
        });
      });
      await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    },
    async stop() {
      this.server?.closeAllConnections();
      await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    },
  };
  return state;
}

describe('dispatcherFetch: the fetch under ky reads', () => {
  const upstream = scriptedServer();
  const agent = new Agent({ connections: 4 });
  const leanFetch = dispatcherFetch(agent);
  let origin = '';
  before(async () => {
    origin = await upstream.start();
  });
  after(async () => {
    await agent.close();
    await upstream.stop();
  });

  it('answers any status and body exactly as the standard fetch does (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Null-body statuses have a test of their own; Node's fetch itself fails on a 407 (it is kept for proxies).
        fc.integer({ min: 200, max: 599 }).filter((s) => ![204, 205, 304, 407].includes(s)),
        fc.json(),
        fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/),
        async (status, body, requestId) => {
          upstream.answer = (_req, res) => {
            res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-request-id': requestId });
            res.end(body);
          };
          const init = { headers: { authorization: 'Bearer t0k', accept: 'application/json' } };
          const [lean, standard] = [await leanFetch(`${origin}/a/b?x=1&y=%2C`, init), await fetch(`${origin}/a/b?x=1&y=%2C`, { ...init, dispatcher: agent } as RequestInit)];
          assert.equal(lean.status, standard.status);
          assert.equal(lean.ok, standard.ok);
          assert.equal(lean.headers.get('x-request-id'), requestId);
          assert.equal(lean.headers.get('content-type'), standard.headers.get('content-type'));
          assert.equal(await lean.text(), await standard.text());
          const [viaLean, viaStandard] = upstream.seen.slice(-2);
          assert.equal(viaLean!.url, '/a/b?x=1&y=%2C');
          assert.equal(viaLean!.url, viaStandard!.url);
          assert.equal(viaLean!.headers.authorization, 'Bearer t0k');
        },
      ),
      { numRuns: 40 },
    );
  });

  it('keeps repeated headers and gives null-body statuses no body', async () => {
    upstream.answer = (_req, res) => {
      res.writeHead(204, [
        ['set-cookie', 'a=1'],
        ['set-cookie', 'b=2'],
      ]);
      res.end();
    };
    const response = await leanFetch(`${origin}/empty`);
    assert.equal(response.status, 204);
    assert.equal(response.body, null);
    assert.deepEqual(response.headers.getSetCookie(), ['a=1', 'b=2']);
  });

  it('follows no redirect: the 3xx is the answer and the token goes nowhere else', async () => {
    upstream.answer = (req, res) => {
      res.writeHead(req.url === '/moved' ? 302 : 200, { location: '/elsewhere' });
      res.end(req.url === '/moved' ? '' : 'followed');
    };
    const before = upstream.seen.length;
    const response = await leanFetch(`${origin}/moved`, { headers: { authorization: 'Bearer t0k' } });
    assert.equal(response.status, 302);
    assert.deepEqual(
      upstream.seen.slice(before).map((s) => s.url),
      ['/moved'],
    );
  });

  it('sends a request with a body through the standard fetch, bytes intact', async () => {
    upstream.answer = (_req, res) => res.end('ok');
    const body = JSON.stringify({ quantity: '123456789012345678901234567890', note: 'é✓' });
    const response = await leanFetch(`${origin}/write`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    assert.equal(await response.text(), 'ok');
    const last = upstream.seen.at(-1)!;
    assert.equal(last.method, 'POST');
    assert.equal(last.body, body);
  });

  it('stops when its signal aborts', async () => {
    upstream.answer = (_req, res) => setTimeout(() => res.end('late'), 2_000).unref();
    const controller = new AbortController();
    const pending = leanFetch(`${origin}/slow`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(pending, (error: Error) => error.name === 'AbortError');
  });

  it('under ky: a read whose body is cut off is retried, and the whole answer is returned', async () => {
    let calls = 0;
    const whole = JSON.stringify({ allocations: Array.from({ length: 50 }, (_, i) => ({ id: String(i) })) });
    upstream.answer = (req, res) => {
      calls += 1;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(whole) });
      if (calls === 1) res.write(whole.slice(0, 100), () => req.socket.destroy());
      else res.end(whole);
    };
    const client = ky.create({ prefixUrl: origin, fetch: leanFetch, retry: { limit: 2, delay: () => 1 }, timeout: 10_000 });
    assert.deepEqual(await client.get('cut').json(), JSON.parse(whole));
    assert.equal(calls, 2);
  });

  it('under ky: a write sends its rawBody on every attempt, and onAnswer sees each answer before ky does', async () => {
    let calls = 0;
    upstream.answer = (_req, res) => {
      calls += 1;
      res.writeHead(calls === 1 ? 500 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ attempt: calls }));
    };
    upstream.seen.length = 0;
    const answers: Array<[number, unknown]> = [];
    const client = ky.create({ prefixUrl: origin, fetch: leanFetch, retry: { limit: 2, methods: ['post'], delay: () => 1 }, timeout: 10_000 });
    const bytes = '{"payload":"exact bytes","n":1}';
    const options = { method: 'POST', headers: { 'content-type': 'application/json' }, rawBody: bytes, onAnswer: (status: number, body: ArrayBuffer | null) => answers.push([status, JSON.parse(Buffer.from(body!).toString())]) };
    assert.deepEqual(await client('write', options as never).json(), { attempt: 2 });
    assert.deepEqual(upstream.seen.map((s) => [s.method, s.body, s.headers['content-length']]), [['POST', bytes, String(bytes.length)], ['POST', bytes, String(bytes.length)]]);
    assert.deepEqual(answers, [[500, { attempt: 1 }], [200, { attempt: 2 }]]);
  });

  it('a write with redirect "error" fails on a 3xx as the standard fetch does, following nothing', async () => {
    upstream.answer = (_req, res) => res.writeHead(303, { location: 'http://127.0.0.1:1/elsewhere' }).end();
    upstream.seen.length = 0;
    await assert.rejects(leanFetch(`${origin}/write`, { method: 'POST', redirect: 'error', rawBody: '{}' } as RequestInit), TypeError);
    assert.equal(upstream.seen.length, 1);
  });

  it('a write whose answer breaks off mid-body is handed back, and reading the body fails (not retried)', async () => {
    let calls = 0;
    upstream.answer = (req, res) => {
      calls += 1;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': 1000 });
      res.write('{"allocation":', () => req.socket.destroy());
    };
    const client = ky.create({ prefixUrl: origin, fetch: leanFetch, retry: { limit: 2, methods: ['post'], delay: () => 1 }, timeout: 10_000 });
    const response = await client('write', { method: 'POST', rawBody: '{}' } as never);
    assert.equal(response.status, 200);
    await assert.rejects(response.json());
    assert.equal(calls, 1);
  });

  it("under ky: a 503 is retried, the retry's answer is returned, and ky's timeout applies", async () => {
    let calls = 0;
    upstream.answer = (_req, res) => {
      calls += 1;
      res.writeHead(calls === 1 ? 503 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ calls }));
    };
    // Generous per-attempt timeout: the suite runs busy tests alongside, and only the retry is under test here.
    const client = ky.create({ prefixUrl: origin, fetch: leanFetch, retry: { limit: 2, delay: () => 1 }, timeout: 10_000 });
    assert.deepEqual(await client.get('list').json(), { calls: 2 });

    upstream.answer = (_req, res) => setTimeout(() => res.end('{}'), 5_000).unref();
    await assert.rejects(client.get('list', { retry: 0, timeout: 200 }), (error: Error) => error.name === 'TimeoutError');
  });

  it('under ky: a body that trickles (never silent long enough for a body timeout) is cut at the attempt\'s timeout, read or write', async () => {
    // The body is read inside the fetch ky times, so ky's timeout bounds it, not just the headers.
    upstream.answer = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': 10_000 });
      const drip = setInterval(() => res.write(' '), 20);
      res.on('close', () => clearInterval(drip));
    };
    const client = ky.create({ prefixUrl: origin, fetch: leanFetch, retry: 0, timeout: 300 });
    for (const call of [() => client.get('trickle'), () => client('trickle', { method: 'POST', rawBody: '{}' } as never)]) {
      const started = performance.now();
      await assert.rejects(call(), (error: Error) => error.name === 'TimeoutError');
      const ms = performance.now() - started;
      assert.ok(ms < 1_500, `cut after ${ms.toFixed(0)} ms`);
    }
  });
});
