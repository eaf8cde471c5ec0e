import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { startStack, type Stack } from '../helpers/stack.js';

// The OTLP collector down (its port refuses: the proxy resets every connection to it) and black-holed, under a
// gateway exporting every span, against a gateway without tracing.
const REQUESTS = 60;
const EXPORT_TIMEOUT_MS = 300;
const LIST = JSON.stringify({ query: '{ allocations(first: 1) { nodes { id } } }' });

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
    const res = await stack.gateway.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.sandbox.token}` }, payload: LIST });
    assert.equal(res.statusCode, 200);
    times.push(performance.now() - t0);
  }
  return times;
}

describe('faults at the edge: the OTLP collector down or black-holed slows no request; spans are dropped and counted', () => {
  let proxy: FaultProxy;
  let traced: Stack;
  let plain: Stack;
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
    plain = await startStack();
    await latencies(plain);
    baseline = median(await latencies(plain));
  });
  after(async () => {
    await traced?.close();
    await plain?.close();
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
