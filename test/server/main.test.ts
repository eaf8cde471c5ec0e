import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openStore } from '../../src/store/database.js';
import { migrateStore } from '../../src/store/migrate.js';
import { freshDataDir } from '../store/engines.js';

const MAIN = new URL('../../src/main.js', import.meta.url).pathname;

/** Runs main.js to its exit; answers its exit code and stderr. */
async function runToExit(env: Record<string, string>): Promise<{ code: number | null; err: string }> {
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, err };
}

// Starting on the embedded sandbox, answering the README's curl line and draining on SIGTERM: test/docs/tour.test.ts.
describe('npm start (src/main.ts)', () => {
  const dirs: string[] = [];
  const dataDir = async (): Promise<string> => {
    const dir = await freshDataDir();
    dirs.push(dir);
    return dir;
  };
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to start, in one line and with exit code 2, when the store cannot be used', async () => {
    const unreachable = await runToExit({ PORT: '0', DATABASE_URL: 'postgres://gateway:pw-not-to-show@127.0.0.1:1/journal' });
    assert.equal(unreachable.code, 2);
    assert.match(unreachable.err, /^store: cannot use PostgreSQL at 127\.0\.0\.1:1\/journal: .*ECONNREFUSED/);
    assert.equal(unreachable.err.trim().split('\n').length, 1, unreachable.err);
    assert.doesNotMatch(unreachable.err, /pw-not-to-show/);

    // A database migrated by a newer build.
    const newer = await dataDir();
    const store = await openStore({ dataDir: newer });
    await migrateStore(store);
    await sql`INSERT INTO kysely_migration (name, timestamp) VALUES ('9999-from-the-future', '2099-01-01T00:00:00.000Z')`.execute(store.db);
    await store.close();
    const refused = await runToExit({ PORT: '0', DATA_DIR: newer });
    assert.equal(refused.code, 2);
    assert.match(refused.err, /^store: cannot use the embedded store in DATA_DIR .*: the store's database is newer than this build: it has migration 9999-from-the-future/);
    assert.equal(refused.err.trim().split('\n').length, 1, refused.err);

    // A data directory another process holds.
    const held = await dataDir();
    const holder = await openStore({ dataDir: held });
    try {
      const locked = await runToExit({ PORT: '0', DATA_DIR: held });
      assert.equal(locked.code, 2);
      assert.match(locked.err, new RegExp(`^store: cannot use the embedded store in DATA_DIR .*: DATA_DIR .* is in use by process ${process.pid}\\b`));
    } finally {
      await holder.close();
    }
  });

  it('refuses bad configuration with one clear line per problem and exit code 2', async () => {
    const { code, err } = await runToExit({ PORT: 'eighty', BITGO_VIEW: 'both', SIGNER: 'hsm', SIGNING_XPRV: 'xprv-secret-value', DATABASE_URL: 'mysql://u:db-secret@x/y' });
    assert.equal(code, 2);
    assert.match(err, /PORT must be an integer/);
    assert.match(err, /BITGO_VIEW must be one of client, partner/);
    assert.match(err, /SIGNER must be "local" or "express"/);
    assert.match(err, /DATABASE_URL must be a postgres/);
    assert.doesNotMatch(err, /xprv-secret-value|db-secret/);
    assert.doesNotMatch(err, /\n\s+at /, 'no stack trace');
  });
});
