import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/database.js';
import { SqlJournalStore } from '../../src/store/journal.sql.store.js';
import type { NewSignedRequest } from '../../src/store/journal.store.js';
import { migrateStore } from '../../src/store/migrate.js';

/**
 * The engines the store suite runs on: always the embedded PGlite, and PostgreSQL when TEST_DATABASE_URL is set.
 * Each opened database is the suite's own: a fresh data directory, or a fresh schema dropped afterwards.
 */
export interface TestDatabase {
  readonly engine: 'pglite' | 'postgres';
  readonly store: Store;
  readonly journal: SqlJournalStore;
  /** Another, independent Store on the same database (PostgreSQL only: its own pool, as another replica has). */
  openReplica(): Promise<Store>;
  dispose(): Promise<void>;
}

export interface TestEngine {
  readonly name: 'pglite' | 'postgres';
  /** A fresh database, migrated unless `migrate` is false. */
  open(options?: { migrate?: boolean }): Promise<TestDatabase>;
}

const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;

/**
 * A fresh embedded data directory, unmigrated. PGlite's initdb costs seconds of CPU, so the first call on the
 * machine builds a cleanly closed template (per PGlite version) and every later one copies it: a cold copy of a
 * cleanly shut down cluster is an ordinary PostgreSQL backup.
 */
export async function freshDataDir(): Promise<string> {
  const template = await pgliteTemplate();
  const dataDir = mkdtempSync(join(tmpdir(), 'store-test-'));
  cpSync(join(template, 'pgdata'), join(dataDir, 'pgdata'), { recursive: true });
  return dataDir;
}

async function pgliteTemplate(): Promise<string> {
  const packageDir = dirname(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')));
  const version = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  const template = join(tmpdir(), `store-test-template-pglite-${version}`);
  if (existsSync(join(template, 'pgdata', 'PG_VERSION'))) return template;
  const building = mkdtempSync(join(tmpdir(), 'store-test-template-build-'));
  const store = await openStore({ dataDir: building });
  await store.close();
  try {
    renameSync(building, template);
  } catch {
    // Another test process finished its template first: use that one.
    rmSync(building, { recursive: true, force: true });
  }
  return template;
}

export const pgliteEngine: TestEngine = {
  name: 'pglite',
  async open({ migrate = true } = {}) {
    const dataDir = await freshDataDir();
    const store = await openStore({ dataDir });
    if (migrate) await migrateStore(store);
    return {
      engine: 'pglite',
      store,
      journal: new SqlJournalStore(store.db),
      openReplica: () => Promise.reject(new Error('PGlite has one process and one connection')),
      async dispose() {
        await store.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
};

export const postgresEngine: TestEngine | undefined = testDatabaseUrl
  ? {
      name: 'postgres',
      async open({ migrate = true } = {}) {
        const schema = `store_test_${process.pid}_${randomBytes(4).toString('hex')}`;
        const store = await openStore({ databaseUrl: testDatabaseUrl, dataDir: '', schema });
        const replicas: Store[] = [];
        try {
          await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(store.db);
          if (migrate) await migrateStore(store);
        } catch (error) {
          await store.close();
          throw error;
        }
        return {
          engine: 'postgres',
          store,
          journal: new SqlJournalStore(store.db),
          async openReplica() {
            const replica = await openStore({ databaseUrl: testDatabaseUrl, dataDir: '', schema });
            replicas.push(replica);
            return replica;
          },
          async dispose() {
            await Promise.all(replicas.map((replica) => replica.close()));
            await store.close();
            const admin = new pg.Client({ connectionString: testDatabaseUrl });
            await admin.connect();
            try {
              await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
            } finally {
              await admin.end();
            }
          },
        };
      },
    }
  : undefined;

export const engines: TestEngine[] = postgresEngine ? [pgliteEngine, postgresEngine] : [pgliteEngine];

let counter = 0;

/** A plausible signed request; every field can be overridden. Quantities far above 2^53, as decimal strings. */
export function newRequest(overrides: Partial<NewSignedRequest> = {}): NewSignedRequest {
  const n = ++counter;
  const clientExternalId = overrides.clientExternalId ?? `order-${process.pid}-${n}-${randomBytes(3).toString('hex')}`;
  const body = JSON.stringify({ clientExternalId, amount: { currency: 'ofctbtc', quantity: '123456789012345678901234567890' }, n });
  return {
    enterpriseId: '3f1c9a52-7d4e-4b8a-9e21-5a0c7e3b9d11',
    kind: 'allocate',
    idempotencyKey: clientExternalId,
    fingerprint: `fp-${n}`,
    method: 'POST',
    path: '/api/network/v1/enterprises/3f1c9a52-7d4e-4b8a-9e21-5a0c7e3b9d11/clients/connections/c1/allocations',
    body,
    payload: `payload-${body}`,
    nonce: randomBytes(8).toString('hex'),
    signatureSha256: randomBytes(32).toString('hex'),
    caller: 'service',
    clientExternalId,
    allocationId: null,
    connectionId: '2e8f3a0c-4d5b-4e7f-9a8b-9c0d1e2f3a4b',
    currency: 'ofctbtc',
    quantity: '123456789012345678901234567890',
    ...overrides,
  };
}
