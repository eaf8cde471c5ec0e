import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The sandbox and the gateway each run in a child process of their own, as they
 * would in production, so that the load generator (this process) does not share
 * an event loop with either of them.
 */

// BENCH_DIST: another build of src/ (e.g. a patched copy) to measure a change before making it.
const DIST = process.env.BENCH_DIST ? `${process.env.BENCH_DIST.replace(/\/+$/, '')}/` : fileURLToPath(new URL('../src/', import.meta.url));

export interface ChildServer {
  /** Origin, e.g. http://127.0.0.1:43123 (no path). */
  origin: string;
  pid: number;
  /** CPU time (user + system) the process and its live child processes have used so far, in milliseconds. */
  cpuMs(): number;
  stop(): Promise<void>;
}

export interface SandboxChildOptions {
  latencyMs: number;
  nodeArgs?: readonly string[];
}

export async function startSandboxChild(options: SandboxChildOptions): Promise<ChildServer> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), `${DIST}sandbox/main.js`], {
    env: { ...process.env, SANDBOX_PORT: '0', SANDBOX_HOST: '127.0.0.1', SANDBOX_LATENCY_MS: String(options.latencyMs) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const match = await waitForLine(child, /BitGo sandbox listening on (http:\/\/\S+)/, 'sandbox');
  return wrap(child, match[1]!);
}

/**
 * The V8 flags `npm start` runs the gateway with (read from package.json's
 * start script, so the bench measures the gateway as it is deployed).
 */
export const DEPLOYED_NODE_FLAGS: readonly string[] = (() => {
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { scripts: Record<string, string> };
  const m = /\bnode((?: --\S+)*) dist\/src\/main\.js/.exec(pkg.scripts.start ?? '');
  if (!m) throw new Error('package.json start script does not run `node … dist/src/main.js`');
  return m[1]!.split(' ').filter((a) => a !== '');
})();

export interface GatewayChildOptions {
  upstream: string;
  token: string;
  enterpriseId: string;
  signingXprv: string;
  nodeArgs?: readonly string[];
  /** Extra environment (e.g. tuning knobs under test). */
  env?: Record<string, string>;
  /** Another build's gateway entry point (BENCH_BASELINE); default this build's (or BENCH_DIST's) main.js. */
  entry?: string;
}

export async function startGatewayChild(options: GatewayChildOptions): Promise<ChildServer> {
  const child = spawn(process.execPath, [...DEPLOYED_NODE_FLAGS, ...(options.nodeArgs ?? []), options.entry ?? `${DIST}main.js`], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      BITGO_BASE_URL: options.upstream,
      BITGO_ACCESS_TOKEN: options.token,
      BITGO_ENTERPRISE_ID: options.enterpriseId,
      SIGNING_XPRV: options.signingXprv,
      // As deployed: info. /graphql itself logs nothing per request below warn.
      LOG_LEVEL: 'info',
      // As deployed. It matters: graphql-js checks every failed instanceof for a
      // second copy of itself outside production, a visible share of execution.
      NODE_ENV: process.env.BENCH_NODE_ENV ?? 'production',
      // Production's per-caller budgets (600 reads, 60 writes a minute) would answer most of the load with 429:
      // off unless a scenario sets budgets of its own in options.env.
      RATE_LIMIT_READS_PER_MINUTE: '0',
      RATE_LIMIT_WRITES_PER_MINUTE: '0',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const match = await waitForLine(child, /gateway ready at (http:\/\/[^/"\s]+)\/graphql/, 'gateway');
  return wrap(child, match[1]!);
}

// Children still running when the bench ends for any reason (an error, Ctrl-C) are stopped with it.
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => process.exit(130));
}

function wrap(child: ChildProcess, origin: string): ChildServer {
  live.add(child);
  child.once('exit', () => live.delete(child));
  // Keep draining stdout (the gateway logs one line per mutation) so the child never blocks on a full pipe.
  child.stdout?.resume();
  const pid = child.pid!;
  return {
    origin,
    pid,
    cpuMs: () => cpuMsOfTree(pid),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

function waitForLine(child: ChildProcess, pattern: RegExp, name: string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => fail(new Error(`${name} did not start within 30 s; output so far:\n${seen}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString('utf8');
      const m = pattern.exec(seen);
      if (m) {
        cleanup();
        resolve(m);
      }
    };
    const onExit = (code: number | null): void => fail(new Error(`${name} exited (code ${code}) before it was ready; output:\n${seen}`));
    const fail = (error: Error): void => {
      cleanup();
      child.kill('SIGKILL');
      reject(error);
    };
    const cleanup = (): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
    };
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

const TICK_MS = 1000 / 100; // USER_HZ is 100 on every Linux we run on.

/** Busy CPU time of the whole machine (every core), in milliseconds; NaN without /proc. */
export function machineBusyMs(): number {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number) as number[];
    return (user! + nice! + system! + irq! + softirq! + (steal ?? 0)) * TICK_MS;
  } catch {
    return Number.NaN;
  }
}

/** A process and its direct children (e.g. cluster workers). */
function cpuMsOfTree(pid: number): number {
  let total = cpuMsOf(pid);
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return total;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) total += cpuMsOf(Number(entry));
    } catch {
      // Ended while being read.
    }
  }
  return total;
}

/** utime + stime from /proc/<pid>/stat; NaN where /proc is not available. */
export function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return Number.NaN;
  }
}
