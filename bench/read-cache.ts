import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { Pool } from 'undici';
import { DEMO_CLIENT_ENTERPRISE_ID, DEMO_CONNECTION_IDS, SANDBOX_TOKEN, sandboxKey } from '../src/sandbox/index.js';
import { privateRedis } from '../test/read-cache/private-redis.js';
import { closedLoop, summarize, type Operation, type Summary } from './load.js';
import { startGatewayChild, startSandboxChild, type ChildServer } from './procs.js';

/**
 * The read cache's scenarios (`BENCH_READ_CACHE=1 npm run bench`, or `node dist/bench/read-cache.js` alone):
 * - dashboard: 50 clients of one enterprise refreshing one allocate-screen query (balances, the active connections
 *   with their balances, the first page of allocations) at 50 ms upstream latency, direct REST (the three calls at
 *   once) vs the gateway with the cache on and off: BitGo calls per second, p50/p99, gateway CPU per query;
 * - distinct: every query different (a filter varied per operation, so every read is a miss), cache on vs off: what
 *   a miss costs on top of no cache;
 * - replicas: two gateways on one Redis and one PostgreSQL; an allocate on A, then reads on B until B shows it: the
 *   delay from A's answer to B's first read that shows it, p50/p99 (and the same without Redis, over the change feed
 *   alone, each replica with a cache in memory).
 * Knobs: BENCH_RC_SECONDS (per run, default 4), BENCH_CONCURRENCY (50), BENCH_RC_LATENCY (50), BENCH_RC_SAMPLES (30),
 * BENCH_DATABASE_URL or TEST_DATABASE_URL (replicas; skipped without one).
 */
const env = process.env;
const SECONDS = Number(env.BENCH_RC_SECONDS ?? 4);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 50);
const LATENCY = Number(env.BENCH_RC_LATENCY ?? 50);
const SAMPLES = Number(env.BENCH_RC_SAMPLES ?? 30);
const DATABASE_URL = env.BENCH_DATABASE_URL || env.TEST_DATABASE_URL || undefined;

const ENTERPRISE = DEMO_CLIENT_ENTERPRISE_ID;
const XPRV = sandboxKey(ENTERPRISE).xprv;
const REST = { authorization: `Bearer ${SANDBOX_TOKEN}`, accept: 'application/json' };
const GQL = { ...REST, 'content-type': 'application/json' };
const API = `/api/network/v1/enterprises/${ENTERPRISE}`;
const DIRECT_PATHS = [`${API}/clients/balances`, `${API}/clients/connections?active=true&pageNumber=0&pageSize=25`, `${API}/clients/allocations?types=allocation,deallocation&pageNumber=0&pageSize=25`];
const DASHBOARD = JSON.stringify({
  query: `query Dashboard {
  balances { balances { currency available held } }
  networkConnections(filter: { active: true }, first: 25) { nodes { id name partnerId initialized balances { currency available held } } }
  allocations(first: 25) { nodes { id type status amount { currency quantity } connectionId createdAt updatedAt } }
}`,
});
const BALANCES = JSON.stringify({ query: '{ balances { balances { currency available } } }' });

export interface ReadCacheRun {
  name: string;
  summary: Summary;
  opsPerSecond: number;
  bitgoCallsPerSecond: number | undefined;
  gatewayCpuMsPerOp: number | undefined;
}

export interface ReadCacheBenchResult {
  dashboard: ReadCacheRun[];
  distinct: ReadCacheRun[];
  replicas: Array<{ name: string; samples: number; p50: number; p99: number; max: number; firstReadShowed: number }>;
  notes: string[];
}

const pool = (origin: string) => new Pool(origin, { connections: CONCURRENCY * 3, pipelining: 1, keepAliveTimeout: 60_000 });

async function bitgoCalls(origin: string): Promise<number> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  let n = 0;
  for (const line of text.split('\n')) if (line.startsWith('bitgo_client_request_duration_seconds_count')) n += Number(line.slice(line.lastIndexOf(' ') + 1));
  return n;
}

async function gql(p: Pool, body: string): Promise<{ ok: boolean; text: string }> {
  const { statusCode, body: b } = await p.request({ method: 'POST', path: '/graphql', headers: GQL, body });
  const text = await b.text();
  return { ok: statusCode === 200 && !text.includes('"errors"'), text };
}

async function run(name: string, op: Operation, gateway: ChildServer | undefined): Promise<ReadCacheRun> {
  await closedLoop(op, CONCURRENCY, 1_000, 50);
  const calls0 = gateway ? await bitgoCalls(gateway.origin) : 0;
  const cpu0 = gateway?.cpuMs() ?? 0;
  const result = await closedLoop(op, CONCURRENCY, SECONDS * 1000, 50);
  const cpu = gateway ? gateway.cpuMs() - cpu0 : undefined;
  const calls = gateway ? (await bitgoCalls(gateway.origin)) - calls0 : undefined;
  const seconds = result.elapsedMs / 1000;
  const ops = result.latencies.length;
  return {
    name,
    summary: summarize([result]),
    opsPerSecond: ops / seconds,
    bitgoCallsPerSecond: calls === undefined ? undefined : calls / seconds,
    gatewayCpuMsPerOp: cpu === undefined ? undefined : cpu / ops,
  };
}

async function gatewayChild(sandbox: ChildServer, extra: Record<string, string>): Promise<ChildServer> {
  return startGatewayChild({ upstream: sandbox.origin, token: SANDBOX_TOKEN, enterpriseId: ENTERPRISE, signingXprv: XPRV, env: { DATA_DIR: `/tmp/bench-rc-${randomBytes(4).toString('hex')}`, ...extra } });
}

async function loadScenarios(): Promise<Pick<ReadCacheBenchResult, 'dashboard' | 'distinct'>> {
  const sandbox = await startSandboxChild({ latencyMs: LATENCY });
  const on = await gatewayChild(sandbox, { READ_CACHE: 'true' });
  const off = await gatewayChild(sandbox, { READ_CACHE: 'false' });
  const direct = pool(sandbox.origin);
  const viaOn = pool(on.origin);
  const viaOff = pool(off.origin);
  try {
    const directOp: Operation = async () => {
      const answers = await Promise.all(DIRECT_PATHS.map((path) => direct.request({ method: 'GET', path, headers: REST })));
      const texts = await Promise.all(answers.map((a) => a.body.text()));
      return answers.every((a) => a.statusCode === 200) && texts.every((t) => t.startsWith('{'));
    };
    const dashboard = [
      await run('direct REST (3 calls at once)', directOp, undefined),
      await run('gateway, READ_CACHE=true', async () => (await gql(viaOn, DASHBOARD)).ok, on),
      await run('gateway, READ_CACHE=false', async () => (await gql(viaOff, DASHBOARD)).ok, off),
    ];
    let n = 0;
    // Every operation a query of its own (the createdBefore filter moves on by a millisecond each time): all misses.
    const distinctOf = (p: Pool): Operation => async () => {
      const before = new Date(Date.UTC(2030, 0, 1) + n++).toISOString();
      return (await gql(p, JSON.stringify({ query: `{ allocations(first: 10, filter: { createdBefore: "${before}" }) { nodes { id status amount { currency quantity } } } }` }))).ok;
    };
    const distinct = [await run('distinct, READ_CACHE=true', distinctOf(viaOn), on), await run('distinct, READ_CACHE=false', distinctOf(viaOff), off)];
    return { dashboard, distinct };
  } finally {
    await Promise.all([direct.close(), viaOn.close(), viaOff.close()]);
    await on.stop();
    await off.stop();
    await sandbox.stop();
  }
}

async function replicaDelays(name: string, sandbox: ChildServer, extra: Record<string, string>): Promise<ReadCacheBenchResult['replicas'][number]> {
  const a = await gatewayChild(sandbox, { READ_CACHE: 'true', ...extra });
  const b = await gatewayChild(sandbox, { READ_CACHE: 'true', ...extra });
  const viaA = pool(a.origin);
  const viaB = pool(b.origin);
  const delays: number[] = [];
  let firstReadShowed = 0;
  try {
    const available = async (): Promise<string> => (JSON.parse((await gql(viaB, BALANCES)).text) as { data: { balances: { balances: Array<{ currency: string; available: string }> } } }).data.balances.balances.find((x) => x.currency === 'ofctbtc')!.available;
    for (let i = 0; i < SAMPLES; i++) {
      const before = await available();
      await available(); // cached on B (and, with Redis, for A)
      const input = { connectionId: DEMO_CONNECTION_IDS.helios, amount: { currency: 'ofctbtc', quantity: '1000' }, clientExternalId: `bench-rc-${randomUUID()}` };
      const written = await gql(viaA, JSON.stringify({ query: 'mutation($i: AllocateInput!) { allocate(input: $i) { allocation { status } } }', variables: { i: input } }));
      if (!written.text.includes('CLEARED')) throw new Error(`allocate failed: ${written.text.slice(0, 200)}`);
      const answered = performance.now();
      for (let reads = 1; ; reads++) {
        if ((await available()) !== before) {
          delays.push(performance.now() - answered);
          if (reads === 1) firstReadShowed += 1;
          break;
        }
        if (performance.now() - answered > 10_000) throw new Error('B never showed the allocation');
      }
    }
  } finally {
    await Promise.all([viaA.close(), viaB.close()]);
    await a.stop();
    await b.stop();
  }
  const sorted = delays.sort((x, y) => x - y);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { name, samples: sorted.length, p50: q(0.5), p99: q(0.99), max: sorted.at(-1)!, firstReadShowed };
}

async function replicaScenario(notes: string[]): Promise<ReadCacheBenchResult['replicas']> {
  if (!DATABASE_URL) {
    notes.push('replicas: skipped (no BENCH_DATABASE_URL or TEST_DATABASE_URL)');
    return [];
  }
  const schema = `bench_rc_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const redis = await privateRedis();
  // No added latency: the delay measured is the gateway's, not BitGo's.
  const sandbox = await startSandboxChild({ latencyMs: 0 });
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  try {
    const store = { DATABASE_URL, DATABASE_SCHEMA: schema };
    return [
      await replicaDelays('Redis + PostgreSQL change feed', sandbox, { ...store, REDIS_URL: redis.url }),
      await replicaDelays('memory caches + PostgreSQL change feed (no Redis)', sandbox, store),
    ];
  } finally {
    await sandbox.stop();
    await redis.stop();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  }
}

export async function readCacheBench(log: (line: string) => void): Promise<ReadCacheBenchResult> {
  const notes: string[] = [];
  log('read cache: dashboard and distinct …');
  const load = await loadScenarios();
  log('read cache: replicas …');
  const replicas = await replicaScenario(notes);
  return { ...load, replicas, notes };
}

const f = (n: number | undefined, digits = 1) => (n === undefined ? '–' : n.toFixed(digits));

export function renderReadCache(r: ReadCacheBenchResult): string {
  const lines = [
    '',
    `## Read cache (${CONCURRENCY} clients, ${LATENCY} ms upstream latency, ${SECONDS} s per run)`,
    '',
    '| run | ops/s | p50 ms | p99 ms | BitGo calls/s | gateway CPU ms/op |',
    '|---|---:|---:|---:|---:|---:|',
    ...[...r.dashboard, ...r.distinct].map((x) => `| ${x.name} | ${f(x.opsPerSecond, 0)} | ${f(x.summary.p50)} | ${f(x.summary.p99)} | ${f(x.bitgoCallsPerSecond)} | ${f(x.gatewayCpuMsPerOp, 3)} |`),
    '',
  ];
  if (r.replicas.length > 0) {
    lines.push('| replicas: allocate on A, read on B | samples | first read showed it | p50 ms | p99 ms | max ms |', '|---|---:|---:|---:|---:|---:|');
    for (const x of r.replicas) lines.push(`| ${x.name} | ${x.samples} | ${x.firstReadShowed} | ${f(x.p50)} | ${f(x.p99)} | ${f(x.max)} |`);
    lines.push('');
  }
  for (const note of r.notes) lines.push(`- ${note}`);
  return `${lines.join('\n')}\n`;
}

if (process.argv[1]?.endsWith('/bench/read-cache.js')) {
  const result = await readCacheBench((line) => process.stderr.write(`bench: ${line}\n`));
  process.stdout.write(renderReadCache(result));
}
