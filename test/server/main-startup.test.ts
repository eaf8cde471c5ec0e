import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type StartedSandbox } from '../../src/sandbox/index.js';

const MAIN = new URL('../../src/main.js', import.meta.url).pathname;
// The embedded sandbox's store, when a child starts one: never the working directory's ./.data.
const DATA_DIR = mkdtempSync(join(tmpdir(), 'main-startup-'));
after(() => rmSync(DATA_DIR, { recursive: true, force: true }));

/** The environment of a deployment: nothing of the caller's own (a CI runner's BITGO_* or REDIS_URL would change the test). */
function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const keep = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(BITGO_|SIGN|REDIS_URL|PORT$|HOST$|NODE_ENV$|ALLOW_SERVICE_TOKEN$|PERSISTED_DOCUMENTS$)/.test(k)));
  return { ...keep, LOG_LEVEL: 'info', DATA_DIR, ...extra };
}

async function exitOf(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

describe('npm start against an upstream of its own, configured as a new user might', () => {
  let sandbox: StartedSandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(async () => {
    await sandbox.close();
  });

  it('warns about what is missing, names the upstream it really uses, and still serves callers who bring a token', async () => {
    const child = spawn(process.execPath, [MAIN], { env: env({ PORT: '0', BITGO_BASE_URL: sandbox.url }) });
    let out = '';
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ready line in: ${out}`)), 20_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /ready at (http:\/\/[^\s"]+\/graphql)/.exec(out);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
      });
      const lines = out.trim().split('\n').map((l) => JSON.parse(l) as { level: number; msg: string; upstream?: string });
      const warnings = lines.filter((l) => l.level === 40).map((l) => l.msg);
      assert.equal(warnings.length, 3, warnings.join('\n'));
      assert.match(warnings[0]!, /BITGO_ACCESS_TOKEN is not set: every caller must send `Authorization: Bearer/);
      assert.match(warnings[1]!, /BITGO_ENTERPRISE_ID is not set: every operation must pass `enterpriseId`/);
      assert.match(warnings[2]!, /No signer is configured.*SIGNER_UNAVAILABLE/);
      const ready = lines.find((l) => /ready at/.test(l.msg))!;
      assert.equal(ready.upstream, sandbox.url, 'the upstream as configured, not "sandbox"');

      sandbox.requests.reset();
      const anonymous = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ allocations(first: 1) { nodes { id } } }' }) });
      assert.equal(anonymous.status, 401, 'no service token to act with');
      assert.equal(sandbox.requests.count(), 0);
      const withToken = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${sandbox.token}` },
        body: JSON.stringify({ query: `{ allocations(first: 1, enterpriseId: "${sandbox.enterpriseId}") { nodes { id } } }` }),
      });
      assert.equal(withToken.status, 200);
      const write = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${sandbox.token}` },
        body: JSON.stringify({ query: `mutation { allocate(input: { enterpriseId: "${sandbox.enterpriseId}", connectionId: "2e8f3a0c-4d5b-4e7f-9a8b-9c0d1e2f3a4b", amount: { currency: "ofctbtc", quantity: "1" } }) { clientExternalId } }` }),
      });
      const body = (await write.json()) as { errors: Array<{ extensions: { code: string } }> };
      assert.equal(body.errors[0]!.extensions.code, 'SIGNER_UNAVAILABLE');
      assert.equal(sandbox.requests.count({ method: 'POST' }), 0, 'a write that can never be signed sends nothing');
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});

describe('start-up problems: one line, exit 2', () => {
  let busy: Server;
  let port: number;
  before(async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    port = (busy.address() as { port: number }).port;
  });
  after(async () => {
    await new Promise<void>((resolve) => busy.close(() => resolve()));
  });

  it('a port in use', async () => {
    const { code, stderr } = await exitOf(spawn(process.execPath, [MAIN], { env: env({ PORT: String(port) }) }));
    assert.equal(code, 2);
    assert.equal(stderr, `PORT ${port} on 127.0.0.1 is already in use\n`);
  });

  it('a sandbox port in use', async () => {
    const { code, stderr } = await exitOf(spawn(process.execPath, [MAIN], { env: env({ PORT: '0', SANDBOX_PORT: String(port) }) }));
    assert.equal(code, 2);
    assert.equal(stderr, `SANDBOX_PORT ${port} on 127.0.0.1 is already in use\n`);
  });

  it('what can never work: ALLOW_SERVICE_TOKEN=true without a token to act with', async () => {
    const { code, stderr } = await exitOf(spawn(process.execPath, [MAIN], { env: env({ BITGO_BASE_URL: 'http://127.0.0.1:9', ALLOW_SERVICE_TOKEN: 'true' }) }));
    assert.equal(code, 2);
    assert.match(stderr, /ALLOW_SERVICE_TOKEN=true needs BITGO_ACCESS_TOKEN/);
    assert.doesNotMatch(stderr, /\n\s+at /);
  });
});
