import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createLogger } from '../../src/common/logger.js';
import { DEMO_CONNECTION_IDS } from '../../src/sandbox/index.js';
import { openStore, storeEpisode, type Store } from '../../src/store/database.js';
import { SqlJournalStore } from '../../src/store/journal.sql.store.js';
import { migrateStore } from '../../src/store/migrate.js';
import { StoreUnavailableError } from '../../src/store/store-unavailable.error.js';
import { allocate } from '../helpers/mutations.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { freshDataDir, newRequest } from '../store/engines.js';

/**
 * Issue 20's disk row on the embedded store: DATA_DIR on a tmpfs of the test's own (mount -t tmpfs, as root: CI runs
 * as root), filled with files until the kernel says ENOSPC, then emptied again.
 */
const MOUNT_MIB = 128;
const helios = DEMO_CONNECTION_IDS.helios;
const amount = { currency: 'ofctbtc', quantity: '700' };
const WRITES = /\/clients\/connections\/[^/]+\/allocations(\/signing)?$/;

function mountTmpfs(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fault-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${MOUNT_MIB}m,mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`The disk-full fault test mounts a small tmpfs under DATA_DIR and needs root (or CAP_SYS_ADMIN) to do so: ${(error as { stderr?: Buffer }).stderr?.toString().trim() ?? String(error)}`);
  }
  return dir;
}

/** Fills the file system under `dir` until it refuses another byte; answers how to give the space back. */
function fill(dir: string): () => void {
  const fillers = join(dir, `fillers-${randomBytes(3).toString('hex')}`);
  mkdirSync(fillers);
  for (const size of [1 << 20, 4096, 512]) {
    try {
      for (let i = 0; ; i++) writeFileSync(join(fillers, `${size}-${i}`), Buffer.alloc(size));
    } catch (error) {
      assert.equal((error as NodeJS.ErrnoException).code, 'ENOSPC');
    }
  }
  return () => rmSync(fillers, { recursive: true, force: true });
}

/** A copy of the test template's data directory on the tmpfs. */
async function dataDirOn(mount: string, name: string): Promise<string> {
  const template = await freshDataDir();
  const dataDir = join(mount, name);
  cpSync(template, dataDir, { recursive: true });
  rmSync(template, { recursive: true, force: true });
  return dataDir;
}

describe('the embedded store\'s disk full', () => {
  let mount: string;
  let store: Store;
  let stack: Stack;
  const logs: string[] = [];
  before(async () => {
    mount = mountTmpfs();
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => void (logs.push(chunk.toString('utf8')), done()) });
    store = await openStore({ dataDir: await dataDirOn(mount, 'gateway'), episode: storeEpisode(createLogger('info', sink)) });
    await migrateStore(store);
    stack = await startStack({ gateway: { journal: new SqlJournalStore(store.db), store } });
  });
  after(async () => {
    await stack?.close();
    await store?.close();
    if (mount) {
      execFileSync('umount', ['-l', mount]);
      rmSync(mount, { recursive: true, force: true });
    }
  });

  it('a write is refused with STORE_UNAVAILABLE before anything is signed or sent, nothing is committed, and it recovers when space returns', async (t) => {
    const key = `disk-${randomBytes(3).toString('hex')}`;
    const before = await allocate(stack, { connectionId: helios, amount, clientExternalId: `${key}-warm` });
    assert.equal(before.payload?.allocation?.status, 'CLEARED');

    const release = fill(mount);
    stack.sandbox.requests.reset();
    const refused = await allocate(stack, { connectionId: helios, amount, clientExternalId: key });
    assert.equal(refused.status, 503);
    assert.deepEqual([refused.errors?.[0]?.extensions?.code, refused.errors?.[0]?.extensions?.idempotencyKey], ['STORE_UNAVAILABLE', key]);
    assert.equal(stack.sandbox.requests.count({ method: 'POST', path: WRITES }), 0, 'no signing payload fetched, nothing submitted');
    const read = await stack.gql('query { allocations(first: 1) { nodes { id } } }');
    assert.deepEqual([read.status, read.errors], [200, undefined], 'reads that need no store are served');
    const readiness = await stack.gateway.app.inject('/readyz');
    assert.deepEqual([readiness.statusCode, readiness.json().checks.store], [503, 'failing']);

    release();
    const again = await allocate(stack, { connectionId: helios, amount, clientExternalId: key });
    assert.deepEqual([again.status, again.errors, again.payload?.allocation?.status], [200, undefined, 'CLEARED'], JSON.stringify(again.errors));
    assert.equal((await stack.gateway.app.inject('/readyz')).statusCode, 200);
    const rows = await store.db.selectFrom('signed_requests').select(['state']).where('idempotency_key', '=', key).execute();
    assert.deepEqual(rows, [{ state: 'settled' }], 'one row, committed once space returned');
    assert.equal(stack.sandbox.books.allRecords(stack.sandbox.enterpriseId).filter((record) => record.clientExternalId === key).length, 1);
    assert.equal(logs.filter((line) => line.includes('store unavailable')).length, 1, 'one warning for the episode');
    assert.ok(logs.some((line) => line.includes('store available again')));
    t.diagnostic(`tmpfs of ${MOUNT_MIB} MiB filled to ENOSPC: refused, then served once the files were removed`);
  });

  it('a WAL file that cannot be created (no reserve kept): the statement fails, that PGlite instance is let go, a fresh one recovers the data once space returns', async (t) => {
    // Without the reserve, PGlite is asked to write WAL on a full disk: the statement fails with 53100 "could not write
    // to file pg_wal/xlogtemp…" and a further call into that instance would spin forever (the process frozen).
    const dataDir = await dataDirOn(mount, 'no-reserve');
    const bare = await openStore({ dataDir, diskReserveBytes: 0 });
    try {
      await migrateStore(bare);
      const journal = new SqlJournalStore(bare.db);
      const kept = newRequest();
      await journal.claim(kept);
      const release = fill(mount);
      // A fresh WAL segment must be created for the next write: there is no room for it.
      await sql`SELECT pg_switch_wal()`.execute(bare.db);
      const lost = newRequest();
      const failure = await journal.claim(lost).then(() => undefined, (error: unknown) => error);
      assert.ok(failure instanceof StoreUnavailableError, String(failure));
      t.diagnostic(`the claim on a full disk: ${failure.message}`);
      release();
      assert.equal((await journal.find(kept))?.idempotencyKey, kept.idempotencyKey, 'a fresh instance, the committed row intact');
      assert.equal(await journal.find(lost), undefined, 'nothing half-committed');
      assert.equal((await journal.claim(lost)).created, true, 'and writes go on');
    } finally {
      await bare.close();
    }
  });
});
