import type { WireView } from '../bitgo/wire.types.js';
import { loadJournalSecretKey } from './journal-secret.config.js';
import { loadOperationsConfig, type OperationsConfig } from './operations.config.js';
import { loadPartnerConfig, type PartnerConfig } from './partner.config.js';

export type BitGoEnv = 'sandbox' | 'test' | 'prod';
export type PlaygroundKind = 'graphiql' | 'apollo-sandbox';

/** Typed, validated gateway configuration. Secrets live here and nowhere else. */
export interface Config extends PartnerConfig {
  port: number;
  host: string;
  bitgoEnv: BitGoEnv;
  /** Upstream base URL; undefined means "start the embedded sandbox and use it". */
  bitgoBaseUrl: string | undefined;
  accessToken: string | undefined;
  enterpriseId: string | undefined;
  defaultView: WireView;
  /** Per upstream attempt. */
  requestTimeoutMs: number;
  /** Total time for every attempt of one signed write; past it the mutation answers OUTCOME_UNKNOWN. */
  writeDeadlineMs: number;
  /** Largest pageSize the gateway asks BitGo for. */
  maxUpstreamPageSize: number;
  /** Keys the HMAC that makes cursors unforgeable; random per process when unset. */
  cursorSecret: string | undefined;
  production: boolean;
  playground: boolean;
  /** Which playground `playground` turns on: self-hosted GraphiQL, or Apollo Sandbox (loads from Apollo's CDN, needs internet). */
  playgroundKind: PlaygroundKind;
  introspection: boolean;
  logLevel: string;
  /** `postgres://…`: the store on PostgreSQL (a pool). Undefined: the embedded store in `dataDir`. A secret (it may hold a password). */
  databaseUrl: string | undefined;
  /** PostgreSQL schema holding the gateway's tables (created by the first migration when missing). */
  databaseSchema: string;
  /** The embedded store's directory (PGlite's files and the lock that keeps a second process out). */
  dataDir: string;
  /** Between passes of the reconciler over unsettled signed requests. */
  reconcileIntervalMs: number;
  /** Unsettled signed requests older than this are marked ABANDONED. */
  reconcileMaxAgeMs: number;
  /** Live subscriptions one caller (token) may hold open on one replica. */
  subscriptionsPerCaller: number;
  /** graphql-ws: a WebSocket ping this often (ms); 0 turns keep-alive off. */
  subscriptionKeepAliveMs: number;
  /** The router's callback origin for Apollo's subscription callback protocol; undefined: the protocol is off. */
  subscriptionCallbackOrigin: string | undefined;
  /** The watcher re-reads a RESERVED allocation after this long, doubling up to `subscriptionPollMaxMs`. */
  subscriptionPollMinMs: number;
  subscriptionPollMaxMs: number;
  /** A live subscription's token is proven again with BitGo when no read has proven it for this long. */
  subscriptionTokenRecheckMs: number;
  /** Prometheus metrics at /metrics. */
  metrics: boolean;
  /** Serve /metrics on this port (on HOST) instead of the gateway's. */
  metricsPort: number | undefined;
  /** OTLP/HTTP endpoint for traces; tracing is on only when set. */
  otlpEndpoint: string | undefined;
  /** Abuse limits, trusted documents, rate limits, who may act without a token (operations.config.ts). */
  operations: OperationsConfig;
  /** JOURNAL_SECRET_KEY: seals the secrets a connect's journal row must keep (journal-secret.config.ts). A secret. */
  journalSecretKey: Buffer | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const BASE_URLS: Record<Exclude<BitGoEnv, 'sandbox'>, string> = {
  test: 'https://app.bitgo-test.com',
  prod: 'https://app.bitgo.com',
};

type Env = Readonly<Record<string, string | undefined>>;

function int(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return Number(raw);
}

function bool(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  problems.push(`${name} must be true or false (got "${raw}")`);
  return fallback;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T, problems: string[]): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
  return fallback;
}

/** Checked without ever echoing the value: a database URL may carry a password. */
function databaseUrl(env: Env, problems: string[]): string | undefined {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw === '') return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') || url.hostname === '') {
    problems.push('DATABASE_URL must be a postgres:// (or postgresql://) URL with a host, e.g. postgres://user:password@host:5432/database (the value is not shown)');
    return undefined;
  }
  return raw;
}

function schemaName(env: Env, problems: string[]): string {
  const raw = env.DATABASE_SCHEMA;
  if (raw === undefined || raw === '') return 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(raw)) problems.push(`DATABASE_SCHEMA must be a lowercase identifier (letters, digits, _) (got "${raw.slice(0, 80)}")`);
  return raw;
}

function baseUrl(env: Env, bitgoEnv: BitGoEnv, problems: string[]): string | undefined {
  const raw = env.BITGO_BASE_URL;
  if (raw !== undefined && raw !== '') {
    try {
      const url = new URL(raw);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('protocol');
      return url.origin + url.pathname.replace(/\/+$/, '');
    } catch {
      // Not echoed: a URL may carry credentials.
      problems.push(`BITGO_BASE_URL must be an http(s) URL`);
      return undefined;
    }
  }
  return bitgoEnv === 'sandbox' ? undefined : BASE_URLS[bitgoEnv];
}

/** An http(s) origin (scheme, host, port), e.g. the router's callback listener. */
function origin(env: Env, name: string, problems: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) {
    // Not echoed: a URL may carry credentials (which this refuses).
    problems.push(`${name} must be an http(s) origin without credentials, such as http://router.internal:4000`);
    return undefined;
  }
  return url.origin;
}

/** OpenTelemetry's own variables: the traces endpoint, else the general one; OTEL_SDK_DISABLED=true turns tracing off. */
function otlpEndpoint(env: Env, problems: string[]): string | undefined {
  if (env.OTEL_SDK_DISABLED === 'true') return undefined;
  for (const name of ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'OTEL_EXPORTER_OTLP_ENDPOINT']) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    if (!/^https?:\/\/[^\s]+$/.test(raw) || !URL.canParse(raw)) {
      // Not echoed: an endpoint URL may carry credentials.
      problems.push(`${name} must be an http(s) URL`);
      return undefined;
    }
    return raw;
  }
  return undefined;
}

/** Reads the environment; throws one ConfigError listing every problem. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const bitgoEnv = oneOf(env, 'BITGO_ENV', ['sandbox', 'test', 'prod'] as const, 'sandbox', problems);
  const production = env.NODE_ENV === 'production';
  // A production deployment that forgot its upstream would otherwise "allocate" into the in-memory sandbox.
  if (production && bitgoEnv === 'sandbox' && !env.BITGO_BASE_URL) {
    problems.push('NODE_ENV=production needs BITGO_ENV=test or prod (or BITGO_BASE_URL): the embedded sandbox is for development');
  }
  const enterpriseId = env.BITGO_ENTERPRISE_ID || undefined;
  if (enterpriseId !== undefined && !/^[A-Za-z0-9-]{1,64}$/.test(enterpriseId)) {
    problems.push('BITGO_ENTERPRISE_ID must be a BitGo enterprise id (letters, digits and dashes)');
  }
  const accessToken = env.BITGO_ACCESS_TOKEN || undefined;
  if (accessToken !== undefined && /\s/.test(accessToken)) problems.push('BITGO_ACCESS_TOKEN must not contain white space');
  const cursorSecret = env.CURSOR_SECRET || undefined;
  if (cursorSecret !== undefined && cursorSecret.length < 16) problems.push('CURSOR_SECRET must be at least 16 characters');
  const base: Omit<Config, keyof PartnerConfig> = {
    port: int(env, 'PORT', 4000, 0, 65535, problems),
    host: env.HOST || '127.0.0.1',
    bitgoEnv,
    bitgoBaseUrl: baseUrl(env, bitgoEnv, problems),
    accessToken,
    enterpriseId,
    defaultView: oneOf(env, 'BITGO_VIEW', ['client', 'partner'] as const, 'client', problems),
    requestTimeoutMs: int(env, 'BITGO_TIMEOUT_MS', 10_000, 50, 120_000, problems),
    writeDeadlineMs: int(env, 'BITGO_WRITE_DEADLINE_MS', 30_000, 100, 600_000, problems),
    maxUpstreamPageSize: int(env, 'BITGO_MAX_PAGE_SIZE', 500, 101, 1_000, problems),
    cursorSecret,
    production,
    playground: bool(env, 'PLAYGROUND', !production, problems),
    playgroundKind: oneOf(env, 'PLAYGROUND_KIND', ['graphiql', 'apollo-sandbox'] as const, 'graphiql', problems),
    introspection: bool(env, 'INTROSPECTION', !production, problems),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info', problems),
    databaseUrl: databaseUrl(env, problems),
    databaseSchema: schemaName(env, problems),
    dataDir: env.DATA_DIR || './.data',
    reconcileIntervalMs: int(env, 'RECONCILE_INTERVAL_MS', 30_000, 100, 86_400_000, problems),
    reconcileMaxAgeMs: int(env, 'RECONCILE_MAX_AGE_MS', 86_400_000, 1_000, 365 * 86_400_000, problems),
    subscriptionsPerCaller: int(env, 'SUBSCRIPTIONS_PER_CALLER', 20, 1, 10_000, problems),
    subscriptionKeepAliveMs: int(env, 'SUBSCRIPTION_KEEPALIVE_MS', 12_000, 0, 600_000, problems),
    subscriptionCallbackOrigin: origin(env, 'SUBSCRIPTION_CALLBACK_ORIGIN', problems),
    subscriptionPollMinMs: int(env, 'SUBSCRIPTION_POLL_MIN_MS', 1_000, 100, 60_000, problems),
    subscriptionPollMaxMs: int(env, 'SUBSCRIPTION_POLL_MAX_MS', 30_000, 100, 3_600_000, problems),
    subscriptionTokenRecheckMs: int(env, 'SUBSCRIPTION_TOKEN_RECHECK_MS', 300_000, 1_000, 86_400_000, problems),
    metrics: bool(env, 'METRICS', true, problems),
    metricsPort: env.METRICS_PORT ? int(env, 'METRICS_PORT', 0, 1, 65535, problems) : undefined,
    otlpEndpoint: otlpEndpoint(env, problems),
    operations: loadOperationsConfig(env, production, problems),
    journalSecretKey: loadJournalSecretKey(env, problems),
  };
  const config: Config = { ...base, ...loadPartnerConfig(env, { sandboxMode: base.bitgoBaseUrl === undefined, port: base.port, enterpriseId }, problems) };
  if (config.subscriptionPollMaxMs < config.subscriptionPollMinMs) problems.push('SUBSCRIPTION_POLL_MAX_MS must not be less than SUBSCRIPTION_POLL_MIN_MS');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
