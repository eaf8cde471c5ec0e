import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import WebSocket from 'ws';
import { DEMO_CLIENT_ENTERPRISE_ID, DEMO_CONNECTION_IDS, SANDBOX_TOKEN, sandboxKey } from '../src/sandbox/index.js';
import { closedLoop } from './load.js';
import { cpuMsOf, machineBusyMs, startGatewayChild, startSandboxChild, type ChildServer } from './procs.js';

/**
 * Live subscriptions under load: SUBSCRIBERS graphql-ws sockets (one per subscriber, as browsers or services
 * would hold them) all follow the asynchronous partner's connection, so every `allocate` to it is one change
 * fanned out to every subscriber. Two phases on one gateway process:
 *  - fan-out: allocate mutations in a closed loop (LIVE_CONCURRENCY clients) for LIVE_SECONDS; events/s is every
 *    event every subscriber received, over the time from the first mutation to the last event;
 *  - delay: one mutation at a time (LIVE_SAMPLES of them, 100 ms apart); for each, the time from the moment its
 *    HTTP answer was read to the moment each subscriber read its event (same clock, this process).
 * Subscribers parse nothing but the allocation id, so the generator does as little as it can per frame.
 */

export interface LiveOptions {
  subscribers: number;
  concurrency: number;
  seconds: number;
  samples: number;
}

export interface LiveResult {
  options: LiveOptions;
  fanOut: { mutations: number; events: number; seconds: number; eventsPerSecond: number; mutationsPerSecond: number; gatewayCpuMsPerEvent: number; cpu: CpuShare };
  delay: { toEach: Percentiles; toLast: Percentiles; earlier: number; samples: number; cpu: CpuShare };
  loadAverage: number[];
}

interface Percentiles {
  p50: number;
  p99: number;
  max: number;
}

/** % of one core, during the phase. */
interface CpuShare {
  gateway: number;
  sandbox: number;
  generator: number;
  other: number;
}

const NIMBUS = DEMO_CONNECTION_IDS.nimbusMain;
const XPRV = sandboxKey(DEMO_CLIENT_ENTERPRISE_ID).xprv;
const HEADERS = { authorization: `Bearer ${SANDBOX_TOKEN}`, 'content-type': 'application/json', accept: 'application/json' };
const MUTATION = 'mutation LiveBench($input: AllocateInput!) { allocate(input: $input) { allocation { id status } userErrors { code } } }';
const SUBSCRIPTION = 'subscription LiveBench($c: [ID!]) { allocationChanged(connectionIds: $c) { source allocation { id status updatedAt } } }';
const ID_IN_FRAME = /"allocation":\{"id":"([0-9a-f-]{36})"/;

interface Subscriber {
  socket: WebSocket;
  /** Allocation id → when this subscriber read its event. */
  seen: Map<string, number>;
}

function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
  return { p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? Number.NaN };
}

async function subscribe(origin: string): Promise<Subscriber> {
  const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  const seen = new Map<string, number>();
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: HEADERS.authorization } })));
    socket.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      const id = ID_IN_FRAME.exec(text)?.[1];
      if (id) {
        seen.set(id, performance.now());
        return;
      }
      if (text.includes('"connection_ack"')) {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: SUBSCRIPTION, variables: { c: [NIMBUS] } } }));
        resolve();
      } else if (text.includes('"error"') || text.includes('"complete"')) {
        reject(new Error(`subscription refused: ${text}`));
      }
    });
  });
  return { socket, seen };
}

export async function liveBench(options: LiveOptions, log: (line: string) => void): Promise<LiveResult> {
  const sandbox = await startSandboxChild({ latencyMs: 0 });
  let gateway: ChildServer | undefined;
  const subscribers: Subscriber[] = [];
  const pool = { current: undefined as Pool | undefined };
  try {
    gateway = await startGatewayChild({
      upstream: sandbox.origin,
      token: SANDBOX_TOKEN,
      enterpriseId: DEMO_CLIENT_ENTERPRISE_ID,
      signingXprv: XPRV,
      env: { SUBSCRIPTIONS_PER_CALLER: String(options.subscribers) },
      nodeArgs: (process.env.BENCH_GATEWAY_NODE_ARGS ?? '').split(' ').filter((a) => a !== ''),
    });
    const origin = gateway.origin;
    pool.current = new Pool(origin, { connections: options.concurrency, pipelining: 1, keepAliveTimeout: 60_000 });
    const http = pool.current;
    const runId = randomBytes(3).toString('hex');
    let n = 0;
    const allocate = async (): Promise<string | undefined> => {
      const input = { connectionId: NIMBUS, amount: { currency: 'ofctbtc', quantity: '1' }, clientExternalId: `live-${runId}-${n++}` };
      const { statusCode, body } = await http.request({ method: 'POST', path: '/graphql', headers: HEADERS, body: JSON.stringify({ query: MUTATION, variables: { input } }) });
      const text = await body.text();
      return statusCode === 200 && text.includes('"RESERVED"') ? /"id":"([0-9a-f-]{36})"/.exec(text)?.[1] : undefined;
    };
    const everyoneSaw = async (ids: readonly string[], timeoutMs: number) => {
      const deadline = performance.now() + timeoutMs;
      while (!subscribers.every((s) => ids.every((id) => s.seen.has(id)))) {
        if (performance.now() > deadline) {
          const missing = subscribers.filter((s) => !ids.every((id) => s.seen.has(id))).length;
          throw new Error(`${missing} of ${subscribers.length} subscribers still miss events after ${timeoutMs} ms`);
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };

    log(`live: opening ${options.subscribers} subscriber sockets …`);
    for (let i = 0; i < options.subscribers; i += 50) {
      const batch = await Promise.all(Array.from({ length: Math.min(50, options.subscribers - i) }, () => subscribe(origin)));
      subscribers.push(...batch);
    }
    // Warm-up: every subscriber is open once one change has reached them all; then the JIT settles.
    for (let i = 0; i < 20; i++) {
      const id = await allocate();
      if (!id) throw new Error('warm-up allocate failed');
      await everyoneSaw([id], 30_000);
    }

    const cpuNow = () => ({ gateway: gateway!.cpuMs(), sandbox: sandbox.cpuMs(), generator: cpuMsOf(process.pid), machine: machineBusyMs(), wall: performance.now() });
    const share = (a: ReturnType<typeof cpuNow>, b: ReturnType<typeof cpuNow>): CpuShare => {
      const wall = b.wall - a.wall;
      const used = { gateway: b.gateway - a.gateway, sandbox: b.sandbox - a.sandbox, generator: b.generator - a.generator };
      const other = Math.max(0, b.machine - a.machine - used.gateway - used.sandbox - used.generator);
      return { gateway: (used.gateway / wall) * 100, sandbox: (used.sandbox / wall) * 100, generator: (used.generator / wall) * 100, other: (other / wall) * 100 };
    };

    log(`live: fan-out, ${options.concurrency} clients allocating for ${options.seconds} s …`);
    const ids: string[] = [];
    const before = cpuNow();
    const run = await closedLoop(
      async () => {
        const id = await allocate();
        if (id) ids.push(id);
        return id !== undefined;
      },
      options.concurrency,
      options.seconds * 1000,
    );
    await everyoneSaw(ids, 120_000);
    const lastEvent = Math.max(...subscribers.map((s) => Math.max(...ids.map((id) => s.seen.get(id)!))));
    const after = cpuNow();
    const seconds = (lastEvent - before.wall) / 1000;
    const events = ids.length * subscribers.length;
    const fanOut = {
      mutations: ids.length,
      events,
      seconds,
      eventsPerSecond: events / seconds,
      mutationsPerSecond: ids.length / seconds,
      gatewayCpuMsPerEvent: (after.gateway - before.gateway) / events,
      cpu: share(before, after),
    };
    if (run.errors > 0) log(`live: ${run.errors} allocates failed during fan-out`);

    log(`live: delay, ${options.samples} mutations one at a time …`);
    const toEach: number[] = [];
    const toLast: number[] = [];
    const delayBefore = cpuNow();
    for (let i = 0; i < options.samples; i++) {
      const id = await allocate();
      const answeredAt = performance.now();
      if (!id) throw new Error('allocate failed');
      await everyoneSaw([id], 30_000);
      const delays = subscribers.map((s) => s.seen.get(id)! - answeredAt);
      toEach.push(...delays);
      toLast.push(Math.max(...delays));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const delayAfter = cpuNow();
    return {
      options,
      fanOut,
      delay: { toEach: percentiles(toEach), toLast: percentiles(toLast), earlier: toEach.filter((d) => d < 0).length / toEach.length, samples: options.samples, cpu: share(delayBefore, delayAfter) },
      loadAverage: loadavg(),
    };
  } finally {
    for (const s of subscribers) s.socket.terminate();
    await pool.current?.close();
    await gateway?.stop();
    await sandbox.stop();
  }
}

export function renderLive(r: LiveResult): string {
  const f = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '–');
  const cpu = (c: CpuShare) => `gateway ${f(c.gateway, 0)} %, sandbox ${f(c.sandbox, 0)} %, generator ${f(c.generator, 0)} %, other ${f(c.other, 0)} %`;
  return [
    '',
    '## Live subscriptions',
    '',
    `${r.options.subscribers} graphql-ws subscribers (one socket each, in the generator process) follow one connection; each \`allocate\` to it ` +
      'is one change fanned out to all of them. The gateway runs as `npm start` does; the machine is shared with other work ' +
      `(load average at the end ${r.loadAverage.map((l) => l.toFixed(2)).join(' / ')}; "other" below is CPU no process of the bench used).`,
    '',
    '| phase | result | CPU (% of one core) |',
    '|---|---|---|',
    `| fan-out (${r.options.concurrency} clients allocating, ${r.options.seconds} s) | **${f(r.fanOut.eventsPerSecond, 0)} events/s** (${r.fanOut.mutations} changes × ${r.options.subscribers} = ${r.fanOut.events} events in ${f(r.fanOut.seconds, 2)} s; ${f(r.fanOut.mutationsPerSecond, 1)} changes/s); gateway CPU ${f(r.fanOut.gatewayCpuMsPerEvent * 1000, 1)} µs/event | ${cpu(r.fanOut.cpu)} |`,
    `| delay (${r.delay.samples} mutations one at a time) | answer → each subscriber's event: p50 **${f(r.delay.toEach.p50, 2)} ms**, p99 **${f(r.delay.toEach.p99, 2)} ms** (max ${f(r.delay.toEach.max, 1)}); answer → the last of the ${r.options.subscribers}: p50 ${f(r.delay.toLast.p50, 2)} ms, p99 ${f(r.delay.toLast.p99, 2)} ms; ${f(r.delay.earlier * 100, 1)} % of events were read before the answer | ${cpu(r.delay.cpu)} |`,
    '',
  ].join('\n');
}
