import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { describe, it } from 'node:test';
import { useStack } from '../helpers/stack.js';
import { FLOOD_ENV, inventedTokenFlood } from './address-flood.cases.js';

// Idle connections and a body at a byte at a time, against the configured limits lowered for the test.
const MAX_CONNECTIONS = 200;
const HEADERS_TIMEOUT_MS = 800;
const REQUEST_TIMEOUT_MS = 1_200;

interface Idle {
  socket: Socket;
  /** ms after opening when it closed; undefined while open. */
  closedAfter: number | undefined;
  /** What the server said before closing (Node answers a timed-out request 408). */
  said: string;
}

function open(port: number, started: number): Idle {
  const socket = connect(port, '127.0.0.1');
  const idle: Idle = { socket, closedAfter: undefined, said: '' };
  socket.on('error', () => undefined);
  socket.on('data', (chunk: Buffer) => (idle.said += chunk.toString('latin1')));
  socket.on('close', () => (idle.closedAfter = Date.now() - started));
  return idle;
}

const until = async (done: () => boolean, withinMs: number): Promise<void> => {
  for (const end = Date.now() + withinMs; !done(); ) {
    if (Date.now() > end) throw new Error(`not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('faults at the edge: idle connections, slow bodies and invented tokens are bounded, other callers are served', () => {
  const stack = useStack({
    listen: true,
    env: { ...FLOOD_ENV, HTTP_MAX_CONNECTIONS: String(MAX_CONNECTIONS), HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS), HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) },
  });
  const port = (): number => Number(new URL(stack.url).port);
  const query = async (): Promise<number> => {
    const res = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.sandbox.token}` }, body: '{"query":"{ __typename }"}' });
    await res.arrayBuffer();
    return res.status;
  };

  it(`${MAX_CONNECTIONS + 100} idle connections: those over HTTP_MAX_CONNECTIONS closed at once, the rest cut at HTTP_HEADERS_TIMEOUT_MS; a caller is answered`, async () => {
    const started = Date.now();
    const idle = Array.from({ length: MAX_CONNECTIONS + 100 }, () => open(port(), started));
    // Over the limit: closed by the server as they arrive.
    await until(() => idle.filter((c) => c.closedAfter !== undefined).length >= 100, 2_000);
    assert.ok(idle.filter((c) => c.closedAfter !== undefined && c.closedAfter < HEADERS_TIMEOUT_MS / 2).length >= 100, 'the connections over the limit were refused at once');
    // A caller arriving while the slots are taken is answered as soon as the idle ones are cut (a client retries a refused connection).
    let answered: number | undefined;
    for (let tries = 0; answered === undefined; tries++) {
      answered = await query().catch(() => undefined);
      if (answered === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const servedAfter = Date.now() - started;
    assert.equal(answered, 200);
    assert.ok(servedAfter < HEADERS_TIMEOUT_MS + 1_000, `a caller was answered ${servedAfter} ms after the flood began`);
    await until(() => idle.every((c) => c.closedAfter !== undefined), HEADERS_TIMEOUT_MS + 1_500);
    const last = Math.max(...idle.map((c) => c.closedAfter!));
    assert.ok(last < HEADERS_TIMEOUT_MS + 1_000, `the last idle connection was cut ${last} ms after it opened`);
    assert.ok(idle.filter((c) => c.said.startsWith('HTTP/1.1 408')).length >= MAX_CONNECTIONS / 2, 'the held ones were told 408 Request Timeout');
  });

  it('a body at a byte at a time is cut at HTTP_REQUEST_TIMEOUT_MS while other callers are answered at once', async () => {
    const started = Date.now();
    const slow = open(port(), started);
    slow.socket.write(`POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`);
    const drip = setInterval(() => slow.socket.writable && slow.socket.write(' '), 100);
    try {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        assert.equal(await query(), 200);
        times.push(performance.now() - t0);
      }
      assert.ok(Math.max(...times) < 500, `callers answered in ${times.map((t) => t.toFixed(0)).join(', ')} ms during the slow body`);
      await until(() => slow.closedAfter !== undefined, REQUEST_TIMEOUT_MS + 1_500);
      assert.match(slow.said, /^HTTP\/1\.1 408/);
      assert.ok(slow.closedAfter! >= REQUEST_TIMEOUT_MS - 50 && slow.closedAfter! < REQUEST_TIMEOUT_MS + 1_000, `cut after ${slow.closedAfter} ms`);
    } finally {
      clearInterval(drip);
      slow.socket.destroy();
    }
  });

  it('invented tokens from one address (counted in memory): refused by the gateway past ADDRESS_REFUSED_TOKENS_PER_MINUTE, not by BitGo', async () => {
    await inventedTokenFlood(stack, '198.51.100.7', '198.51.100.8');
  });
});
