import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { describe, it } from 'node:test';
import { freshDataDir } from '../store/engines.js';

const MAIN = new URL('../../src/main.js', import.meta.url).pathname;

/** The README's example query: kept here so the README's promise is tested. */
export const README_QUERY = `{ allocations(first: 3, filter: { statuses: [CLEARED] }, orderBy: { field: QUANTITY, direction: DESC }) { nodes { id type status amount { currency quantity } createdAt } pageInfo { hasNextPage endCursor } } }`;

describe('npm start (src/main.ts)', () => {
  it('starts the gateway on the embedded sandbox and answers the README example query', async () => {
    // A store of its own: the embedded sandbox keeps its books there, and the gateway its partner ledger.
    const dataDir = await freshDataDir();
    const child = spawn(process.execPath, [MAIN], { env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        // Start-up opens the embedded store (PGlite's WebAssembly): slow on a loaded machine.
        const timer = setTimeout(() => reject(new Error(`no ready line in: ${out}`)), 60_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /ready at (http:\/\/[^\s"]+\/graphql)/.exec(out);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
      });
      assert.match(out, /embedded sandbox/);
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: README_QUERY }) });
      const body = (await res.json()) as { data: { allocations: { nodes: Array<{ status: string; amount: { quantity: string } }> } } };
      assert.equal(res.status, 200);
      const nodes = body.data.allocations.nodes;
      assert.equal(nodes.length, 3);
      for (const n of nodes) assert.equal(n.status, 'CLEARED');
      assert.ok(BigInt(nodes[0]!.amount.quantity) >= BigInt(nodes[1]!.amount.quantity));
    } finally {
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      rmSync(dataDir, { recursive: true, force: true });
      assert.equal(code, 0, 'shuts down cleanly on SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses bad configuration with one clear line per problem and exit code 2', async () => {
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, PORT: 'eighty', BITGO_VIEW: 'both', SIGNER: 'hsm', SIGNING_XPRV: 'xprv-secret-value', DATABASE_URL: 'mysql://u:db-secret@x/y' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 2);
    assert.match(err, /PORT must be an integer/);
    assert.match(err, /BITGO_VIEW must be one of client, partner/);
    assert.match(err, /SIGNER must be "local" or "express"/);
    assert.match(err, /DATABASE_URL must be a postgres/);
    assert.doesNotMatch(err, /xprv-secret-value|db-secret/);
    assert.doesNotMatch(err, /\n\s+at /, 'no stack trace');
  });
});
