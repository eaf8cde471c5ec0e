import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

export interface TestPostgres {
  /** postgres://… of a database the test may use as it likes (in schemas of its own). */
  url: string;
  /** Where it came from, for the test's diagnostics. */
  origin: 'TEST_DATABASE_URL' | 'a throwaway cluster';
  stop(): Promise<void>;
}

/**
 * A PostgreSQL for the tests that need one whatever the environment: TEST_DATABASE_URL when set (CI sets it);
 * else a throwaway cluster started from the local binaries (initdb and pg_ctl in a temporary directory, as the
 * `postgres` user when the tests run as root, since PostgreSQL refuses to run as root); else an error saying
 * what to install or set. Never a skip.
 */
export async function testPostgres(): Promise<TestPostgres> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) return { url: given, origin: 'TEST_DATABASE_URL', stop: async () => {} };
  const bin = postgresBin();
  if (!bin) {
    throw new Error(
      'This test needs PostgreSQL: set TEST_DATABASE_URL (as .ci/run does), or install the server binaries (apt-get install postgresql) so the test can start a throwaway cluster',
    );
  }
  const asRoot = userInfo().uid === 0;
  const dir = mkdtempSync(join(tmpdir(), 'test-pg-'));
  const run = (file: string, args: string[]): void => {
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, file), ...args]] : [join(bin, file), args];
    const result = spawnSync(cmd, argv as string[], { encoding: 'utf8', cwd: dir });
    if (result.status !== 0) throw new Error(`${file} failed (${result.status}): ${result.stderr || result.stdout}`);
  };
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()), Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()));
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`, 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    origin: 'a throwaway cluster',
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The directory of pg_ctl and initdb: on the PATH, or Debian's /usr/lib/postgresql/<version>/bin (newest). */
function postgresBin(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'pg_ctl')) && existsSync(join(dir, 'initdb'))) return dir;
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

