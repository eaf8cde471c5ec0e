import assert from 'node:assert/strict';
import { connect, createServer, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { startStack, useStack, type Stack } from '../helpers/stack.js';
import { FLOOD_ENV, inventedTokenFlood } from './address-flood.cases.js';

// Idle connections and a body at a byte at a time, against the configured limits lowered for the test; invented tokens;
// and the OTLP collector down (its port refuses: the proxy resets every connection to it) or black-holed, under a
// gateway exporting every span, against this file's gateway without tracing.
const MAX_CONNECTIONS = 200;
const HEADERS_TIMEOUT_MS = 600;
const REQUEST_TIMEOUT_MS = 900;

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

const REQUESTS = 40;
const EXPORT_TIMEOUT_MS = 300;
const LIST_BODY = JSON.stringify({ query: '{ allocations(first: 1) { nodes { id } } }' });

async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function latencies(stack: Stack): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    const res = await stack.gateway.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.sandbox.token}` }, payload: LIST_BODY });
    assert.equal(res.statusCode, 200);
    times.push(performance.now() - t0);
  }
  return times;
}

const until = async (done: () => boolean, withinMs: number): Promise<void> => {
  for (const end = Date.now() + withinMs; !done(); ) {
    if (Date.now() > end) throw new Error(`not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('faults at the edge: idle connections, slow bodies, invented tokens and a lost trace collector are bounded, other callers are served', () => {
  const stack = useStack({
    listen: true,
    env: { ...FLOOD_ENV, HTTP_MAX_CONNECTIONS: String(MAX_CONNECTIONS), HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS), HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) },
  });
  const plain = stack;
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

  describe('the OTLP collector down or black-holed slows no request; spans are dropped and counted', () => {
    let proxy: FaultProxy;
    let traced: Stack;
    let baseline: number;
    before(async () => {
      proxy = await startFaultProxy(`127.0.0.1:${await deadPort()}`);
      // The exporter reads its endpoint from the environment itself, as in production.
      process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT = `${proxy.url}/v1/traces`;
      try {
        traced = await startStack({ env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${proxy.url}/v1/traces`, OTEL_BSP_MAX_QUEUE_SIZE: '32', OTEL_EXPORTER_OTLP_TIMEOUT: String(EXPORT_TIMEOUT_MS) } });
      } finally {
        delete process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
      }
      await latencies(plain);
      baseline = median(await latencies(plain));
    });
    after(async () => {
      await traced?.close();
      await proxy?.close();
    });

    const dropped = async (): Promise<number> => Number(/^gateway_trace_spans_dropped_total (\d+)/m.exec(await traced.gateway.metrics!.text())?.[1]);

    for (const [name, mode] of [['down (connections refused)', { kind: 'pass' }], ['a black hole', { kind: 'blackhole' }]] as const) {
      it(`collector ${name}: requests as fast as without tracing (median within 2× + 5 ms), spans dropped and counted`, async (t) => {
        proxy.set(mode);
        const before = await dropped();
        const times = await latencies(traced);
        t.diagnostic(`median ${median(times).toFixed(2)} ms, without tracing ${baseline.toFixed(2)} ms`);
        assert.ok(median(times) <= baseline * 2 + 5, `median ${median(times).toFixed(1)} ms against ${baseline.toFixed(1)} ms without tracing`);
        for (const end = Date.now() + 5_000; (await dropped()) <= before; ) {
          assert.ok(Date.now() < end, 'spans dropped were counted');
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      });
    }

    it('logs the collector\'s outage once, not per export', () => {
      assert.equal(traced.logs.filter((line) => line.includes('otlp collector unavailable')).length, 1);
    });
  });
});
