import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { SANDBOX_TOKEN } from '../../src/sandbox/index.js';
import { ALLOCATION_CHANGED, liveClient, type ChangeEvent } from '../helpers/live.js';

const MAIN = new URL('../../src/main.js', import.meta.url).pathname;

describe('live: SIGTERM with open subscriptions (npm start)', () => {
  it('closes every WebSocket with 1001 and exits 0', async () => {
    const child = spawn(process.execPath, [MAIN], { env: { ...process.env, PORT: '0', LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line in: ${out}`)), 20_000);
      child.stdout.on('data', () => {
        const match = /ready at (http:\/\/[^\s"]+\/graphql)/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    const client = liveClient(url, { authorization: `Bearer ${SANDBOX_TOKEN}` });
    const sinks = [1, 2].map((i) => client.subscribe<ChangeEvent>(ALLOCATION_CHANGED, { clientExternalIds: [`sigterm-${i}`] }));
    // Open once the server has acknowledged the connection and checked both subscriptions with BitGo.
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(client.closes.length, 0, 'still open before the signal');
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    for (const sink of sinks) await sink.ended();
    assert.equal(code, 0, `exit code; output:\n${out}`);
    assert.deepEqual(client.closes.map((c) => c.code), [1001]);
    await client.dispose();
  });
});
