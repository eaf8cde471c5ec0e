import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { openStore } from '../../src/store/database.js';
import { appliedMigrations, migrateStore, StoreSchemaError } from '../../src/store/migrate.js';
import { MIGRATIONS } from '../../src/store/migrations/migrations.js';
import { engines, freshDataDir } from './engines.js';

const MIGRATE_MAIN = fileURLToPath(new URL('../../src/migrate.main.js', import.meta.url));
const ALL = Object.keys(MIGRATIONS);

for (const engine of engines) {
  describe(`migrations on ${engine.name}`, () => {
    it('apply in order to a fresh database, once', async () => {
      const t = await engine.open({ migrate: false });
      try {
        assert.deepEqual(await appliedMigrations(t.store.db, t.store.schema), []);
        assert.deepEqual(await migrateStore(t.store), ALL);
        assert.deepEqual(await appliedMigrations(t.store.db, t.store.schema), ALL);
        assert.deepEqual(await migrateStore(t.store), [], 'nothing left to apply');
        const tables = await sql<{ name: string }>`
          SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ${t.store.schema} ORDER BY 1`.execute(t.store.db);
        assert.deepEqual(
          tables.rows.map((row) => row.name),
          ['kysely_migration', 'kysely_migration_lock', 'live_changes', 'partner_connection_tokens', 'partner_connections', 'partner_ledger', 'sandbox_books', 'seen_jwt_ids', 'signed_request_events', 'signed_requests'],
        );
      } finally {
        await t.dispose();
      }
    });

    it('a database migrated by a newer build is refused before anything changes, in one line', async () => {
      const t = await engine.open();
      try {
        await sql`INSERT INTO kysely_migration (name, timestamp) VALUES ('9999-from-the-future', '2099-01-01T00:00:00Z')`.execute(t.store.db);
        await assert.rejects(migrateStore(t.store), (error: unknown) => {
          assert.ok(error instanceof StoreSchemaError);
          assert.equal(error.code, 'STORE_SCHEMA_NEWER');
          assert.equal(error.message.includes('\n'), false);
          assert.match(error.message, /newer than this build: it has migration 9999-from-the-future that this code does not know/);
          return true;
        });
        assert.deepEqual(await appliedMigrations(t.store.db, t.store.schema), [...ALL, '9999-from-the-future']);
      } finally {
        await t.dispose();
      }
    });
  });
}

describe('npm run migrate (migrate.main)', () => {
  const dirs: string[] = [];
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  const migrate = (dataDir: string) =>
    promisify(execFile)(process.execPath, [MIGRATE_MAIN], { env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir } }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  it('migrates the embedded store in DATA_DIR, then says it is up to date, and refuses a newer one with exit code 3', async () => {
    const dataDir = await freshDataDir();
    dirs.push(dataDir);
    const first = await migrate(dataDir);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, `embedded store in ${dataDir}: applied ${ALL.join(', ')}\n`);
    const second = await migrate(dataDir);
    assert.equal(second.stdout, `embedded store in ${dataDir}: up to date\n`);

    const store = await openStore({ dataDir });
    await sql`INSERT INTO kysely_migration (name, timestamp) VALUES ('9999-from-the-future', '2099-01-01T00:00:00Z')`.execute(store.db);
    await store.close();
    const third = await migrate(dataDir);
    assert.equal(third.code, 3);
    assert.equal(third.stdout, '');
    assert.match(third.stderr, /^migrate: the store's database is newer than this build: .*9999-from-the-future[^\n]*\n$/);
  });
});
