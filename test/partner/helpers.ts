import 'reflect-metadata';
import { createHmac, generateKeyPairSync, randomBytes, randomUUID, sign, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/common/logger.js';
import { loadConfig, type Config } from '../../src/config/config.js';
import { createGateway, type Gateway } from '../../src/gateway.js';
import { startSandbox, type SandboxOptions, type StartedSandbox } from '../../src/sandbox/index.js';
import type { Store } from '../../src/store/database.js';
import type { WebhookObserver, WebhookRefusalReason } from '../../src/server/routes/partner-webhook.route.js';
import { demoSigners, type GraphQLResponse } from '../helpers/stack.js';
import type { TestDatabase, TestEngine } from '../store/engines.js';

/** A stand-in for BitGo's 2048-bit webhook key, made for this run: tokens are signed RS256 with node:crypto. */
export class TestBitGoKey {
  readonly privateKey: KeyObject;
  readonly publicKeyPem: string;

  constructor() {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = pair.privateKey;
    this.publicKeyPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  /** A fresh token (iat now, exp in 60 s, new jti) with any claim or header overridden (undefined removes it). */
  token(claims: Record<string, unknown> = {}, header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT' }, key: KeyObject = this.privateKey): string {
    const iat = Math.floor(Date.now() / 1000);
    const body = Object.fromEntries(Object.entries({ iat, exp: iat + 60, jti: randomUUID(), ...claims }).filter(([, v]) => v !== undefined));
    const input = `${b64(header)}.${b64(body)}`;
    return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
  }
}

export const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Every known attack on X-BitGo-Signature, as [name, header value or null for none]: no header, garbage, `alg: none`,
 * HS256 keyed with the public key, another RSA key, expired, too long-lived, no jti, and `replayed` (a token already
 * accepted once).
 */
export function signatureAttacks(bitgo: TestBitGoKey, replayed: string): Array<[string, string | null]> {
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const now = Math.floor(Date.now() / 1000);
  const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ iat: now, exp: now + 60, jti: randomUUID() })}`;
  const hs256 = `${input}.${createHmac('sha256', Buffer.from(bitgo.publicKeyPem)).update(input).digest('base64url')}`;
  return [
    ['no header', null],
    ['malformed token', 'definitely.not.a-jwt'],
    ['alg none', `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iat: now, exp: now + 60, jti: randomUUID() })}.`],
    ['HS256 signed with the public key as the secret', hs256],
    ['RS256 with another key', bitgo.token({}, undefined, other.privateKey)],
    ['expired', bitgo.token({ iat: now - 120, exp: now - 60 })],
    ['too long-lived', bitgo.token({ iat: now, exp: now + 3600 })],
    ['no jti', bitgo.token({ jti: undefined })],
    ['a replayed jti', replayed],
  ];
}

/** Counts what the routes report to the metrics' observer. */
export class CountingObserver implements WebhookObserver {
  readonly counts = new Map<WebhookRefusalReason, number>();
  onRefused(reason: WebhookRefusalReason): void {
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + 1);
  }
  total(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }
}

export interface PartnerStack {
  db: TestDatabase;
  sandbox: StartedSandbox;
  gateway: Gateway;
  /** A second gateway on the same database (PostgreSQL only): another replica. */
  replica: Gateway | undefined;
  bitgo: TestBitGoKey;
  observer: CountingObserver;
  /** http://127.0.0.1:PORT of the gateway (GraphQL at /graphql; BitGo's calls at /bitgo/v1 unless webhookPort). */
  url: string;
  /** Where BitGo's calls go: the gateway's port, or its webhook listener. */
  webhookUrl: string;
  replicaWebhookUrl: string | undefined;
  logs: string[];
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** One call as BitGo makes it: a fresh token unless `token` is given (null: no header). */
  call(method: 'POST' | 'PUT', path: string, body?: string | Record<string, unknown>, options?: { token?: string | null; base?: string; headers?: Record<string, string> }): Promise<HttpAnswer>;
  rows(id: string): Promise<number>;
  close(): Promise<void>;
}

export interface HttpAnswer {
  status: number;
  text: string;
  json: any;
}

export interface PartnerStackOptions {
  sandbox?: SandboxOptions;
  config?: Partial<Config>;
  /** Serve BitGo's calls on a listener of their own. */
  webhookPort?: boolean;
  /** The sandbox calls this gateway as BitGo would (the offline loop). */
  loop?: boolean;
  /** On PostgreSQL, a second gateway on the same database. */
  replica?: boolean;
}

async function listen(app: Gateway['app']): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

async function gatewayOn(store: Store, sandbox: StartedSandbox, bitgo: TestBitGoKey, observer: CountingObserver, options: PartnerStackOptions, logs: string[]) {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const config = {
    ...loadConfig({ LOG_LEVEL: 'info', READ_CACHE: 'false' }),
    bitgoBaseUrl: sandbox.url,
    accessToken: sandbox.token,
    enterpriseId: sandbox.enterpriseId,
    partnerEnterpriseId: sandbox.partnerEnterpriseId,
    // BitGo's key (the test's) and, for the loop, the sandbox's.
    webhookPublicKeyPem: `${bitgo.publicKeyPem}\n${sandbox.partnerWebhooks.publicKeyPem}`,
    webhookPort: options.webhookPort ? 0 : undefined,
    ...options.config,
  } as Config & { bitgoBaseUrl: string };
  const gateway = await createGateway({ config, logger: createLogger('info', sink), signers: demoSigners(sandbox), store, webhookObserver: observer });
  const url = await listen(gateway.app);
  const webhookUrl = gateway.webhookApp ? await listen(gateway.webhookApp) : url;
  return { gateway, url, webhookUrl };
}

export async function startPartnerStack(engine: TestEngine, options: PartnerStackOptions = {}): Promise<PartnerStack> {
  const db = await engine.open();
  const sandbox = await startSandbox({ ...options.sandbox, partnerWebhookRetry: { baseDelayMs: 20, maxDelayMs: 200, ...options.sandbox?.partnerWebhookRetry } });
  const bitgo = new TestBitGoKey();
  const observer = new CountingObserver();
  const logs: string[] = [];
  // The store is durable: a connect's secrets are sealed under the operator's key, the same on every replica.
  const withKey = { ...options, config: { journalSecretKey: randomBytes(32), ...options.config } };
  const main = await gatewayOn(db.store, sandbox, bitgo, observer, withKey, logs);
  let replica: Awaited<ReturnType<typeof gatewayOn>> | undefined;
  if (options.replica && engine.name === 'postgres') replica = await gatewayOn(await db.openReplica(), sandbox, bitgo, observer, withKey, logs);
  if (options.loop) sandbox.partnerWebhooks.setUrl(main.webhookUrl);

  const call: PartnerStack['call'] = async (method, path, body, callOptions = {}) => {
    const token = callOptions.token === undefined ? bitgo.token() : callOptions.token;
    const headers: Record<string, string> = { ...(token === null ? {} : { 'x-bitgo-signature': token }), ...callOptions.headers };
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(`${callOptions.base ?? main.webhookUrl}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json };
  };

  return {
    db,
    sandbox,
    gateway: main.gateway,
    replica: replica?.gateway,
    bitgo,
    observer,
    url: main.url,
    webhookUrl: main.webhookUrl,
    replicaWebhookUrl: replica?.webhookUrl,
    logs,
    async gql(query, variables, headers) {
      const res = await fetch(`${main.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
      return { status: res.status, ...((await res.json()) as object) } as GraphQLResponse<never>;
    },
    call,
    async rows(id) {
      const { n } = await db.store.db
        .withTables<{ partner_ledger: { id: string } }>()
        .selectFrom('partner_ledger')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return Number(n);
    },
    async close() {
      await sandbox.close();
      await replica?.gateway.close();
      await main.gateway.close();
      await db.dispose();
    },
  };
}

/** A reservation body as BitGo sends it for the demo client's Nimbus connection; quantity 2^70 as a JSON number. */
export function reservation(overrides: Record<string, unknown> = {}, type: 'allocation' | 'deallocation' = 'allocation'): Record<string, unknown> {
  return {
    [`${type}Id`]: randomUUID(),
    amount: { currency: 'ofctbtc', quantity: '__2^70__' },
    clientId: '3f1c9a52-7d4e-4b8a-9e21-5a0c7e3b9d11',
    connectionId: '0c6d1e8a-2b3f-4c5d-9e6f-7a8b9c0d1e2f',
    partnersConnectionId: 'nimbus-conn-1001',
    partnersClientId: 'nimbus-acct-501',
    ...overrides,
  };
}

export const TWO_TO_70 = (2n ** 70n).toString();

/** JSON text of a body, with the quantity placeholder written as a bare JSON number (never through a JS number). */
export function bodyText(body: Record<string, unknown>): string {
  return JSON.stringify(body).replace('"__2^70__"', TWO_TO_70);
}
