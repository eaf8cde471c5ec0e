import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The soak's own PostgreSQL and Redis, which it restarts and kills: never the shared ones (other people's tests run
 * on them). PostgreSQL is a throw-away cluster (initdb) under a temporary directory, run as the `postgres` user when
 * this runs as root (the server refuses root); Redis a redis-server that saves nothing.
 */
export interface Restartable {
  url: string;
  /** The fault: PostgreSQL a fast shutdown (what `pg_ctlcluster … restart -m fast` does), Redis kill -9. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good and removes its files. */
  dispose(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const PG_BIN = process.env.SOAK_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const asRoot = process.getuid?.() === 0;

function pgCommand(binary: string, args: string[]): [string, string[]] {
  return asRoot ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, binary), ...args]] : [join(PG_BIN, binary), args];
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string, withinMs = 30_000): Promise<void> {
  for (const end = Date.now() + withinMs; !(await check()); ) {
    if (Date.now() > end) throw new Error(`${what} not ready within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function exited(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function privatePostgres(): Promise<Restartable> {
  const dir = mkdtempSync(join(tmpdir(), 'soak-pg-'));
  if (asRoot) {
    const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    chownSync(dir, Number(ids.stdout.trim()), Number(gid.stdout.trim()));
  }
  const data = join(dir, 'data');
  const [initdb, initArgs] = pgCommand('initdb', ['-D', data, '-U', 'soak', '-A', 'trust', '--no-sync']);
  const init = spawnSync(initdb, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const port = await freePort();
  let child: ChildProcess | undefined;
  const ready = (): boolean => spawnSync(join(PG_BIN, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)]).status === 0;
  const start = async (): Promise<void> => {
    const [postgres, args] = pgCommand('postgres', ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off']);
    child = spawn(postgres, args, { stdio: 'ignore' });
    await waitFor(ready, 'PostgreSQL');
  };
  const stop = async (): Promise<void> => {
    // A fast shutdown: backends are terminated, clients see their connections end (runuser passes no signal on, so pg_ctl).
    const [pgCtl, args] = pgCommand('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w']);
    if (child && child.exitCode === null && child.signalCode === null) spawnSync(pgCtl, args, { stdio: 'ignore' });
    await exited(child);
  };
  await start();
  return {
    url: `postgres://soak@127.0.0.1:${port}/postgres`,
    stop,
    start,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function privateRedis(): Promise<Restartable> {
  const dir = mkdtempSync(join(tmpdir(), 'soak-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', dir], { stdio: 'ignore' });
    await waitFor(() => spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG', 'Redis');
  };
  const stop = async (): Promise<void> => {
    child?.kill('SIGKILL');
    await exited(child);
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
