import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { DEMO_CLIENT_ENTERPRISE_ID, sandboxKey } from '../../src/sandbox/index.js';
import { openStore, type Store } from '../../src/store/database.js';
import { freshDataDir } from '../store/engines.js';
import { startSandboxProcess, type SandboxProcess } from './processes.js';

/** A durable store for gateway processes killed and restarted on it: its environment, and how the test reads it. */
export interface StoreUnderTest {
  name: string;
  env: Record<string, string>;
  open(): Promise<Store>;
  dispose(): Promise<void>;
}

/** No JOURNAL_SECRET_KEY: the embedded store makes its own in DATA_DIR, and a restart reads it back. */
async function embedded(): Promise<StoreUnderTest> {
  const dataDir = await freshDataDir();
  return { name: 'embedded', env: { DATA_DIR: dataDir }, open: () => openStore({ dataDir }), dispose: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** A schema of its own, and the operator's JOURNAL_SECRET_KEY (a restart gets the same). */
async function postgres(url: string, prefix: string): Promise<StoreUnderTest> {
  const schema = `${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`;
  return {
    name: 'PostgreSQL',
    env: { DATABASE_URL: url, DATABASE_SCHEMA: schema, JOURNAL_SECRET_KEY: randomBytes(32).toString('base64') },
    open: () => openStore({ databaseUrl: url, dataDir: '', schema }),
    async dispose() {
      const store = await openStore({ databaseUrl: url, dataDir: '', schema: 'public' });
      await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(store.db);
      await store.close();
    },
  };
}

/** The embedded store always, PostgreSQL too when TEST_DATABASE_URL is set. */
export function crashStores(prefix: string): Array<() => Promise<StoreUnderTest>> {
  const url = process.env.TEST_DATABASE_URL;
  return url ? [embedded, () => postgres(url, prefix)] : [embedded];
}

/**
 * A sandbox process (killed with the test) and the environment of a gateway in front of it on `store`: the demo
 * client's enterprise, token and key, a short write deadline (rows are soon the reconciler's).
 */
export async function crashRig(store: StoreUnderTest, cleanup: Array<() => Promise<unknown>>): Promise<{ sandbox: SandboxProcess; token: string; env: Record<string, string> }> {
  const sandbox = await startSandboxProcess();
  cleanup.push(() => sandbox.kill('SIGKILL'));
  const token = /token \(sandbox demo\):\s+(\S+)/.exec(sandbox.output())![1]!;
  const env = {
    BITGO_BASE_URL: sandbox.url,
    BITGO_ACCESS_TOKEN: token,
    BITGO_ENTERPRISE_ID: DEMO_CLIENT_ENTERPRISE_ID,
    SIGNING_XPRV: sandboxKey(DEMO_CLIENT_ENTERPRISE_ID).xprv,
    BITGO_WRITE_DEADLINE_MS: '1500',
    ...store.env,
  };
  return { sandbox, token, env };
}
