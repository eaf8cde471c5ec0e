import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export const MAIN = fileURLToPath(new URL('../../src/main.js', import.meta.url));

/** `npm start` as a child process: `node dist/src/main.js` with the given environment. */
export interface MainProcess {
  child: ChildProcessWithoutNullStreams;
  /** http://127.0.0.1:PORT/graphql */
  url: string;
  /** The ready line, parsed (pino JSON): upstream, sandboxUrl, sandboxBooks, … */
  ready: Record<string, unknown>;
  /** Everything written so far. */
  output(): string;
  /** Resolves with the exit code and signal. */
  exited: Promise<[number | null, NodeJS.Signals | null]>;
}

export async function startMain(env: Record<string, string>, timeoutMs = 30_000): Promise<MainProcess> {
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line within ${timeoutMs} ms in: ${out}`)), timeoutMs);
    const look = () => {
      const found = out.split('\n').find((l) => /gateway ready at/.test(l));
      if (found) {
        clearTimeout(timer);
        child.stdout.off('data', look);
        resolve(found);
      }
    };
    child.stdout.on('data', look);
    void exited.then(([code, signal]) => {
      clearTimeout(timer);
      reject(new Error(`main exited (${code ?? signal}) before it was ready: ${out}`));
    });
  });
  const ready = JSON.parse(line) as Record<string, unknown>;
  const url = /ready at (http:\/\/[^\s"]+\/graphql)/.exec(line)![1]!;
  return { child, url, ready, output: () => out, exited };
}

export async function gql<T = Record<string, unknown>>(url: string, query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: unknown[] }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: T; errors?: unknown[] };
}
