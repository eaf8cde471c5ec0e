import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CONNECTIONS, DEMO_CLIENT_ENTERPRISE_ID, DEMO_CONNECTION_IDS, DEMO_PARTNER_ENTERPRISE_ID, SANDBOX_TOKEN } from '../../src/sandbox/index.js';
import { gqlOver as gql, startGatewayProcess, type GatewayProcess } from '../helpers/processes.js';
import { ALLOCATE, DEALLOCATE, UPDATE, type AllocateResult } from '../helpers/mutations.js';
import { freshDataDir } from '../store/engines.js';

const RESET = fileURLToPath(new URL('../../src/sandbox-reset.main.js', import.meta.url));
const helios = DEMO_CONNECTION_IDS.helios;
const nimbus = CONNECTIONS.find((c) => c.id === DEMO_CONNECTION_IDS.nimbusMain)!;

/** Every balance both demo enterprises' reports show, as `side/account/currency/field` → decimal string. */
async function balances(sandboxUrl: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [side, enterpriseId] of [['clients', DEMO_CLIENT_ENTERPRISE_ID], ['partners', DEMO_PARTNER_ENTERPRISE_ID]] as const) {
    const res = await fetch(`${sandboxUrl}/api/network/v1/enterprises/${enterpriseId}/${side}/balances`, { headers: { authorization: `Bearer ${SANDBOX_TOKEN}` } });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { balances?: Record<string, { available: string; held: string }>; networkBalances: Record<string, { balances: Record<string, { available: string; held: string }> }> };
    const add = (account: string, report: Record<string, { available: string; held: string }>) => {
      for (const [currency, b] of Object.entries(report)) {
        out[`${side}/${account}/${currency}/available`] = b.available;
        out[`${side}/${account}/${currency}/held`] = b.held;
      }
    };
    add('trading', body.balances ?? {});
    for (const [connectionId, n] of Object.entries(body.networkBalances)) add(connectionId, n.balances);
  }
  return out;
}

async function mutate(url: string, query: string, input: Record<string, unknown>): Promise<AllocateResult> {
  const res = await gql<Record<string, AllocateResult>>(url, query, { input });
  assert.equal(res.errors, undefined, JSON.stringify(res.errors));
  return Object.values(res.data!)[0]!;
}

async function statusOf(url: string, id: string, view: 'CLIENT' | 'PARTNER' = 'CLIENT'): Promise<string | null> {
  const enterpriseId = view === 'CLIENT' ? DEMO_CLIENT_ENTERPRISE_ID : DEMO_PARTNER_ENTERPRISE_ID;
  const res = await gql<{ allocation: { status: string } | null }>(url, 'query($id: ID!, $e: ID, $v: AllocationView) { allocation(id: $id, enterpriseId: $e, view: $v) { status } }', { id, e: enterpriseId, v: view });
  assert.equal(res.errors, undefined, JSON.stringify(res.errors));
  return res.data!.allocation?.status ?? null;
}

function runReset(dataDir: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [RESET], { env: { ...process.env, DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return once(child, 'exit').then(([code]) => ({ code: code as number | null, output }));
}

describe('npm start keeps the sandbox\'s books across a kill -9 (child processes, embedded store)', () => {
  const dirs: string[] = [];
  const children: GatewayProcess[] = [];
  after(() => {
    for (const c of children) void c.kill('SIGKILL');
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const start = async (dataDir: string) => {
    const main = await startGatewayProcess({ DATA_DIR: dataDir });
    children.push(main);
    return main;
  };

  it('after kill -9 the allocations clients were told about are there with the same status, balances equal; a reset reseeds', { timeout: 180_000 }, async () => {
    const dataDir = await freshDataDir();
    dirs.push(dataDir);

    // First start: an empty store, so the sandbox seeds and saves its books.
    let main = await start(dataDir);
    assert.equal(main.ready.sandboxBooks, 'seeded');
    const seeded = await balances(main.ready.sandboxUrl as string);

    const told: Array<{ id: string; status: string; view: 'CLIENT' | 'PARTNER' }> = [];
    const cleared = await mutate(main.url, ALLOCATE, { connectionId: helios, amount: { currency: 'ofctbtc', quantity: '250000' }, clientExternalId: `restart-${randomUUID()}` });
    const reserved = await mutate(main.url, ALLOCATE, { connectionId: nimbus.id, amount: { currency: 'ofcteth', quantity: '9007199254740993' } });
    const toClear = await mutate(main.url, ALLOCATE, { connectionId: nimbus.id, amount: { currency: 'ofctusdt', quantity: '123' } });
    const update = await gql<{ updateAllocation: { allocation: { status: string } | null; userErrors: unknown[] } }>(main.url, UPDATE, {
      input: {
        enterpriseId: DEMO_PARTNER_ENTERPRISE_ID,
        allocationId: toClear.allocation!.id,
        status: 'CLEARED',
        amount: { currency: 'ofctusdt', quantity: '123' },
        clientId: DEMO_CLIENT_ENTERPRISE_ID,
        connectionId: nimbus.id,
        partnersClientId: nimbus.partnersClientId,
        partnersConnectionId: nimbus.partnersConnectionId,
        partnersAllocationId: 'restart-partner-1',
      },
    });
    assert.equal(update.data?.updateAllocation.allocation?.status, 'CLEARED', JSON.stringify(update));
    const dealloc = await mutate(main.url, DEALLOCATE, { connectionId: helios, amount: { currency: 'ofctbtc', quantity: '1000' } });
    assert.deepEqual([cleared, reserved, toClear, dealloc].map((r) => r.allocation?.status), ['CLEARED', 'RESERVED', 'RESERVED', 'CLEARED']);
    for (const [r, status] of [[cleared, 'CLEARED'], [reserved, 'RESERVED'], [toClear, 'CLEARED'], [dealloc, 'CLEARED']] as const) {
      told.push({ id: r.allocation!.id, status, view: 'CLIENT' });
    }
    const beforeLast = await balances(main.ready.sandboxUrl as string);

    // The last write, and kill -9 the moment its answer arrives: what the client was told must already be saved.
    const last = await mutate(main.url, ALLOCATE, { connectionId: helios, amount: { currency: 'ofcteth', quantity: '123456789012345678' } });
    const { signal } = await main.kill('SIGKILL');
    assert.equal(signal, 'SIGKILL');
    assert.equal(last.allocation?.status, 'CLEARED');
    told.push({ id: last.allocation!.id, status: 'CLEARED', view: 'CLIENT' });

    // Second start on the same DATA_DIR (the dead process's lock is taken over).
    main = await start(dataDir);
    assert.equal(main.ready.sandboxBooks, 'restored from the store', main.output());
    for (const { id, status, view } of told) assert.equal(await statusOf(main.url, id, view), status, id);
    assert.equal(await statusOf(main.url, toClear.allocation!.id, 'PARTNER'), 'CLEARED');
    const restored = await balances(main.ready.sandboxUrl as string);
    // Balances before the last write, moved by exactly that write: the client's trading ETH to the connection.
    const expected = { ...beforeLast };
    const q = 123456789012345678n;
    const move = (key: string, delta: bigint) => (expected[key] = (BigInt(expected[key] ?? '0') + delta).toString());
    move('clients/trading/ofcteth/available', -q);
    move(`clients/${helios}/ofcteth/available`, q);
    assert.deepEqual(restored, expected);
    assert.notDeepEqual(restored, seeded);

    // The repeat of a mutation made before the crash answers the allocation that exists, not a second one.
    const repeat = await mutate(main.url, ALLOCATE, { connectionId: helios, amount: { currency: 'ofctbtc', quantity: '250000' }, clientExternalId: cleared.clientExternalId });
    assert.equal(repeat.allocation?.id, cleared.allocation!.id);
    assert.deepEqual(repeat.userErrors, []);

    // The journal survived as well: the audit trail still lists the requests signed before the crash.
    const trail = await gql<{ signedRequests: { nodes: Array<{ clientExternalId: string; state: string }> } }>(
      main.url,
      'query($k: String) { signedRequests(filter: { clientExternalId: $k }) { nodes { clientExternalId state } } }',
      { k: last.clientExternalId },
    );
    assert.deepEqual(trail.data?.signedRequests.nodes, [{ clientExternalId: last.clientExternalId, state: 'SETTLED' }]);

    // A reset while the gateway runs is refused: the embedded store is locked.
    const refused = await runReset(dataDir);
    assert.equal(refused.code, 4, refused.output);
    assert.match(refused.output, /in use by process/);

    // Stopped cleanly, reset, started again: seeded afresh.
    assert.deepEqual(await main.kill('SIGTERM'), { code: 0, signal: null });
    const reset = await runReset(dataDir);
    assert.equal(reset.code, 0, reset.output);
    assert.match(reset.output, /removed the sandbox's books \(\d+ rows\)/);
    main = await start(dataDir);
    assert.equal(main.ready.sandboxBooks, 'seeded');
    for (const { id } of told) assert.equal(await statusOf(main.url, id), null, 'gone with the reset');
    assert.deepEqual(await balances(main.ready.sandboxUrl as string), seeded, 'the seeded balances again');
    assert.deepEqual(await main.kill('SIGTERM'), { code: 0, signal: null });
  });
});
