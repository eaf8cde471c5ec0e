import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.js';

/**
 * A PostgreSQL cluster of one test file's own, to restart, stop and terminate at will: the shared cluster (and
 * TEST_DATABASE_URL's) serves other tests at the same time and is never touched by a fault test.
 */
export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres: the superuser (trust on loopback), so it may terminate backends. */
  url: string;
  host: string;
  port: number;
  /**
   * `pg_ctl restart -m fast`: every backend is terminated ("administrator command"), then the server is back.
   * Asynchronous (as are stop and start), so the process under test keeps running while the server goes down.
   */
  restart(): Promise<void>;
  /** `pg_ctl stop -m fast`: connections refused until `start`. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** pg_terminate_backend for every client backend but the caller's own; answers how many. */
  terminateBackends(applicationName?: string): Promise<number>;
  /** Stops the cluster and removes its directory. */
  dispose(): void;
}

const BIN = '/usr/lib/postgresql/15/bin';

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  if (!existsSync(join(BIN, 'initdb')) || !existsSync(join(BIN, 'pg_ctl'))) {
    throw new Error(`The fault tests start a PostgreSQL of their own and need its server binaries in ${BIN} (apt-get install postgresql-15); they never restart the shared cluster`);
  }
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'fault-pg-'));
  if (asRoot) {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, id('-u'), id('-g'));
  }
  const run = (file: string, args: string[]): void => {
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(BIN, file), ...args]] : [join(BIN, file), args];
    const result = spawnSync(cmd, argv as string[], { encoding: 'utf8', cwd: dir });
    if (result.status !== 0) throw new Error(`${file} ${args.at(-1)} failed (${result.status}): ${result.stderr || result.stdout}`);
  };
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--no-instructions']);
  const port = await freePort();
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=16MB -c max_connections=60`;
  const ctlArgs = (args: string[]) => ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '30', '-o', serverOptions, ...args];
  run('pg_ctl', ctlArgs(['start']));
  const ctl = (...args: string[]): Promise<void> =>
    new Promise((resolve, reject) => {
      const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(BIN, 'pg_ctl'), ...ctlArgs(args)]] : [join(BIN, 'pg_ctl'), ctlArgs(args)];
      execFile(cmd, argv as string[], { cwd: dir }, (error, stdout, stderr) => (error ? reject(new Error(`pg_ctl ${args.at(-1)} failed: ${stderr || stdout}`)) : resolve()));
    });
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let running = true;
  return {
    url,
    host: '127.0.0.1',
    port,
    restart: () => ctl('-m', 'fast', 'restart'),
    async stop() {
      await ctl('-m', 'fast', 'stop');
      running = false;
    },
    async start() {
      await ctl('start');
      running = true;
    },
    async terminateBackends(applicationName) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        const { rows } = await admin.query<{ n: string }>(
          `SELECT count(pg_terminate_backend(pid))::text AS n FROM pg_stat_activity
            WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND ($1::text IS NULL OR application_name = $1)`,
          [applicationName ?? null],
        );
        return Number(rows[0]!.n);
      } finally {
        await admin.end();
      }
    },
    dispose() {
      try {
        if (running) run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

