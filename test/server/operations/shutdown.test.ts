import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_CONNECTION_IDS, startSandbox, type StartedSandbox } from '../../../src/sandbox/index.js';
import { ALLOCATE } from '../../helpers/mutations.js';
import { freshDataDir } from '../../store/engines.js';

const MAIN = new URL('../../../src/main.js', import.meta.url).pathname;

type Outcome = { answered: true; status: number; body: string } | { answered: false; code: string };

/** One mutation on a connection of its own (Connection: close): either an HTTP answer or a connection error. */
function mutate(url: URL, clientExternalId: string): Promise<Outcome> {
  const body = JSON.stringify({ query: ALLOCATE, variables: { input: { connectionId: DEMO_CONNECTION_IDS.helios, amount: { currency: 'ofctbtc', quantity: '1000' }, clientExternalId } } });
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ answered: true, status: res.statusCode ?? 0, body: text }));
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ answered: false, code: error.code ?? error.message }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ answered: false, code: error.code ?? error.message }));
    req.end(body);
  });
}

describe('SIGTERM during a burst of allocates (the gateway in its own process)', () => {
  let sandbox: StartedSandbox;
  let child: ChildProcess;
  let out = '';
  let url: URL;
  // The gateway's embedded store: a directory of this test's own (a copy of the initialised template), not ./.data.
  let dataDir = '';

  before(async () => {
    dataDir = await freshDataDir();
    sandbox = await startSandbox();
    // Every BitGo answer takes 250 ms, so an allocate (two calls) is in flight for at least half a second.
    sandbox.faults.setLatency(250);
    child = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        BITGO_BASE_URL: sandbox.url,
        BITGO_ACCESS_TOKEN: sandbox.token,
        BITGO_ENTERPRISE_ID: sandbox.enterpriseId,
        SIGNING_XPRV: sandbox.signingXprv,
        BITGO_WRITE_DEADLINE_MS: '8000',
        LOG_LEVEL: 'info',
        DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    url = await new Promise<URL>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line in: ${out}`)), 20_000);
      const poll = setInterval(() => {
        const match = /ready at (http:\/\/[^\s"]+\/graphql)/.exec(out);
        if (!match) return;
        clearTimeout(timer);
        clearInterval(poll);
        resolve(new URL(match[1]!));
      }, 20);
    });
  });
  after(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers every mutation it accepted, refuses the rest before accepting them, allocates none twice, and exits 0', async () => {
    const run = `drain-${randomUUID()}`;
    const keys: string[] = [];
    const outcomes: Array<Promise<Outcome>> = [];
    const send = () => {
      const key = `${run}-${keys.length}`;
      keys.push(key);
      outcomes.push(mutate(url, key));
    };
    for (let i = 0; i < 12; i++) send();
    // SIGTERM once BitGo has been asked for at least six signing payloads: those mutations are mid-flight.
    const signing = () => sandbox.requests.count({ method: 'POST', path: /\/allocations\/signing$/ });
    while (signing() < 6) await sleep(5);
    const inFlight = signing();
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    child.kill('SIGTERM');
    // The burst goes on while the gateway drains.
    for (let i = 0; i < 12; i++) {
      send();
      await sleep(20);
    }
    const results = await Promise.all(outcomes);
    const [code, signal] = await exited;
    assert.equal(signal, null);
    assert.equal(code, 0, out);
    assert.match(out, /draining/);

    const onBooks = (key: string) => sandbox.books.allRecords(sandbox.enterpriseId).filter((r) => r.clientExternalId === key);
    let cleared = 0;
    let refused = 0;
    results.forEach((result, i) => {
      const key = keys[i]!;
      const records = onBooks(key);
      assert.ok(records.length <= 1, `${key} allocated ${records.length} times`);
      if (result.answered && result.status === 200) {
        const body = JSON.parse(result.body) as { data: { allocate: { allocation: { status: string } | null; userErrors: unknown[] } } };
        assert.deepEqual(body.data.allocate.userErrors, [], result.body);
        assert.equal(body.data.allocate.allocation?.status, 'CLEARED');
        assert.equal(records.length, 1, `${key} answered but not on the books`);
        cleared += 1;
        return;
      }
      // Refused: an HTTP 503 on an open connection, or a connection the gateway never accepted. Either way nothing was done.
      if (result.answered) assert.equal(result.status, 503, result.body);
      else assert.ok(['ECONNREFUSED', 'ECONNRESET'].includes(result.code), result.code);
      assert.equal(records.length, 0, `${key} was refused (${JSON.stringify(result)}) yet allocated`);
      refused += 1;
    });
    // Every allocation on the books was answered: none lost.
    const ours = sandbox.books.allRecords(sandbox.enterpriseId).filter((r) => r.clientExternalId?.startsWith(run));
    assert.equal(ours.length, cleared);
    assert.ok(cleared >= inFlight, `${cleared} answered, ${inFlight} were in flight at SIGTERM`);
    assert.ok(refused >= 1, 'mutations sent after SIGTERM were refused');
  });
});
