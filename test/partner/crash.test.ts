import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { openStore, type Store } from '../../src/store/database.js';
import { SqlPartnerLedgerStore } from '../../src/store/partner-ledger.sql.store.js';
import { freshDataDir } from '../store/engines.js';
import { bodyText, reservation, TestBitGoKey, TWO_TO_70 } from './helpers.js';

const CHILD = fileURLToPath(new URL('./fixtures/webhook-child.js', import.meta.url));
const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;

interface Where {
  engine: 'pglite' | 'postgres';
  args: string[];
  open(): Promise<Store>;
}

async function serve(where: Where, bitgo: TestBitGoKey): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, [CHILD, 'serve', where.engine, ...where.args], {
    env: { ...process.env, WEBHOOK_PUBLIC_KEY: bitgo.publicKeyPem },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const port = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the child did not start: ${err}`)), 60_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /port (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', () => reject(new Error(`the child exited: ${err}`)));
  });
  return { child, base: `http://127.0.0.1:${port}` };
}

async function killHard(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  const [, signal] = (await exited) as [number | null, NodeJS.Signals | null];
  assert.equal(signal, 'SIGKILL');
}

async function reserve(base: string, bitgo: TestBitGoKey, body: Record<string, unknown>): Promise<number> {
  const res = await fetch(`${base}/bitgo/v1/allocations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-bitgo-signature': bitgo.token() },
    body: bodyText(body),
  });
  const text = await res.text();
  if (res.status === 200) assert.equal(JSON.parse(text.replace(TWO_TO_70, '0')).status, 'reserved');
  return res.status;
}

const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  for (const cleanup of cleanups) await cleanup();
});

for (const engine of testDatabaseUrl ? (['pglite', 'postgres'] as const) : (['pglite'] as const)) {
  describe(`kill -9 during a burst of BitGo's calls, on ${engine}`, () => {
    it('every reservation answered 200 is there after the restart, none twice (2 rounds)', async (t) => {
      const bitgo = new TestBitGoKey();
      let where: Where;
      if (engine === 'pglite') {
        const dataDir = await freshDataDir();
        cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
        where = { engine: 'pglite', args: [dataDir], open: () => openStore({ dataDir }) };
      } else {
        const schema = `partner_crash_${process.pid}_${randomBytes(3).toString('hex')}`;
        const admin = await openStore({ databaseUrl: testDatabaseUrl, dataDir: '', schema });
        await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(admin.db);
        cleanups.push(async () => {
          await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(admin.db);
          await admin.close();
        });
        where = { engine: 'postgres', args: [testDatabaseUrl!, schema], open: () => openStore({ databaseUrl: testDatabaseUrl, dataDir: '', schema }) };
      }

      const sent = new Map<string, Record<string, unknown>>();
      let acknowledged = 0;
      for (let round = 1; round <= 2; round++) {
        const { child, base } = await serve(where, bitgo);
        const acked = new Set<string>();
        const killAfter = 20 + Math.floor(Math.random() * 60);
        let killing: Promise<void> | undefined;
        // A burst: 24 callers, each sending new reservations and, now and then, a repeat of an earlier one.
        const earlier = [...sent.values()];
        const worker = async (): Promise<void> => {
          for (let i = 0; i < 20 && !killing; i++) {
            const body = earlier.length > 0 && Math.random() < 0.2 ? earlier[Math.floor(Math.random() * earlier.length)]! : reservation();
            sent.set(body.allocationId as string, body);
            const status = await reserve(base, bitgo, body).catch(() => 0);
            if (status === 200) {
              acked.add(body.allocationId as string);
              if (acked.size === killAfter) killing = killHard(child);
            } else {
              assert.equal(status, 0, 'a call either succeeds or dies with the process');
            }
          }
        };
        await Promise.all(Array.from({ length: 24 }, worker));
        await (killing ?? killHard(child));
        acknowledged += acked.size;

        // The process died mid-burst: every acknowledged reservation is in the ledger, once, as it was sent.
        const store = await where.open();
        try {
          const ledger = new SqlPartnerLedgerStore(store.db);
          for (const id of acked) {
            const row = await ledger.find(id);
            assert.ok(row, `round ${round}: acknowledged ${id} survived`);
            assert.equal(row.status, 'reserved');
            assert.equal(row.quantity, TWO_TO_70);
            assert.equal(row.connectionId, sent.get(id)!.connectionId);
          }
          const { rows } = await sql<{ n: string; d: string }>`SELECT count(*)::text AS n, count(DISTINCT id)::text AS d FROM partner_ledger`.execute(store.db);
          assert.equal(rows[0]!.n, rows[0]!.d);
          assert.ok(Number(rows[0]!.n) <= sent.size, `round ${round}: no row that was never sent`);
        } finally {
          await store.close();
        }
      }

      // Restart once more and repeat every request ever sent (answered or not): each is one reservation.
      const { child, base } = await serve(where, bitgo);
      try {
        const statuses = await Promise.all([...sent.values()].map((body) => reserve(base, bitgo, body)));
        assert.deepEqual([...new Set(statuses)], [200]);
      } finally {
        await killHard(child);
      }
      const store = await where.open();
      try {
        const { rows } = await sql<{ n: string }>`SELECT count(*)::text AS n FROM partner_ledger`.execute(store.db);
        assert.equal(Number(rows[0]!.n), sent.size, 'one row per id, none twice');
      } finally {
        await store.close();
      }
      t.diagnostic(`${engine}: ${acknowledged} reservations acknowledged across 2 kill -9 rounds, all present; ${sent.size} ids sent, ${sent.size} rows`);
    });
  });
}

