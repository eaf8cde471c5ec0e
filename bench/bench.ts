import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { HDKey } from '@scure/bip32';
import { Pool } from 'undici';
import { DEMO_CLIENT_ENTERPRISE_ID, DEMO_CONNECTION_IDS, SANDBOX_TOKEN, sandboxKey } from '../src/sandbox/index.js';
import { signMessage } from '../src/signing/bitcoin-message.js';
import { LocalKeySigner } from '../src/signing/local-key.signer.js';
import { SigningService } from '../src/signing/signing.service.js';
import { buildBaseline, type BaselineBuild } from './baseline.js';
import { startOtlpSink, type OtlpSink } from './otlp-sink.js';
import { closedLoop, summarize, type Operation, type RunResult } from './load.js';
import { liveBench, renderLive, type LiveResult } from './live.js';
import { readCacheBench, renderReadCache } from './read-cache.js';
import { cpuMsOf, DEPLOYED_NODE_FLAGS, machineBusyMs, startGatewayChild, startSandboxChild, type ChildServer } from './procs.js';
import { benchStore, serverCpuBetween } from './store.js';
import { label, render, type PathName, type PathResult, type RoundResult, type RunInfo, type Scenario, type ScenarioResult, type SignerResult } from './report.js';

/**
 * `npm run bench`: the same reads and signed writes made directly against the
 * sandbox's REST API and through the gateway, in one run, with the same load
 * generator, the same concurrency and the same keep-alive connection count.
 * Reports p50/p99/throughput per path and the gateway/direct ratios. Targets
 * are reported as met or missed, never asserted: speed is not a test outcome.
 *
 * Knobs (environment): BENCH_SECONDS (measured seconds per path and scenario,
 * default 6), BENCH_WARMUP_SECONDS (per path, default 2), BENCH_CONCURRENCY
 * (default 50), BENCH_LATENCIES (default "50,0"), BENCH_SCENARIOS (default
 * "list,screen,allocate"), BENCH_STAGGER_MS (spread of the clients' first requests,
 * default 50), BENCH_NODE_ENV (the gateway's NODE_ENV, default production),
 * BENCH_GATEWAY_NODE_ARGS / BENCH_SANDBOX_NODE_ARGS (e.g. "--cpu-prof
 * --cpu-prof-dir=/tmp/prof"), BENCH_DIST (another build of src/, see
 * what-if.sh), BENCH_RESULTS (output file, default bench/results.md; "-" for none),
 * BENCH_BASELINE (a git ref: its gateway is built in a temporary worktree and
 * measured beside this build's, see baseline.ts), BENCH_ROUNDS (alternating
 * rounds the measured seconds are split into; default 2, 4 with a baseline),
 * BENCH_STORE (the gateway's journal: embedded, default, or postgres with
 * BENCH_DATABASE_URL or TEST_DATABASE_URL; see store.ts).
 * Live subscriptions (live.ts): BENCH_LIVE ("0" skips it), BENCH_LIVE_SUBSCRIBERS (1000),
 * BENCH_LIVE_CONCURRENCY (8), BENCH_LIVE_SECONDS (6), BENCH_LIVE_SAMPLES (50).
 * Read cache (read-cache.ts): BENCH_READ_CACHE ("0" skips it), BENCH_RC_SECONDS, BENCH_RC_LATENCY, BENCH_RC_SAMPLES.
 */

const env = process.env;
const SECONDS = Number(env.BENCH_SECONDS ?? 6);
const WARMUP_SECONDS = Number(env.BENCH_WARMUP_SECONDS ?? 2);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 50);
const LATENCIES = (env.BENCH_LATENCIES ?? '50,0').split(',').map(Number);
const SCENARIOS = (env.BENCH_SCENARIOS ?? 'list,screen,allocate').split(',').filter((s) => s !== '') as Scenario[];
const BASELINE_REF = env.BENCH_BASELINE || undefined;
const ROUNDS = Number(env.BENCH_ROUNDS ?? (BASELINE_REF ? 4 : 2));
const STAGGER_MS = Number(env.BENCH_STAGGER_MS ?? 50);
const nodeArgs = (name: string): string[] => (env[name] ?? '').split(' ').filter((a) => a !== '');
/** BENCH_GATEWAY_ENV / BENCH_BASELINE_ENV: "NAME=value NAME=value" added to that gateway's environment. */
const envOf = (name: string): Record<string, string> =>
  Object.fromEntries((env[name] ?? '').split(' ').filter((a) => a.includes('=')).map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]));
const GATEWAY_ENV = envOf('BENCH_GATEWAY_ENV');
const BASELINE_ENV = envOf('BENCH_BASELINE_ENV');
/** OTEL_EXPORTER_OTLP_ENDPOINT=sink in either: an OTLP/HTTP sink in this process receives the spans. */
const NEEDS_SINK = [GATEWAY_ENV, BASELINE_ENV].some((e) => e.OTEL_EXPORTER_OTLP_ENDPOINT === 'sink');
const RESULTS = env.BENCH_RESULTS ?? fileURLToPath(new URL('../../bench/results.md', import.meta.url));
const STORE = benchStore(env.BENCH_STORE ?? 'embedded', env.BENCH_DATABASE_URL || env.TEST_DATABASE_URL || undefined);

const ENTERPRISE = DEMO_CLIENT_ENTERPRISE_ID;
const CONNECTION = DEMO_CONNECTION_IDS.helios;
const XPRV = sandboxKey(ENTERPRISE).xprv;
const REST_HEADERS = { authorization: `Bearer ${SANDBOX_TOKEN}`, accept: 'application/json' };
const REST_JSON_HEADERS = { ...REST_HEADERS, 'content-type': 'application/json' };
const GQL_HEADERS = { ...REST_JSON_HEADERS };

const LIST_PATH = `/api/network/v1/enterprises/${ENTERPRISE}/clients/allocations?types=allocation,deallocation&pageNumber=0&pageSize=25`;
const CONNECTION_PATH = `/api/network/v1/enterprises/${ENTERPRISE}/clients/connections/${CONNECTION}`;

// Every field of the wire record, and the Relay envelope a client pages with.
const LIST_QUERY = JSON.stringify({
  query: `query BenchList {
  allocations(first: 25) {
    edges { cursor node { id type status amount { currency quantity } connectionId clientExternalId partnerExternalId initiatedBy notes createdAt updatedAt retriable evaluationId pendingApprovalId policyResult reason } }
    pageInfo { hasNextPage endCursor }
  }
}`,
});
// The allocate screen: what a frontend reads before it lets someone allocate (the playground's AllocateScreen tab).
const SCREEN_CONNECTIONS_PATH = `/api/network/v1/enterprises/${ENTERPRISE}/clients/connections?active=true&pageNumber=0&pageSize=25`;
const SCREEN_BALANCES_PATH = `/api/network/v1/enterprises/${ENTERPRISE}/clients/balances`;
const SCREEN_QUERY = JSON.stringify({
  query: `query BenchAllocateScreen {
  balances { balances { currency available held } }
  networkConnections(filter: { active: true }, first: 25) {
    nodes { id name partnerId initialized balances { currency available held } }
    pageInfo { hasNextPage endCursor }
  }
}`,
});
const ALLOCATE_MUTATION = `mutation BenchAllocate($input: AllocateInput!) {
  allocate(input: $input) {
    allocation { id status amount { currency quantity } createdAt }
    clientExternalId
    userErrors { code message field }
  }
}`;
const AMOUNT = { currency: 'ofctbtc', quantity: '1000' } as const;

interface Stack {
  sandbox: ChildServer;
  gateway: ChildServer;
  direct: Pool;
  /**
   * The direct path's second connection per client, for the allocate screen's second call: its two calls go
   * out at once, as a browser (six connections per origin) sends them, rather than queue on `direct`.
   */
  directSide: Pool;
  viaGateway: Pool;
  /** The BENCH_BASELINE build's gateway, on the same sandbox. */
  baseline?: ChildServer;
  viaBaseline?: Pool;
}

const runId = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
let sequence = 0;

/** The pool a path's requests go to. */
function poolOf(stack: Stack, path: PathName): Pool {
  if (path === 'direct') return stack.direct;
  if (path === 'gateway') return stack.viaGateway;
  if (!stack.viaBaseline) throw new Error('no baseline gateway in this run');
  return stack.viaBaseline;
}

function operations(stack: Stack, scenario: Scenario): Record<PathName, Operation> {
  const baseline = (via: (pool: Pool) => Operation): Operation => (stack.viaBaseline ? via(stack.viaBaseline) : () => Promise.reject(new Error('no baseline gateway in this run')));
  if (scenario === 'list') {
    const list =
      (pool: Pool): Operation =>
      async () => {
        const { statusCode, body } = await pool.request({ method: 'POST', path: '/graphql', headers: GQL_HEADERS, body: LIST_QUERY });
        const text = await body.text();
        return statusCode === 200 && text.startsWith('{"data":{"allocations":{');
      };
    return {
      async direct() {
        const { statusCode, body } = await stack.direct.request({ method: 'GET', path: LIST_PATH, headers: REST_HEADERS });
        const text = await body.text();
        return statusCode === 200 && text.startsWith('{"allocations":[');
      },
      gateway: list(stack.viaGateway),
      baseline: baseline(list),
    };
  }
  if (scenario === 'screen') {
    const screen =
      (pool: Pool): Operation =>
      async () => {
        const { statusCode, body } = await pool.request({ method: 'POST', path: '/graphql', headers: GQL_HEADERS, body: SCREEN_QUERY });
        const text = await body.text();
        return statusCode === 200 && text.startsWith('{"data":{"balances":{');
      };
    return {
      // Without the gateway a frontend makes both calls itself, at once, and joins them by connection id.
      async direct() {
        const answers = await Promise.all([
          stack.direct.request({ method: 'GET', path: SCREEN_CONNECTIONS_PATH, headers: REST_HEADERS }),
          stack.directSide.request({ method: 'GET', path: SCREEN_BALANCES_PATH, headers: REST_HEADERS }),
        ]);
        const [connections, balances] = await Promise.all(answers.map((a) => a.body.text()));
        return (
          answers.every((a) => a.statusCode === 200) && connections!.startsWith('{"connections":[') && balances!.startsWith('{"clientId":')
        );
      },
      gateway: screen(stack.viaGateway),
      baseline: baseline(screen),
    };
  }
  const privateKey = HDKey.fromExtendedKey(XPRV).privateKey!;
  const allocate =
    (pool: Pool): Operation =>
    async () => {
      const input = { connectionId: CONNECTION, amount: AMOUNT, clientExternalId: `bench-${runId}-${sequence++}` };
      const { statusCode, body } = await pool.request({
        method: 'POST',
        path: '/graphql',
        headers: GQL_HEADERS,
        body: JSON.stringify({ query: ALLOCATE_MUTATION, variables: { input } }),
      });
      const text = await body.text();
      return statusCode === 200 && text.includes('"status":"CLEARED"') && text.includes('"userErrors":[]');
    };
  return {
    // What a client without the gateway does: ask for the canonical payload, sign it, submit it.
    async direct() {
      const request = { amount: AMOUNT, clientExternalId: `bench-${runId}-${sequence++}`, nonce: randomBytes(32).toString('hex') };
      const signing = await stack.direct.request({ method: 'POST', path: `${CONNECTION_PATH}/allocations/signing`, headers: REST_JSON_HEADERS, body: JSON.stringify(request) });
      const { payload } = (await signing.body.json()) as { payload: string };
      if (signing.statusCode !== 200) return false;
      const signature = signMessage(privateKey, payload);
      const submit = await stack.direct.request({
        method: 'POST',
        path: `${CONNECTION_PATH}/allocations`,
        headers: REST_JSON_HEADERS,
        body: JSON.stringify({ ...request, payload, signature }),
      });
      const text = await submit.body.text();
      return submit.statusCode === 200 && text.includes('"status":"cleared"');
    },
    gateway: allocate(stack.viaGateway),
    baseline: baseline(allocate),
  };
}

/** Bytes of one answer of a path: the two paths do not carry the same JSON. */
async function sizeOf(stack: Stack, scenario: Scenario, path: PathName): Promise<number> {
  if (scenario === 'screen') {
    const pool = poolOf(stack, path);
    if (path !== 'direct') return Buffer.byteLength(await (await pool.request({ method: 'POST', path: '/graphql', headers: GQL_HEADERS, body: SCREEN_QUERY })).body.text());
    let bytes = 0;
    for (const p of [SCREEN_CONNECTIONS_PATH, SCREEN_BALANCES_PATH]) bytes += Buffer.byteLength(await (await pool.request({ method: 'GET', path: p, headers: REST_HEADERS })).body.text());
    return bytes;
  }
  if (scenario === 'list') {
    const pool = poolOf(stack, path);
    const res =
      path === 'direct'
        ? await pool.request({ method: 'GET', path: LIST_PATH, headers: REST_HEADERS })
        : await pool.request({ method: 'POST', path: '/graphql', headers: GQL_HEADERS, body: LIST_QUERY });
    const text = await res.body.text();
    return Buffer.byteLength(text);
  }
  return Number.NaN;
}

/**
 * The order of the paths in one round. Without a baseline: direct, then the gateway, as always. With one: direct,
 * then the two gateways back to back, their order swapped every round so neither always runs right after direct.
 */
function roundOrder(stack: Stack, round: number): PathName[] {
  if (!stack.baseline) return ['direct', 'gateway'];
  return round % 2 === 0 ? ['direct', 'baseline', 'gateway'] : ['direct', 'gateway', 'baseline'];
}

async function measure(stack: Stack, scenario: Scenario, latencyMs: number): Promise<ScenarioResult> {
  const ops = operations(stack, scenario);
  const paths: PathName[] = stack.baseline ? ['direct', 'gateway', 'baseline'] : ['direct', 'gateway'];
  // Warm up: opens every keep-alive connection on both hops and lets the JIT settle.
  for (const path of paths) {
    const warm = await closedLoop(ops[path], CONCURRENCY, WARMUP_SECONDS * 1000, STAGGER_MS);
    if (warm.errors > 0 || warm.latencies.length === 0) {
      throw new Error(`${scenario} ${path} warm-up: ${warm.errors} failed operations of ${warm.errors + warm.latencies.length}`);
    }
  }
  const runs: Record<PathName, RunResult[]> = { direct: [], gateway: [], baseline: [] };
  const rounds: Record<PathName, RoundResult[]> = { direct: [], gateway: [], baseline: [] };
  // `gateway`: the gateway serving the path (this build's while direct runs); `idle`: the other one, if any.
  const zero = () => ({ sandbox: 0, gateway: 0, idle: 0, generator: 0, machine: 0, wall: 0, database: 0 });
  const cpu: Record<PathName, ReturnType<typeof zero>> = { direct: zero(), gateway: zero(), baseline: zero() };
  const gatewayCpu = (): { gateway: number; baseline: number } => ({ gateway: stack.gateway.cpuMs(), baseline: stack.baseline?.cpuMs() ?? 0 });
  // Alternate the paths so that drift (GC, thermal, neighbours) falls on both alike.
  for (let round = 0; round < ROUNDS; round++) {
    for (const path of roundOrder(stack, round)) {
      const databaseBefore = await STORE.serverCpu();
      const before = { sandbox: stack.sandbox.cpuMs(), ...gatewayCpu(), generator: cpuMsOf(process.pid), machine: machineBusyMs(), wall: performance.now() };
      const run = await closedLoop(ops[path], CONCURRENCY, (SECONDS * 1000) / ROUNDS, STAGGER_MS);
      runs[path].push(run);
      cpu[path].database += serverCpuBetween(databaseBefore, await STORE.serverCpu());
      const after = gatewayCpu();
      const used = { gateway: after.gateway - before.gateway, baseline: after.baseline - before.baseline };
      const served = path === 'baseline' ? used.baseline : used.gateway;
      const c = cpu[path];
      c.sandbox += stack.sandbox.cpuMs() - before.sandbox;
      c.gateway += served;
      c.idle += path === 'baseline' ? used.gateway : used.baseline;
      c.generator += cpuMsOf(process.pid) - before.generator;
      c.machine += machineBusyMs() - before.machine;
      c.wall += performance.now() - before.wall;
      rounds[path].push({ cpuMsPerOp: served / run.latencies.length, p50: summarize([run]).p50 });
    }
  }
  const result = (path: PathName, responseBytes: number): PathResult => {
    const c = cpu[path];
    const pct = (ms: number): number => (ms / c.wall) * 100;
    const other = Math.max(0, c.machine - c.sandbox - c.gateway - c.idle - c.generator);
    const ops = runs[path].reduce((n, r) => n + r.latencies.length, 0);
    return {
      summary: summarize(runs[path]),
      cpu: { sandbox: pct(c.sandbox), gateway: pct(c.gateway), generator: pct(c.generator), other: Math.max(0, pct(other - c.database)) },
      responseBytes,
      rounds: rounds[path],
      ...(STORE.kind === 'postgres' && path === 'gateway' ? { databaseCpuMsPerOp: c.database / ops } : {}),
    };
  };
  return {
    scenario,
    latencyMs,
    direct: result('direct', await sizeOf(stack, scenario, 'direct')),
    gateway: result('gateway', await sizeOf(stack, scenario, 'gateway')),
    ...(stack.baseline ? { baseline: result('baseline', await sizeOf(stack, scenario, 'baseline')) } : {}),
  };
}

/** A gateway's extra environment, with the sink's URL for the placeholder. */
function withSink(extra: Record<string, string>, sink: OtlpSink | undefined): Record<string, string> {
  return extra.OTEL_EXPORTER_OTLP_ENDPOINT === 'sink' && sink ? { ...extra, OTEL_EXPORTER_OTLP_ENDPOINT: sink.url } : extra;
}

async function startStack(latencyMs: number, baseline: BaselineBuild | undefined, sink: OtlpSink | undefined): Promise<Stack> {
  const sandbox = await startSandboxChild({ latencyMs, nodeArgs: nodeArgs('BENCH_SANDBOX_NODE_ARGS') });
  const gateways: ChildServer[] = [];
  try {
    const options = { upstream: sandbox.origin, token: SANDBOX_TOKEN, enterpriseId: ENTERPRISE, signingXprv: XPRV, nodeArgs: nodeArgs('BENCH_GATEWAY_NODE_ARGS') };
    // READ_CACHE=false unless BENCH_GATEWAY_ENV says otherwise: these scenarios measure the path to BitGo (read-cache.ts measures the cache).
    gateways.push(await startGatewayChild({ ...options, env: { READ_CACHE: 'false', ...STORE.gatewayEnv(), ...withSink(GATEWAY_ENV, sink) } }));
    // The same store environment: a build from before the journal ignores it.
    if (baseline) gateways.push(await startGatewayChild({ ...options, entry: baseline.entry, env: { READ_CACHE: 'false', ...STORE.gatewayEnv(), ...withSink(BASELINE_ENV, sink) } }));
  } catch (error) {
    for (const gateway of gateways) await gateway.stop();
    await sandbox.stop();
    throw error;
  }
  const [gateway, baselineGateway] = gateways as [ChildServer, ChildServer | undefined];
  const pool = (origin: string): Pool => new Pool(origin, { connections: CONCURRENCY, pipelining: 1, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 600_000 });
  const stack: Stack = { sandbox, gateway, direct: pool(sandbox.origin), directSide: pool(sandbox.origin), viaGateway: pool(gateway.origin) };
  if (baselineGateway) Object.assign(stack, { baseline: baselineGateway, viaBaseline: pool(baselineGateway.origin) });
  return stack;
}

async function stopStack(stack: Stack): Promise<void> {
  await Promise.all([stack.direct.close(), stack.directSide.close(), stack.viaGateway.close(), stack.viaBaseline?.close()]);
  await stack.gateway.stop();
  await stack.baseline?.stop();
  await stack.sandbox.stop();
}

/** In-process, with no servers running: the signer alone, then the gateway's SigningService (screening + sign + verify). */
async function signerBench(): Promise<SignerResult[]> {
  const payloads = Array.from({ length: 512 }, (_, i) =>
    // Shaped as BitGo's allocate payloads are (keys in the contract's order).
    JSON.stringify({
      amount: AMOUNT,
      clientExternalId: `bench-signer-${i}`,
      nonce: randomBytes(32).toString('hex'),
      connectionId: CONNECTION,
      enterpriseId: ENTERPRISE,
    }),
  );
  const signer = new LocalKeySigner(XPRV);
  const service = new SigningService(new LocalKeySigner(XPRV));
  const time = async (name: string, sign: (payload: string) => Promise<string>): Promise<SignerResult> => {
    for (let i = 0; i < 200; i++) await sign(payloads[i % payloads.length]!);
    let n = 0;
    const start = performance.now();
    const until = start + 2_000;
    while (performance.now() < until) {
      for (let k = 0; k < 20; k++, n++) await sign(payloads[n % payloads.length]!);
    }
    const ms = performance.now() - start;
    return { name, perSecond: (n / ms) * 1000, microseconds: (ms / n) * 1000 };
  };
  return [await time('LocalKeySigner.sign (sign only)', (p) => signer.sign(p)), await time('SigningService.sign (screen + sign + verify)', (p) => service.sign(p))];
}

function runInfo(baseline: BaselineBuild | undefined): RunInfo {
  const method =
    `Node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model.trim() ?? 'unknown'}); ${CONCURRENCY} concurrent clients (closed loop, undici Pool, ` +
    `${CONCURRENCY} keep-alive connections per origin); ${SECONDS} s measured per path and scenario in ${ROUNDS} alternating rounds after ${WARMUP_SECONDS} s warm-up per path. ` +
    `Sandbox, gateway and load generator are three processes; the clients' first requests are spread over ${STAGGER_MS} ms (BENCH_STAGGER_MS). ` +
    `Gateway: \`node ${[...DEPLOYED_NODE_FLAGS, ...nodeArgs('BENCH_GATEWAY_NODE_ARGS')].join(' ')} dist/src/main.js\` (as \`npm start\` runs it), NODE_ENV=${env.BENCH_NODE_ENV ?? 'production'}, LOG_LEVEL=info${env.BENCH_DIST ? `, build ${env.BENCH_DIST}` : ''}${env.BENCH_GATEWAY_ENV ? `, ${env.BENCH_GATEWAY_ENV}` : ''}; ${STORE.describe()}. ` +
    (baseline
      ? `Baseline gateway (BENCH_BASELINE=${baseline.ref}, ${baseline.commit.slice(0, 12)}${env.BENCH_BASELINE_ENV ? `, ${env.BENCH_BASELINE_ENV}` : ''}): ${baseline.subject}, run the same way beside this build's, on the same sandbox. `
      : '') +
    '`list`: `GET …/clients/allocations?pageSize=25` direct vs `allocations(first: 25)` (every field, edges with cursors) through the gateway. ' +
    '`allocate screen`: `GET …/clients/connections?active=true&pageSize=25` and `GET …/clients/balances` at once, direct (on two connections per client), vs one query for the balances and the active connections with theirs through the gateway (which makes the same two calls at once). ' +
    '`allocate`: signing-payload POST + local signature + allocation POST direct vs one `allocate` mutation (the gateway makes the same two calls and also verifies its signature). ' +
    'CPU columns are % of one core during the measured runs (from /proc); gateway CPU ms/op = gateway CPU / completed operations.';
  return {
    method,
    rounds: ROUNDS,
    secondsPerRun: SECONDS / ROUNDS,
    ...(baseline ? { baseline: { ref: baseline.ref, commit: baseline.commit, subject: baseline.subject, dependencies: baseline.dependencies } } : {}),
  };
}

async function main(): Promise<void> {
  const baseline = BASELINE_REF ? buildBaseline(BASELINE_REF, (line) => process.stderr.write(`${line}\n`)) : undefined;
  const info = runInfo(baseline);
  const results: ScenarioResult[] = [];
  const sink = NEEDS_SINK ? await startOtlpSink() : undefined;
  try {
    for (const latencyMs of LATENCIES) {
      // A fresh sandbox per latency: allocations made by one scenario must not grow the list the next one reads.
      const stack = await startStack(latencyMs, baseline, sink);
      try {
        for (const scenario of SCENARIOS) {
          process.stderr.write(`bench: ${scenario} @ ${latencyMs} ms …\n`);
          const r = await measure(stack, scenario, latencyMs);
          results.push(r);
          process.stderr.write(render([r], [], info).split('\n').filter((l) => l.startsWith(`| ${label(r)}`)).join('\n') + '\n');
        }
      } finally {
        await stopStack(stack);
      }
    }
  } finally {
    baseline?.remove();
    if (sink) process.stderr.write(`bench: the OTLP sink received ${sink.requests()} export requests (${(sink.bytes() / 1024).toFixed(0)} KB)\n`);
    await sink?.close();
    await STORE.dispose();
  }
  let live: LiveResult | undefined;
  if (env.BENCH_LIVE !== '0') {
    const options = {
      subscribers: Number(env.BENCH_LIVE_SUBSCRIBERS ?? 1000),
      concurrency: Number(env.BENCH_LIVE_CONCURRENCY ?? 8),
      seconds: Number(env.BENCH_LIVE_SECONDS ?? 6),
      samples: Number(env.BENCH_LIVE_SAMPLES ?? 50),
    };
    live = await liveBench(options, (line) => process.stderr.write(`bench: ${line}\n`));
    process.stderr.write(renderLive(live));
  }
  // The read cache's own scenarios (read-cache.ts): BENCH_READ_CACHE=0 skips them.
  const readCache = env.BENCH_READ_CACHE === '0' ? undefined : await readCacheBench((line) => process.stderr.write(`bench: ${line}\n`));
  if (readCache) process.stderr.write(renderReadCache(readCache));
  process.stderr.write('bench: signer …\n');
  const signers = await signerBench();
  const table = render(results, signers, info) + (live ? renderLive(live) : '') + (readCache ? renderReadCache(readCache) : '');
  process.stdout.write(table);
  if (RESULTS !== '-') writeFileSync(RESULTS, table);
}

await main();
