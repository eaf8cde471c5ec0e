import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { DEMO_CONNECTION_IDS, startSandbox } from '../src/sandbox/index.js';
import { startFaultProxy, type FaultMode } from '../test/helpers/fault-proxy.js';
import { startGatewayChild } from './procs.js';
import { privatePostgres, privateRedis } from './soak-deps.js';

/*
 * `npm run soak`: the gateway (a child process, as deployed, on a PostgreSQL and a Redis of the soak's own) under a
 * steady mixed load for SOAK_MINUTES (default 30): reads, allocates (some to the asynchronous partner, which makes
 * BitGo call the gateway's partner routes), live subscriptions and /readyz probes, with one fault injected every
 * SOAK_FAULT_EVERY_S (default 180): PostgreSQL restarted (fast shutdown), Redis killed (kill -9) and restarted,
 * BitGo (the embedded sandbox, behind the fault proxy) resetting, stalling or black-holed. Reports the gateway's
 * memory after warm-up and at the end, the answers by kind, and the books: after the load, every key is repeated
 * until it answers, and BitGo must hold exactly one allocation per key.
 */
const MINUTES = Number(process.env.SOAK_MINUTES ?? 30);
const RATE = Number(process.env.SOAK_RATE ?? 20);
const FAULT_EVERY_S = Number(process.env.SOAK_FAULT_EVERY_S ?? 180);
const FAULT_LASTS_S = 10;
const MAX_IN_FLIGHT = 200;
const CURRENCY = 'ofctusdt';

const FAULTS: Array<{ name: string; bitgo?: FaultMode; store?: true; redis?: true }> = [
  { name: 'postgres restart (fast)', store: true },
  { name: 'bitgo reset', bitgo: { kind: 'reset' } },
  { name: 'redis kill -9', redis: true },
  { name: 'bitgo stall mid-answer', bitgo: { kind: 'stall', afterBytes: 300 } },
  { name: 'bitgo black hole', bitgo: { kind: 'blackhole' } },
  { name: 'bitgo reset after the request', bitgo: { kind: 'resetAfterRequest' } },
];

const answers = new Map<string, number>();
const count = (kind: string): void => void answers.set(kind, (answers.get(kind) ?? 0) + 1);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Memory {
  rssMb: number;
  heapMb: number;
}

async function main(): Promise<void> {
  const started = Date.now();
  const [pg, redis] = [await privatePostgres(), await privateRedis()];
  const sandbox = await startSandbox({});
  const proxy = await startFaultProxy(sandbox.url);
  const gateway = await startGatewayChild({
    upstream: proxy.url,
    token: sandbox.token,
    enterpriseId: sandbox.enterpriseId,
    signingXprv: sandbox.signingXprv,
    env: {
      DATABASE_URL: pg.url,
      REDIS_URL: redis.url,
      RATE_LIMIT_READS_PER_MINUTE: '100000',
      RATE_LIMIT_WRITES_PER_MINUTE: '100000',
      BITGO_TIMEOUT_MS: '2000',
      BITGO_WRITE_DEADLINE_MS: '6000',
      RECONCILE_INTERVAL_MS: '5000',
      BITGO_WEBHOOK_PUBLIC_KEY: sandbox.partnerWebhooks.publicKeyPem,
      BITGO_PARTNER_ENTERPRISE_ID: sandbox.partnerEnterpriseId,
    },
  });
  sandbox.partnerWebhooks.setUrl(gateway.origin);
  sandbox.books.setBalance(sandbox.enterpriseId, CURRENCY, { available: 10n ** 30n, held: 0n });
  const auth = { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' };
  let crashed = false;
  const alive = setInterval(() => {
    try {
      process.kill(gateway.pid, 0);
    } catch {
      crashed = true;
    }
  }, 1_000);

  const gql = async (query: string, variables?: unknown): Promise<{ errors?: Array<{ extensions?: { code?: string } }>; data?: Record<string, unknown> | null }> => {
    const res = await fetch(`${gateway.origin}/graphql`, { method: 'POST', headers: auth, body: JSON.stringify({ query, variables }), signal: AbortSignal.timeout(30_000) });
    return (await res.json()) as never;
  };
  const memory = async (): Promise<Memory> => {
    const text = await (await fetch(`${gateway.origin}/metrics`)).text();
    const read = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1]) / 2 ** 20;
    return { rssMb: read('process_resident_memory_bytes'), heapMb: read('nodejs_heap_size_used_bytes') };
  };

  const ALLOCATE = 'mutation ($input: AllocateInput!) { allocate(input: $input) { clientExternalId allocation { id } userErrors { code } } }';
  const keys = new Map<string, { connectionId: string; definite: boolean }>();
  let n = 0;
  const allocate = async (connectionId: string): Promise<string> => {
    const clientExternalId = `soak-${started}-${(n += 1)}`;
    keys.set(clientExternalId, { connectionId, definite: false });
    const res = await gql(ALLOCATE, { input: { connectionId, clientExternalId, amount: { currency: CURRENCY, quantity: '1' } } });
    const payload = res.data?.allocate as { allocation: unknown; userErrors: Array<{ code: string }> } | undefined;
    if (payload?.allocation && payload.userErrors.length === 0) keys.get(clientExternalId)!.definite = true;
    return res.errors?.[0]?.extensions?.code ?? payload?.userErrors[0]?.code ?? 'ok';
  };
  const ws = createClient({ url: `${gateway.origin.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: auth.authorization }, retryAttempts: 1_000, shouldRetry: () => true, lazy: true });
  let subscriptions = 0;
  const subscribe = async (): Promise<string> => {
    if (subscriptions >= 20) return 'skipped';
    subscriptions += 1;
    return new Promise<string>((resolve) => {
      let events = 0;
      const stop = ws.subscribe(
        { query: 'subscription ($ids: [ID!]) { allocationChanged(connectionIds: $ids) { allocation { id status } } }', variables: { ids: [DEMO_CONNECTION_IDS.helios] } },
        { next: () => void (events += 1), error: (e) => finish(`error:${(e as { extensions?: { code?: string } }[])?.[0]?.extensions?.code ?? 'socket'}`), complete: () => finish('ok') },
      );
      const finish = (kind: string) => {
        clearTimeout(timer);
        subscriptions -= 1;
        resolve(events > 0 && kind === 'ok' ? 'ok-with-events' : kind);
      };
      const timer = setTimeout(() => {
        stop();
        finish('ok');
      }, 5_000);
    });
  };
  const OPS: Array<[number, string, () => Promise<string>]> = [
    [55, 'read', async () => {
      const res = await gql('{ allocations(first: 5) { nodes { id status } } }');
      return res.errors?.[0]?.extensions?.code ?? 'ok';
    }],
    [20, 'allocate', () => allocate(DEMO_CONNECTION_IDS.helios)],
    [5, 'allocate-to-partner', () => allocate(DEMO_CONNECTION_IDS.nimbusMain)],
    [10, 'subscribe', subscribe],
    [10, 'readyz', async () => `http-${(await fetch(`${gateway.origin}/readyz`)).status}`],
  ];
  const total = OPS.reduce((sum, [w]) => sum + w, 0);
  let inFlight = 0;
  const fire = (): void => {
    if (inFlight >= MAX_IN_FLIGHT) return count('skipped:backpressure');
    let pick = Math.random() * total;
    const [, name, run] = OPS.find(([w]) => (pick -= w) < 0) ?? OPS[0]!;
    inFlight += 1;
    run()
      .then((kind) => count(`${name}:${kind}`), (error: Error) => count(`${name}:failed:${error.name}`))
      .finally(() => (inFlight -= 1));
  };

  const endAt = started + MINUTES * 60_000;
  const warmUpMs = Math.min(60_000, (MINUTES * 60_000) / 10);
  const load = setInterval(fire, 1_000 / RATE);
  let warm: Memory | undefined;
  const samples: Memory[] = [];
  const faultsDone: string[] = [];
  let next = 0;
  let nextFaultAt = Date.now() + FAULT_EVERY_S * 1_000 / 2;
  let nextSampleAt = started + 60_000;
  while (Date.now() < endAt && !crashed) {
    await sleep(1_000);
    if (!warm && Date.now() - started > warmUpMs) warm = await memory();
    if (Date.now() >= nextSampleAt) {
      nextSampleAt += 60_000;
      samples.push(await memory().catch(() => ({ rssMb: NaN, heapMb: NaN })));
    }
    if (Date.now() < nextFaultAt || Date.now() + FAULT_LASTS_S * 1_000 > endAt) continue;
    const fault = FAULTS[next++ % FAULTS.length]!;
    const at = ((Date.now() - started) / 60_000).toFixed(1);
    process.stdout.write(`soak: minute ${at}: ${fault.name}\n`);
    faultsDone.push(`${at} min: ${fault.name}`);
    if (fault.store) await pg.stop().then(() => pg.start());
    if (fault.redis) await redis.stop();
    if (fault.bitgo) proxy.set(fault.bitgo);
    await sleep(FAULT_LASTS_S * 1_000);
    if (fault.redis) await redis.start();
    proxy.set({ kind: 'pass' });
    nextFaultAt = Date.now() + FAULT_EVERY_S * 1_000;
  }
  clearInterval(load);
  for (const end = Date.now() + 60_000; inFlight > 0 && Date.now() < end; ) await sleep(100);
  // Measured once the load has stopped and the last answers are in, as the warm-up figure was taken under load.
  const last = await memory();
  await ws.dispose();

  // The books: every key repeated until it answers definitely (the reconciler will have settled most already).
  let repeats = 0;
  for (let round = 0; round < 10; round++) {
    const open = [...keys].filter(([, k]) => !k.definite);
    if (open.length === 0) break;
    for (const [clientExternalId, k] of open) {
      repeats += 1;
      const res = await gql(ALLOCATE, { input: { connectionId: k.connectionId, clientExternalId, amount: { currency: CURRENCY, quantity: '1' } } });
      const payload = res.data?.allocate as { allocation: unknown; userErrors: unknown[] } | undefined;
      if (payload?.allocation && payload.userErrors.length === 0) k.definite = true;
    }
    await sleep(2_000);
  }
  const onBooks = new Map<string, number>();
  for (const r of sandbox.books.allRecords(sandbox.enterpriseId)) onBooks.set(r.clientExternalId, (onBooks.get(r.clientExternalId) ?? 0) + 1);
  const perKey = [...keys.keys()].map((k) => onBooks.get(k) ?? 0);
  const deliveries = new Map<string, number>();
  await sandbox.partnerWebhooks.idle();
  for (const d of sandbox.partnerWebhooks.deliveries()) deliveries.set(`${d.call}:${d.outcome}`, (deliveries.get(`${d.call}:${d.outcome}`) ?? 0) + 1);

  clearInterval(alive);
  const growth = (a: number, b: number) => `${(((b - a) / a) * 100).toFixed(1)} %`;
  const report = {
    minutes: MINUTES,
    ratePerSecond: RATE,
    crashed,
    faults: faultsDone,
    memory: { afterWarmUp: warm, end: last, rssGrowth: warm && growth(warm.rssMb, last.rssMb), heapGrowth: warm && growth(warm.heapMb, last.heapMb), perMinute: samples },
    answers: Object.fromEntries([...answers].sort()),
    books: {
      keys: keys.size,
      exactlyOne: perKey.filter((c) => c === 1).length,
      lost: perKey.filter((c) => c === 0).length,
      doubled: perKey.filter((c) => c > 1).length,
      repeatsNeeded: repeats,
    },
    partnerCalls: Object.fromEntries(deliveries),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  await gateway.stop();
  await sandbox.close();
  await proxy.close();
  await pg.dispose();
  await redis.dispose();
  process.exitCode = crashed || report.books.lost > 0 || report.books.doubled > 0 ? 1 : 0;
}

await main();
