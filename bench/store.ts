import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { cpuMsOf } from './procs.js';

/**
 * Where the gateway under test keeps its journal (BENCH_STORE): `embedded` (default), PGlite in a fresh DATA_DIR
 * per gateway, inside the gateway's process, so its CPU is in the gateway's figure; or `postgres`, the database
 * BENCH_DATABASE_URL (or TEST_DATABASE_URL) names, in a fresh schema per run, dropped at the end. On PostgreSQL the
 * server's backends are other processes: when the server runs on this machine their CPU is read from /proc and
 * reported beside the gateway's. A baseline build from before the journal ignores all of it.
 */
export type StoreKind = 'embedded' | 'postgres';

export interface BenchStore {
  kind: StoreKind;
  /** Environment for one gateway child. */
  gatewayEnv(): Record<string, string>;
  /** CPU (ms) used so far by each backend serving the gateways, by pid; empty for the embedded store. */
  serverCpu(): Promise<Map<number, number>>;
  /** Where, for the method paragraph. */
  describe(): string;
  dispose(): Promise<void>;
}

export function benchStore(kind: string, databaseUrl: string | undefined): BenchStore {
  if (kind === 'embedded') return embeddedStore();
  if (kind === 'postgres') {
    if (!databaseUrl) throw new Error('BENCH_STORE=postgres needs BENCH_DATABASE_URL (or TEST_DATABASE_URL): postgres://user:password@host:port/database');
    return postgresStore(databaseUrl);
  }
  throw new Error(`BENCH_STORE must be embedded or postgres (got "${kind}")`);
}

function embeddedStore(): BenchStore {
  const dirs: string[] = [];
  return {
    kind: 'embedded',
    gatewayEnv() {
      const dir = mkdtempSync(join(tmpdir(), 'bench-store-'));
      dirs.push(dir);
      return { DATA_DIR: dir };
    },
    serverCpu: async () => new Map(),
    describe: () => 'journal: embedded PGlite (a fresh DATA_DIR per gateway, in the gateway process)',
    async dispose() {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresStore(databaseUrl: string): BenchStore {
  const schema = `bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl, application_name: 'bench-admin' });
  let connected: Promise<unknown> | undefined;
  const connect = (): Promise<unknown> => (connected ??= admin.connect());
  const url = new URL(databaseUrl);
  return {
    kind: 'postgres',
    gatewayEnv: () => ({ DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema }),
    async serverCpu() {
      await connect();
      // The gateways' pooled connections (their application_name), in this database: one backend process each.
      const { rows } = await admin.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE application_name = 'bitgo-allocations-gateway' AND datname = current_database()",
      );
      return new Map(rows.map((row) => [row.pid, cpuMsOf(row.pid)]));
    },
    describe: () => `journal: PostgreSQL at ${url.hostname}:${url.port || '5432'}${url.pathname}, schema ${schema} (server backends are separate processes)`,
    async dispose() {
      await connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    },
  };
}

/** CPU the backends used between two readings: backends that appeared count from zero; ones that ended are lost (an undercount). */
export function serverCpuBetween(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}
