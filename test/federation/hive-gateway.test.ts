import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { CONNECTIONS, DEMO_CONNECTION_IDS, SANDBOX_TOKEN } from '../../src/sandbox/index.js';
import { eventually } from '../helpers/live.js';
import { ALLOCATE, UPDATE } from '../helpers/mutations.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { allocationsSdl } from './supergraph.js';

const nimbus = CONNECTIONS.find((c) => c.id === DEMO_CONNECTION_IDS.nimbusMain)!;
const BEARER = `Bearer ${SANDBOX_TOKEN}`;

type Mode = 'ws' | 'http-callback';

/**
 * What the test uses of Hive Gateway's runtime. Loaded through a specifier TypeScript does not follow: the
 * runtime's types pull in graphql-yoga's augmentation of graphql's GraphQLErrorExtensions (`http.headers` as a
 * plain record), which would then reject Apollo's HeaderMap everywhere else in the program.
 */
interface HiveModules {
  createGatewayRuntime(options: Record<string, unknown>): ((req: IncomingMessage, res: ServerResponse) => void) & { dispose(): Promise<void> };
  MemPubSub: new () => object;
}

async function hive(): Promise<HiveModules> {
  const runtime: string = '@graphql-hive/gateway-runtime';
  const pubsub: string = '@graphql-hive/pubsub';
  const [{ createGatewayRuntime }, { MemPubSub }] = (await Promise.all([import(runtime), import(pubsub)])) as [Pick<HiveModules, 'createGatewayRuntime'>, Pick<HiveModules, 'MemPubSub'>];
  return { createGatewayRuntime, MemPubSub };
}

interface Hive {
  url: string;
  close(): Promise<void>;
}

/**
 * A real Hive Gateway (the runtime of `@graphql-hive/gateway`) serving a supergraph composed from our subgraph
 * SDL, forwarding the client's Authorization: over HTTP (propagateHeaders), in graphql-ws's connection_init
 * (ws mode), or on the subscribe POST (http-callback mode, where the gateway itself receives the callbacks).
 */
async function startHive(server: Server, mode: Mode, subgraphUrl: string): Promise<Hive> {
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const composed = composeServices([{ name: 'allocations', url: subgraphUrl, typeDefs: parse(allocationsSdl()) }]);
  assert.equal(composed.errors, undefined, composed.errors?.map((e) => e.message).join('\n'));
  const subscriptions =
    mode === 'ws'
      ? { kind: 'ws', location: '/graphql', options: { connectionParams: { authorization: '{context.headers.authorization}' } } }
      : { kind: 'http-callback', options: { public_url: `${url}/callback`, heartbeat_interval: 2_000 } };
  const { createGatewayRuntime, MemPubSub } = await hive();
  const gateway = createGatewayRuntime({
    supergraph: composed.supergraphSdl!,
    logging: false,
    pubsub: new MemPubSub(),
    webhooks: mode === 'http-callback',
    propagateHeaders: { fromClientToSubgraphs: ({ request }: { request: Request }) => ({ authorization: request.headers.get('authorization') ?? '' }) },
    transportEntries: { allocations: { options: { subscriptions } } },
  });
  server.on('request', gateway);
  return {
    url: `${url}/graphql`,
    async close() {
      await gateway.dispose();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A subscription through the gateway as Server-Sent Events: every `next` payload, in order. */
function sse(url: string, query: string, variables: Record<string, unknown>, authorization: string) {
  const events: Array<{ data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> }> = [];
  const abort = new AbortController();
  let ended = false;
  const done = (async () => {
    const res = await fetch(url, {
      method: 'POST',
      signal: abort.signal,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization },
      body: JSON.stringify({ query, variables }),
    });
    assert.equal(res.status, 200);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const data = block.split('\n').find((line) => line.startsWith('data:'))?.slice(5).trim();
        if (data) events.push(JSON.parse(data) as (typeof events)[number]);
      }
    }
  })()
    .catch((error: unknown) => {
      if ((error as Error).name !== 'AbortError') throw error;
    })
    .finally(() => (ended = true));
  return { events, done, isEnded: () => ended, stop: () => abort.abort() };
}

const FOLLOW = `subscription Follow($keys: [String!]) {
  allocationChanged(clientExternalIds: $keys) { source previousStatus allocation { id status } }
}`;

for (const mode of ['ws', 'http-callback'] as const) {
  describe(`Hive Gateway 2 (Node 20) over our subgraph: subscriptions in ${mode} mode`, { timeout: 60_000 }, () => {
    let stack: Stack;
    let hive: Hive;
    before(async () => {
      // The gateway's listener comes first: in callback mode its origin is the one our subgraph may call.
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      stack = await startStack({ listen: true, env: mode === 'http-callback' ? { SUBSCRIPTION_CALLBACK_ORIGIN: origin } : {} });
      hive = await startHive(server, mode, stack.url);
    });
    after(async () => {
      await hive?.close();
      await stack?.close();
    });

    const gql = async (query: string, variables: Record<string, unknown>) => {
      const res = await fetch(hive.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: BEARER }, body: JSON.stringify({ query, variables }) });
      return (await res.json()) as { data?: any; errors?: unknown[] };
    };

    it('allocate through the supergraph, see RESERVED then CLEARED arrive through it', async () => {
      const key = `hive-${mode}-${randomUUID()}`;
      const stream = sse(hive.url, FOLLOW, { keys: [key] }, BEARER);
      await eventually(() => stack.gateway.workflows.live.stats().subscriptions === 1 && stack.gateway.workflows.live.stats().opening === 0, 'the subgraph subscription to open');
      const allocated = await gql(ALLOCATE, { input: { connectionId: nimbus.id, amount: { currency: 'ofctbtc', quantity: '17' }, clientExternalId: key } });
      assert.equal(allocated.errors, undefined, JSON.stringify(allocated.errors));
      const id = allocated.data.allocate.allocation.id as string;
      await eventually(() => stream.events.length >= 1, 'RESERVED through the gateway');
      assert.deepEqual(stream.events[0]!.data, { allocationChanged: { source: 'MUTATION', previousStatus: null, allocation: { id, status: 'RESERVED' } } });

      const cleared = await gql(UPDATE, {
        input: {
          enterpriseId: stack.sandbox.partnerEnterpriseId,
          allocationId: id,
          status: 'CLEARED',
          amount: { currency: 'ofctbtc', quantity: '17' },
          clientId: stack.sandbox.enterpriseId,
          connectionId: nimbus.id,
          partnersClientId: nimbus.partnersClientId,
          partnersConnectionId: nimbus.partnersConnectionId,
          partnersAllocationId: `hive-${mode}`,
        },
      });
      assert.equal(cleared.errors, undefined);
      await eventually(() => stream.events.length >= 2, 'CLEARED through the gateway');
      assert.deepEqual(stream.events[1]!.data, { allocationChanged: { source: 'PARTNER_UPDATE', previousStatus: 'RESERVED', allocation: { id, status: 'CLEARED' } } });
      stream.stop();
      await stream.done;
      await eventually(() => stack.gateway.workflows.live.stats().subscriptions === 0, 'the subgraph subscription to end when the client leaves');
    });

    it('the caller\'s own token reaches the subgraph: a token BitGo refuses gets UNAUTHENTICATED', async () => {
      const stream = sse(hive.url, FOLLOW, { keys: ['hive-refused'] }, 'Bearer not-a-known-token');
      await eventually(() => stream.events.length >= 1 || stream.isEnded(), 'an answer');
      stream.stop();
      await stream.done;
      const codes = stream.events.flatMap((e) => e.errors ?? []).map((e) => e.extensions?.code);
      assert.ok(codes.includes('UNAUTHENTICATED'), JSON.stringify(stream.events));
      assert.equal(stack.gateway.workflows.live.stats().subscriptions, 0);
    });
  });
}
