import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import WebSocket from 'ws';
import { SANDBOX_TOKEN } from '../../src/sandbox/index.js';
import { ALLOCATION_CHANGED, liveClient, type ChangeEvent } from '../helpers/live.js';
import { startStack } from '../helpers/stack.js';

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

describe('live: shutdown with a peer that never answers the close frame', () => {
  it('cuts it after a second, so the drain of HTTP requests is not held for ws\'s 30 s close timeout', async () => {
    const stack = await startStack({ listen: true });
    const socket = new WebSocket(stack.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    await once(socket, 'open');
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${SANDBOX_TOKEN}` } }));
    const [ack] = (await once(socket, 'message')) as [Buffer];
    assert.equal(JSON.parse(ack.toString()).type, 'connection_ack');
    // Stops reading: the server's close frame is never seen, so never answered.
    (socket as unknown as { _socket: { pause(): void } })._socket.pause();
    const started = Date.now();
    await stack.close();
    const took = Date.now() - started;
    assert.ok(took < 10_000, `the gateway took ${took} ms to close`);
    socket.terminate();
  });
});
