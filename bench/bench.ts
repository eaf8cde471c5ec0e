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
import { closedLoop, summarize, type Operation, type RunResult, type Summary } from './load.js';
import { cpuMsOf, DEPLOYED_NODE_FLAGS, machineBusyMs, startGatewayChild, startSandboxChild, type ChildServer } from './procs.js';

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
 * "list,allocate"), BENCH_STAGGER_MS (spread of the clients' first requests,
 * default 50), BENCH_NODE_ENV (the gateway's NODE_ENV, default production),
 * BENCH_GATEWAY_NODE_ARGS / BENCH_SANDBOX_NODE_ARGS (e.g. "--cpu-prof
 * --cpu-prof-dir=/tmp/prof"), BENCH_DIST (another build of src/, see
 * what-if.sh), BENCH_RESULTS (output file, default bench/results.md; "-" for none).
 */

const env = process.env;
const SECONDS = Number(env.BENCH_SECONDS ?? 6);
const WARMUP_SECONDS = Number(env.BENCH_WARMUP_SECONDS ?? 2);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 50);
const LATENCIES = (env.BENCH_LATENCIES ?? '50,0').split(',').map(Number);
const SCENARIOS = (env.BENCH_SCENARIOS ?? 'list,allocate').split(',') as Scenario[];
const ROUNDS = 2;
const STAGGER_MS = Number(env.BENCH_STAGGER_MS ?? 50);
const nodeArgs = (name: string): string[] => (env[name] ?? '').split(' ').filter((a) => a !== '');
const RESULTS = env.BENCH_RESULTS ?? fileURLToPath(new URL('../../bench/results.md', import.meta.url));

type Scenario = 'list' | 'allocate';
type PathName = 'direct' | 'gateway';

const TARGETS = { p50: 1.05, p99: 1.25 } as const;

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
  viaGateway: Pool;
}

interface PathResult {
  summary: Summary;
  /** CPU used during the measured runs, as % of one core: sandbox, gateway, generator (this process), anything else on the machine. */
  cpu: { sandbox: number; gateway: number; generator: number; other: number };
  responseBytes: number;
}

interface ScenarioResult {
  scenario: Scenario;
  latencyMs: number;
  direct: PathResult;
  gateway: PathResult;
}

const runId = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
let sequence = 0;

function operations(stack: Stack, scenario: Scenario): Record<PathName, Operation> {
  if (scenario === 'list') {
    return {
      async direct() {
        const { statusCode, body } = await stack.direct.request({ method: 'GET', path: LIST_PATH, headers: REST_HEADERS });
        const text = await body.text();
        return statusCode === 200 && text.startsWith('{"allocations":[');
      },
      async gateway() {
        const { statusCode, body } = await stack.viaGateway.request({ method: 'POST', path: '/graphql', headers: GQL_HEADERS, body: LIST_QUERY });
        const text = await body.text();
        return statusCode === 200 && text.startsWith('{"data":{"allocations":{');
      },
    };
  }
  const privateKey = HDKey.fromExtendedKey(XPRV).privateKey!;
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
    async gateway() {
      const input = { connectionId: CONNECTION, amount: AMOUNT, clientExternalId: `bench-${runId}-${sequence++}` };
      const { statusCode, body } = await stack.viaGateway.request({
        method: 'POST',
        path: '/graphql',
        headers: GQL_HEADERS,
        body: JSON.stringify({ query: ALLOCATE_MUTATION, variables: { input } }),
      });
      const text = await body.text();
      return statusCode === 200 && text.includes('"status":"CLEARED"') && text.includes('"userErrors":[]');
    },
  };
}

/** Bytes of one answer of a path: the two paths do not carry the same JSON. */
async function sizeOf(stack: Stack, scenario: Scenario, path: PathName): Promise<number> {
  if (scenario === 'list') {
    const pool = path === 'direct' ? stack.direct : stack.viaGateway;
    const res =
      path === 'direct'
        ? await pool.request({ method: 'GET', path: LIST_PATH, headers: REST_HEADERS })
        : await pool.request({ method: 'POST', path: '/graphql', headers: GQL_HEADERS, body: LIST_QUERY });
    const text = await res.body.text();
    return Buffer.byteLength(text);
  }
  return Number.NaN;
}

async function measure(stack: Stack, scenario: Scenario, latencyMs: number): Promise<ScenarioResult> {
  const ops = operations(stack, scenario);
  const paths: PathName[] = ['direct', 'gateway'];
  // Warm up: opens every keep-alive connection on both hops and lets the JIT settle.
  for (const path of paths) {
    const warm = await closedLoop(ops[path], CONCURRENCY, WARMUP_SECONDS * 1000, STAGGER_MS);
    if (warm.errors > 0 || warm.latencies.length === 0) {
      throw new Error(`${scenario} ${path} warm-up: ${warm.errors} failed operations of ${warm.errors + warm.latencies.length}`);
    }
  }
  const runs: Record<PathName, RunResult[]> = { direct: [], gateway: [] };
  const cpu: Record<PathName, { sandbox: number; gateway: number; generator: number; machine: number; wall: number }> = {
    direct: { sandbox: 0, gateway: 0, generator: 0, machine: 0, wall: 0 },
    gateway: { sandbox: 0, gateway: 0, generator: 0, machine: 0, wall: 0 },
  };
  // Alternate the paths so that drift (GC, thermal, neighbours) falls on both alike.
  for (let round = 0; round < ROUNDS; round++) {
    for (const path of paths) {
      const before = { sandbox: stack.sandbox.cpuMs(), gateway: stack.gateway.cpuMs(), generator: cpuMsOf(process.pid), machine: machineBusyMs(), wall: performance.now() };
      runs[path].push(await closedLoop(ops[path], CONCURRENCY, (SECONDS * 1000) / ROUNDS, STAGGER_MS));
      const c = cpu[path];
      c.sandbox += stack.sandbox.cpuMs() - before.sandbox;
      c.gateway += stack.gateway.cpuMs() - before.gateway;
      c.generator += cpuMsOf(process.pid) - before.generator;
      c.machine += machineBusyMs() - before.machine;
      c.wall += performance.now() - before.wall;
    }
  }
  const result = (path: PathName, responseBytes: number): PathResult => {
    const c = cpu[path];
    const pct = (ms: number): number => (ms / c.wall) * 100;
    const other = Math.max(0, c.machine - c.sandbox - c.gateway - c.generator);
    return { summary: summarize(runs[path]), cpu: { sandbox: pct(c.sandbox), gateway: pct(c.gateway), generator: pct(c.generator), other: pct(other) }, responseBytes };
  };
  return {
    scenario,
    latencyMs,
    direct: result('direct', await sizeOf(stack, scenario, 'direct')),
    gateway: result('gateway', await sizeOf(stack, scenario, 'gateway')),
  };
}

async function startStack(latencyMs: number): Promise<Stack> {
  const sandbox = await startSandboxChild({ latencyMs, nodeArgs: nodeArgs('BENCH_SANDBOX_NODE_ARGS') });
  let gateway: ChildServer;
  try {
    gateway = await startGatewayChild({
      upstream: sandbox.origin,
      token: SANDBOX_TOKEN,
      enterpriseId: ENTERPRISE,
      signingXprv: XPRV,
      nodeArgs: nodeArgs('BENCH_GATEWAY_NODE_ARGS'),
    });
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
  const pool = (origin: string): Pool => new Pool(origin, { connections: CONCURRENCY, pipelining: 1, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 600_000 });
  return { sandbox, gateway, direct: pool(sandbox.origin), viaGateway: pool(gateway.origin) };
}

async function stopStack(stack: Stack): Promise<void> {
  await Promise.all([stack.direct.close(), stack.viaGateway.close()]);
  await stack.gateway.stop();
  await stack.sandbox.stop();
}

interface SignerResult {
  name: string;
  perSecond: number;
  microseconds: number;
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

const f1 = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const f2 = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
const f0 = (x: number): string => (Number.isFinite(x) ? Math.round(x).toString() : 'n/a');

function label(r: ScenarioResult): string {
  return r.scenario === 'list' ? `list @ ${r.latencyMs} ms` : `allocate @ ${r.latencyMs} ms`;
}

function render(results: readonly ScenarioResult[], signers: readonly SignerResult[]): string {
  const lines: string[] = [];
  lines.push('# Benchmark results', '');
  lines.push(
    `Node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model.trim() ?? 'unknown'}); ${CONCURRENCY} concurrent clients (closed loop, undici Pool, ` +
      `${CONCURRENCY} keep-alive connections per origin); ${SECONDS} s measured per path and scenario in ${ROUNDS} alternating rounds after ${WARMUP_SECONDS} s warm-up per path. ` +
      `Sandbox, gateway and load generator are three processes; the clients' first requests are spread over ${STAGGER_MS} ms (BENCH_STAGGER_MS). ` +
      `Gateway: \`node ${[...DEPLOYED_NODE_FLAGS, ...nodeArgs('BENCH_GATEWAY_NODE_ARGS')].join(' ')} dist/src/main.js\` (as \`npm start\` runs it), NODE_ENV=${env.BENCH_NODE_ENV ?? 'production'}, LOG_LEVEL=info${env.BENCH_DIST ? `, build ${env.BENCH_DIST}` : ''}. ` +
      '`list`: `GET …/clients/allocations?pageSize=25` direct vs `allocations(first: 25)` (every field, edges with cursors) through the gateway. ' +
      '`allocate`: signing-payload POST + local signature + allocation POST direct vs one `allocate` mutation (the gateway makes the same two calls and also verifies its signature). ' +
      'CPU columns are % of one core during the measured runs (from /proc); gateway CPU ms/op = gateway CPU / completed operations.',
    '',
  );
  lines.push('| scenario | path | p50 ms | p99 ms | throughput /s | ops | errors | CPU % sandbox / gateway / generator / other | gateway CPU ms/op | response bytes |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---|---:|---:|');
  for (const r of results) {
    for (const path of ['direct', 'gateway'] as const) {
      const p = r[path];
      const s = p.summary;
      lines.push(
        `| ${label(r)} | ${path} | ${f1(s.p50)} | ${f1(s.p99)} | ${f0(s.throughput)} | ${s.count} | ${s.errors} | ` +
          `${f0(p.cpu.sandbox)} / ${path === 'direct' ? '–' : f0(p.cpu.gateway)} / ${f0(p.cpu.generator)} / ${f0(p.cpu.other)} | ` +
          `${path === 'direct' ? '–' : f2((p.cpu.gateway * 10) / s.throughput)} | ${f0(p.responseBytes)} |`,
      );
    }
  }
  lines.push('', '## Ratios (gateway / direct)', '');
  lines.push('| scenario | p50 ratio | p99 ratio | throughput ratio | targets |');
  lines.push('|---|---:|---:|---:|---|');
  for (const r of results) {
    const p50 = r.gateway.summary.p50 / r.direct.summary.p50;
    const p99 = r.gateway.summary.p99 / r.direct.summary.p99;
    const tp = r.gateway.summary.throughput / r.direct.summary.throughput;
    let verdict = 'reported only';
    if (r.scenario === 'list' && r.latencyMs === 50) {
      const ok50 = p50 <= TARGETS.p50;
      const ok99 = p99 <= TARGETS.p99;
      verdict = `p50 ≤ ${TARGETS.p50}: ${ok50 ? 'met' : 'MISSED'}; p99 ≤ ${TARGETS.p99}: ${ok99 ? 'met' : 'MISSED'}`;
    }
    lines.push(`| ${label(r)} | ${f2(p50)} | ${f2(p99)} | ${f2(tp)} | ${verdict} |`);
  }
  if (signers.length > 0) {
    lines.push('', '## Signer (in process, one core, no servers running)', '');
    lines.push('| what | signatures / s | µs each |');
    lines.push('|---|---:|---:|');
    for (const s of signers) lines.push(`| ${s.name} | ${f0(s.perSecond)} | ${f0(s.microseconds)} |`);
  }
  lines.push('');
  return lines.join('\n');
}

async function main(): Promise<void> {
  const results: ScenarioResult[] = [];
  for (const latencyMs of LATENCIES) {
    // A fresh sandbox per latency: allocations made by one scenario must not grow the list the next one reads.
    const stack = await startStack(latencyMs);
    try {
      for (const scenario of SCENARIOS) {
        process.stderr.write(`bench: ${scenario} @ ${latencyMs} ms …\n`);
        const r = await measure(stack, scenario, latencyMs);
        results.push(r);
        process.stderr.write(render([r], []).split('\n').filter((l) => l.startsWith(`| ${label(r)}`)).join('\n') + '\n');
      }
    } finally {
      await stopStack(stack);
    }
  }
  process.stderr.write('bench: signer …\n');
  const signers = await signerBench();
  const table = render(results, signers);
  process.stdout.write(table);
  if (RESULTS !== '-') writeFileSync(RESULTS, table);
}

await main();
