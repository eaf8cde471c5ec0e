import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../src/store/database.js';
import { DataDirLockedError } from '../../src/store/data-dir.lock.js';
import { SqlJournalStore } from '../../src/store/journal.sql.store.js';
import { migrateStore } from '../../src/store/migrate.js';
import { freshDataDir } from './engines.js';

// Each round is a process start and a reopen (~1.5 s): enough rounds to catch a torn commit, few enough for CI's budget.
const ROUNDS = 5;
const STREAM_ROUNDS = 3;
const CHILD = fileURLToPath(new URL('./fixtures/store-child.js', import.meta.url));

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], onLine?: (line: string) => void): { exited: Promise<Exit>; pid: number } {
  const child = spawn(process.execPath, [CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (onLine) for (const line of chunk.split('\n').filter(Boolean)) onLine(line);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<Exit>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { exited, pid: child.pid! };
}

describe('embedded store: crash durability and the data-dir lock', () => {
  const dirs: string[] = [];
  const tempDir = async (): Promise<string> => {
    const dir = await freshDataDir();
    dirs.push(dir);
    return dir;
  };
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('a commit survives kill -9 the moment it returns, 5 times over', async (t) => {
    const dataDir = await tempDir();
    const timings: number[] = [];
    const childTimings: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const key = `crash-${round}`;
      const settle = round % 2 === 0;
      const childStarted = performance.now();
      const { exited } = run(['commit-and-die', dataDir, key, settle ? '1' : '0']);
      const exit = await exited;
      childTimings.push(performance.now() - childStarted);
      assert.equal(exit.signal, 'SIGKILL', `round ${round}: the child died by SIGKILL (${exit.stderr})`);
      const id = exit.stdout.trim();
      assert.match(id, /^[0-9]+$/, `round ${round}: the child reported its commit`);

      // The child never closed or checkpointed; its lock is stale. Reopen: the commit is there, whole.
      const started = performance.now();
      const store = await openStore({ dataDir });
      try {
        await migrateStore(store);
        const journal = new SqlJournalStore(store.db);
        const row = await journal.find({ enterpriseId: 'crash-test', kind: 'allocate', idempotencyKey: key });
        assert.ok(row, `round ${round}: row ${id} survived`);
        assert.equal(row.id, id);
        assert.equal(row.body, `{"key":"${key}"}`);
        assert.equal(row.quantity, '900719925474099312345');
        assert.equal(row.state, settle ? 'settled' : 'pending');
        assert.deepEqual(
          (await journal.events(id)).map((event) => event.type),
          settle ? ['committed', 'attempt', 'answer'] : ['committed', 'attempt'],
        );
        const all = await store.db.selectFrom('signed_requests').select('idempotency_key').where('enterprise_id', '=', 'crash-test').execute();
        assert.equal(all.length, round, 'every earlier round is still there');
      } finally {
        await store.close();
      }
      timings.push(performance.now() - started);
    }
    t.diagnostic(
      `durability: ${ROUNDS}/${ROUNDS} commits survived kill -9; child (start, open, commit, die) median ${median(childTimings).toFixed(0)} ms; ` +
        `reopen+verify+checkpoint median ${median(timings).toFixed(0)} ms`,
    );
  });

  it('every commit acknowledged before a kill -9 at a random moment of a stream of commits survives, 3 times over', async (t) => {
    const dataDir = await tempDir();
    let acknowledged = 0;
    for (let round = 1; round <= STREAM_ROUNDS; round++) {
      const prefix = `stream-${round}`;
      const killAfter = 1 + Math.floor(Math.random() * 40);
      const seen: string[] = [];
      let child: { exited: Promise<Exit>; pid: number } | undefined = undefined;
      child = run(['stream', dataDir, prefix], (line) => {
        seen.push(line);
        if (seen.length === killAfter && child) process.kill(child.pid, 'SIGKILL');
      });
      const exit = await child.exited;
      assert.equal(exit.signal, 'SIGKILL', exit.stderr);
      // Lines that arrived after the kill was sent were acknowledged too: all of them must be there.
      const acked = exit.stdout.split('\n').filter(Boolean).map((line) => line.split(' ')[1]!);
      assert.ok(acked.length >= killAfter);
      acknowledged += acked.length;
      const store = await openStore({ dataDir });
      try {
        const rows = await store.db.selectFrom('signed_requests').select('idempotency_key').where('idempotency_key', 'like', `${prefix}-%`).execute();
        const stored = new Set(rows.map((row) => row.idempotency_key));
        for (const key of acked) assert.ok(stored.has(key), `round ${round}: acknowledged ${key} survived`);
        // At most the one commit in flight when the kill landed is there unacknowledged.
        assert.ok(stored.size <= acked.length + 1, `round ${round}: ${stored.size} rows for ${acked.length} acknowledged`);
      } finally {
        await store.close();
      }
    }
    t.diagnostic(`durability under a random kill: ${acknowledged} acknowledged commits over ${STREAM_ROUNDS} rounds, all survived`);
  });

  it('a second process is refused while the first holds DATA_DIR; after kill -9 the stale lock is taken over', async () => {
    const dataDir = await tempDir();
    let ready!: () => void;
    const isReady = new Promise<void>((resolve) => (ready = resolve));
    const holder = run(['hold', dataDir], (line) => line === 'ready' && ready());
    await isReady;

    await assert.rejects(openStore({ dataDir }), (error: unknown) => {
      assert.ok(error instanceof DataDirLockedError);
      assert.equal(error.code, 'DATA_DIR_LOCKED');
      assert.match(error.message, new RegExp(`in use by process ${holder.pid}\\b`));
      return true;
    });
    const second = await run(['open', dataDir]).exited;
    assert.equal(second.code, 3);
    assert.match(second.stderr, new RegExp(`^DataDirLockedError: DATA_DIR .* is in use by process ${holder.pid} `));

    process.kill(holder.pid, 'SIGKILL');
    assert.equal((await holder.exited).signal, 'SIGKILL');
    assert.ok(existsSync(join(dataDir, 'store.lock')), 'the killed holder left its lock behind');

    const store = await openStore({ dataDir });
    assert.equal(JSON.parse(readFileSync(join(dataDir, 'store.lock'), 'utf8')).pid, process.pid);
    await store.close();
    assert.ok(!existsSync(join(dataDir, 'store.lock')), 'close releases the lock');
    const third = await run(['open', dataDir]).exited;
    assert.equal(third.code, 0, third.stderr);
  });

  it('a lock naming a recycled pid (alive, but started at another time) or garbage is stale', async () => {
    const dataDir = await tempDir();
    // pid 1 is alive, but its start time is not the one recorded: the recorded owner is gone.
    writeFileSync(join(dataDir, 'store.lock'), JSON.stringify({ pid: 1, start: '1', host: (await import('node:os')).hostname() }));
    const first = await openStore({ dataDir });
    await first.close();
    writeFileSync(join(dataDir, 'store.lock'), 'not json');
    const second = await openStore({ dataDir });
    await assert.rejects(openStore({ dataDir }), DataDirLockedError, 'the same process cannot open it twice either');
    await second.close();
  });
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
