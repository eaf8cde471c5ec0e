import assert from 'node:assert/strict';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import WebSocket from 'ws';
import { SANDBOX_TOKEN } from '../../src/sandbox/index.js';
import { ALLOCATION_CHANGED, liveClient, type ChangeEvent } from '../helpers/live.js';
import { startGatewayProcess } from '../helpers/processes.js';
import { startStack } from '../helpers/stack.js';

describe('live: SIGTERM with open subscriptions (npm start)', () => {
  it('closes every WebSocket with 1001 and exits 0', async () => {
    const main = await startGatewayProcess({}, 20_000);
    const client = liveClient(main.url, { authorization: `Bearer ${SANDBOX_TOKEN}` });
    const sinks = [1, 2].map((i) => client.subscribe<ChangeEvent>(ALLOCATION_CHANGED, { clientExternalIds: [`sigterm-${i}`] }));
    // Open once the server has acknowledged the connection and checked both subscriptions with BitGo.
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(client.closes.length, 0, 'still open before the signal');
    const { code } = await main.kill('SIGTERM');
    for (const sink of sinks) await sink.ended();
    assert.equal(code, 0, `exit code; output:\n${main.output()}`);
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
