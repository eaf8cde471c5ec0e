import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { FaultSpec, RequestLogEntry } from '../../src/sandbox/index.js';

/**
 * The sandbox and the gateway as processes of their own (`node dist/src/sandbox/main.js`, `node dist/src/main.js`),
 * for tests that kill one with SIGKILL or run several side by side. Both print a ready line; the ports are
 * ephemeral.
 */
const SANDBOX_MAIN = fileURLToPath(new URL('../../src/sandbox/main.js', import.meta.url));
const GATEWAY_MAIN = fileURLToPath(new URL('../../src/main.js', import.meta.url));

/** Every child a test started; killed when the test process exits, whatever happened. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface Proc {
  readonly pid: number;
  /** Everything it wrote so far. */
  output(): string;
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function start(entry: string, env: Record<string, string>, ready: RegExp, name: string, readyTimeoutMs = 30_000): Promise<{ proc: Proc; match: RegExpExecArray }> {
  const child = spawn(process.execPath, [entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let out = '';
  const exited = once(child, 'exit').then(([code, signal]) => {
    live.delete(child);
    return { code: code as number | null, signal: signal as NodeJS.Signals | null };
  });
  const proc: Proc = {
    pid: child.pid!,
    output: () => out,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} not ready within ${readyTimeoutMs} ms:\n${out}`)), readyTimeoutMs);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString('utf8');
      const match = ready.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ proc, match });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${out}`));
    });
  });
}

/** The control routes of a sandbox started with SANDBOX_CONTROL=1 (src/sandbox/control.route.ts). */
export interface SandboxControl {
  /** `path` as a RegExp is sent as its source. */
  addFault(spec: FaultSpec): Promise<void>;
  clearFaults(): Promise<void>;
  setLatency(ms: number): Promise<void>;
  requests(filter?: { method?: string; path?: RegExp }): Promise<RequestLogEntry[]>;
  resetRequests(): Promise<void>;
}

export interface SandboxProcess extends Proc {
  url: string;
  control: SandboxControl;
}

/** How long one sandbox control call may take before it is abandoned. */
const CONTROL_TIMEOUT_MS = 15_000;

export async function startSandboxProcess(env: Record<string, string> = {}): Promise<SandboxProcess> {
  const { proc, match } = await start(SANDBOX_MAIN, { SANDBOX_PORT: '0', SANDBOX_CONTROL: '1', ...env }, /BitGo sandbox listening on (http:\/\/\S+)/, 'sandbox');
  const url = match[1]!;
  const call = async (method: string, path: string, body?: unknown, attempt = 1): Promise<unknown> => {
    let res: Response;
    let answer: unknown;
    try {
      // Bounded: a control call that never ends would hold its test, and the suite, for good (seen once under load:
      // a request-log read whose body stopped arriving). A read is asked again; anything else fails the test.
      res = await fetch(`${url}/_sandbox/${path}`, {
        method,
        signal: AbortSignal.timeout(CONTROL_TIMEOUT_MS),
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      answer = await res.json();
    } catch (error) {
      if (method === 'GET' && attempt < 3 && (error as Error).name === 'TimeoutError') return call(method, path, body, attempt + 1);
      throw error;
    }
    if (!res.ok) throw new Error(`sandbox control ${method} ${path}: ${res.status} ${JSON.stringify(answer)}`);
    return answer;
  };
  const control: SandboxControl = {
    async addFault(spec) {
      const { path, times, ...rest } = spec;
      await call('POST', 'faults', {
        ...rest,
        ...(path instanceof RegExp ? { pathPattern: path.source } : path === undefined ? {} : { path }),
        ...(times === undefined ? {} : { times: times === Infinity ? null : times }),
      });
    },
    clearFaults: async () => void (await call('DELETE', 'faults')),
    setLatency: async (ms) => void (await call('PUT', 'latency', { ms })),
    async requests(filter = {}) {
      const query = new URLSearchParams({ ...(filter.method ? { method: filter.method } : {}), ...(filter.path ? { path: filter.path.source } : {}) });
      return ((await call('GET', `requests?${query}`)) as { requests: RequestLogEntry[] }).requests;
    },
    resetRequests: async () => void (await call('DELETE', 'requests')),
  };
  return { ...proc, url, control };
}

export interface GatewayProcess extends Proc {
  /** http://127.0.0.1:PORT/graphql */
  url: string;
  /** The ready line, parsed (pino JSON): upstream, store, sandboxUrl, sandboxBooks, … */
  ready: Record<string, unknown>;
}

/**
 * `node dist/src/main.js` (what `npm start` runs) with `env` (PORT=0, LOG_LEVEL=info and, as in every stack, READ_CACHE=false unless given).
 * `readyTimeoutMs`: start-up opens the embedded store (PGlite's WebAssembly), slow on a loaded machine.
 */
export async function startGatewayProcess(env: Record<string, string>, readyTimeoutMs?: number): Promise<GatewayProcess> {
  const { proc, match } = await start(GATEWAY_MAIN, { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', READ_CACHE: 'false', ...env }, /^(.*ready at (http:\/\/[^\s"]+\/graphql).*)\n/m, 'gateway', readyTimeoutMs);
  // The whole line (up to its newline): a chunk may end mid-line.
  return { ...proc, url: match[2]!, ready: JSON.parse(match[1]!) as Record<string, unknown> };
}

/** A GraphQL POST over real HTTP. */
export async function gqlOver<T>(url: string, query: string, variables: Record<string, unknown>): Promise<{ status: number; data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, ...((await res.json()) as object) };
}
