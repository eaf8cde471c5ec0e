import type { WireView } from '../bitgo/wire.types.js';
import { journalSecretKey } from './journal-secret.config.js';
import { loadOperationsConfig, OPERATIONS_SECTION, type OperationsConfig } from './operations.config.js';
import { loadPartnerConfig, PARTNER_SECTION, type PartnerConfig } from './partner.config.js';
import { READ_CACHE_DOCS, READ_CACHE_SECTION, type ReadCacheConfig } from './read-cache.config.js';
import { SIGNING_SECTION } from './signing.config.js';
import {
  boolean,
  choice,
  derived,
  EnvReader,
  enterpriseId,
  httpUrl,
  integer,
  NODE_ENV,
  optionalInteger,
  origin,
  Problem,
  text,
  variable,
  type DocumentedSection,
  type Env,
  type ValuesOf,
} from './variables.js';

/*
 * The gateway's variables, by section. A new variable is one entry in the section it belongs to (or a new section
 * here and in CONFIGURATION): `loadConfig` reads it into the field named by its key, typed by its parser, and
 * docs/reference/configuration.md lists it (`npm run docs`; a test fails while the page is stale).
 */

export type BitGoEnv = 'sandbox' | 'test' | 'prod';
export type PlaygroundKind = 'graphiql' | 'apollo-sandbox';

const BASE_URLS: Record<Exclude<BitGoEnv, 'sandbox'>, string> = {
  test: 'https://app.bitgo-test.com',
  prod: 'https://app.bitgo.com',
};

export const SERVER_SECTION = {
  port: integer('PORT', { min: 0, max: 65535, default: 4000, description: 'Where the gateway listens: GraphQL at `/graphql`, the playground at `/`.' }),
  host: text('HOST', { default: '127.0.0.1', description: 'The address the gateway (and METRICS_PORT, WEBHOOK_PORT) listen on.' }),
  production: NODE_ENV,
  playground: boolean('PLAYGROUND', { default: { development: true, production: false }, description: 'Serve the playground at `/`.' }),
  playgroundKind: choice('PLAYGROUND_KIND', ['graphiql', 'apollo-sandbox'], {
    default: 'graphiql',
    description: '`graphiql` (self-hosted, works offline) or `apollo-sandbox` (Apollo\'s hosted UI; needs internet).',
  }),
  introspection: boolean('INTROSPECTION', { default: { development: true, production: false }, description: 'Allow schema introspection.' }),
  logLevel: choice('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info', description: 'The least severe log level written.' }),
  logFormat: choice('LOG_FORMAT', ['auto', 'json', 'pretty'], {
    default: 'auto',
    description: '`auto`: readable lines when stdout is a terminal outside production, else JSON (one object a line, as log shippers read it); `json` or `pretty` always.',
  }),
} as const;

const BITGO_ENV = choice('BITGO_ENV', ['sandbox', 'test', 'prod'], {
  default: 'sandbox',
  description: '`sandbox` starts the embedded sandbox; `test` → `https://app.bitgo-test.com`, `prod` → `https://app.bitgo.com`.',
});
const BITGO_BASE_URL = httpUrl('BITGO_BASE_URL', { description: 'BitGo\'s base URL; when set it is used (whatever BITGO_ENV says) and no sandbox starts.' });

export const UPSTREAM_SECTION = {
  bitgoEnv: BITGO_ENV,
  /** Undefined: start the embedded sandbox and use it. */
  bitgoBaseUrl: derived([BITGO_BASE_URL], (reader) => {
    const bitgoEnv = reader.get(BITGO_ENV);
    return reader.get(BITGO_BASE_URL) ?? (bitgoEnv === 'sandbox' ? undefined : BASE_URLS[bitgoEnv]);
  }),
  accessToken: text('BITGO_ACCESS_TOKEN', {
    secret: true,
    defaultText: 'the sandbox\'s demo token (sandbox mode)',
    description: 'The service token: what the reconciler re-sends with, and what a caller without `Authorization` acts with where ALLOW_SERVICE_TOKEN allows it. A caller\'s own bearer token is forwarded instead when present.',
    check: (value) => (/\s/.test(value) ? 'BITGO_ACCESS_TOKEN must not contain white space' : undefined),
  }),
  enterpriseId: enterpriseId('BITGO_ENTERPRISE_ID', { defaultText: 'the sandbox\'s demo client (sandbox mode)', description: 'The default enterprise (every operation also takes `enterpriseId`).' }),
  defaultView: choice<WireView>('BITGO_VIEW', ['client', 'partner'], { default: 'client', description: 'The default `AllocationView`: `client` or `partner`.' }),
  requestTimeoutMs: integer('BITGO_TIMEOUT_MS', { min: 50, max: 120_000, default: 10_000, description: 'Timeout of one upstream attempt.' }),
  writeDeadlineMs: integer('BITGO_WRITE_DEADLINE_MS', {
    min: 100,
    max: 600_000,
    default: 30_000,
    description: 'Total time for every attempt of one signed write; past it the mutation answers `OUTCOME_UNKNOWN`. Also the shutdown grace.',
  }),
  settlementVersion: choice<'auto' | 'v1' | 'v2'>('SETTLEMENT_VERSION', ['auto', 'v1', 'v2'], {
    default: 'auto',
    description: 'Which route `settle` posts to: `v1` (settled at once, no disputes), `v2` (`cutoffAt` required; processed after the dispute window), or `auto`: v2 when the input gives `cutoffAt`, else v1 (a partner with disputes enabled is refused v1: `SETTLEMENT_VERSION_REFUSED`).',
  }),
  maxUpstreamPageSize: integer('BITGO_MAX_PAGE_SIZE', {
    min: 101,
    max: 1_000,
    default: 500,
    description: 'The largest `pageSize` the gateway asks BitGo for; it must not exceed what BitGo serves, which its OpenAPI does not state.',
  }),
  cursorSecret: text('CURSOR_SECRET', {
    secret: true,
    defaultText: 'random per process',
    description: 'HMAC key of cursors (at least 16 characters); set it so that cursors survive restarts and work across replicas.',
    check: (value) => (value.length < 16 ? 'CURSOR_SECRET must be at least 16 characters' : undefined),
  }),
  sandboxPort: integer('SANDBOX_PORT', { min: 0, max: 65535, default: 0, defaultText: 'an ephemeral port', description: 'The embedded sandbox\'s port (sandbox mode).' }),
} as const;

export const STORE_SECTION = {
  /** A secret: it may hold a password. */
  databaseUrl: variable<string | undefined>('DATABASE_URL', {
    secret: true,
    description: 'PostgreSQL for the journal, the partner ledger and the live feed (`postgres://user:password@host:port/database`, a pool of 10 connections). Unset: the embedded store in DATA_DIR.',
    parse: (raw) => {
      const url = URL.canParse(raw) ? new URL(raw) : undefined;
      if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') || url.hostname === '') {
        // Not echoed: a database URL may carry a password.
        return new Problem('DATABASE_URL must be a postgres:// (or postgresql://) URL with a host, e.g. postgres://user:password@host:5432/database (the value is not shown)');
      }
      return raw;
    },
  }),
  databaseSchema: text('DATABASE_SCHEMA', {
    default: 'public',
    description: 'The PostgreSQL schema holding the gateway\'s tables (the first migration creates it).',
    check: (value) => (/^[a-z_][a-z0-9_]{0,62}$/.test(value) ? undefined : `DATABASE_SCHEMA must be a lowercase identifier (letters, digits, _) (got "${value.slice(0, 80)}")`),
  }),
  dataDir: text('DATA_DIR', { default: './.data', description: 'The embedded store\'s directory (PGlite), used when DATABASE_URL is unset; one process at a time.' }),
  storeTimeoutMs: integer('STORE_TIMEOUT_MS', {
    min: 100,
    max: 600_000,
    default: 5_000,
    description:
      'PostgreSQL: the longest wait for a pooled connection and for each statement (start-up migrations included; `npm run migrate` has none). Past it a signed write is refused with STORE_UNAVAILABLE, before anything is sent.',
  }),
  reconcileIntervalMs: integer('RECONCILE_INTERVAL_MS', {
    min: 100,
    max: 86_400_000,
    default: 30_000,
    description: 'Between the reconciler\'s passes over unsettled signed requests (the first runs at start-up).',
  }),
  reconcileMaxAgeMs: integer('RECONCILE_MAX_AGE_MS', {
    min: 1_000,
    max: 365 * 86_400_000,
    default: 86_400_000,
    description: 'An unsettled signed request this old is marked `ABANDONED` and no longer re-sent.',
  }),
  /** Seals a connect's secrets in the journal; undefined: main.ts makes the embedded store's own, PostgreSQL refuses connect. */
  journalSecretKey,
} as const;

export const LIVE_SECTION = {
  subscriptionsPerCaller: integer('SUBSCRIPTIONS_PER_CALLER', { min: 1, max: 10_000, default: 20, description: 'Live subscriptions one caller (token) may hold open on one replica; beyond it, `LIMIT_EXCEEDED`.' }),
  subscriptionKeepAliveMs: integer('SUBSCRIPTION_KEEPALIVE_MS', { min: 0, max: 600_000, default: 12_000, description: 'graphql-ws: a WebSocket ping this often; 0 turns keep-alive off.' }),
  subscriptionCallbackOrigin: origin('SUBSCRIPTION_CALLBACK_ORIGIN', {
    description: 'The router\'s callback listener (scheme, host and port) for Apollo\'s subscription callback protocol; callbacks go to this origin and nowhere else. Unset: the protocol is off.',
  }),
  subscriptionPollMinMs: integer('SUBSCRIPTION_POLL_MIN_MS', { min: 100, max: 60_000, default: 1_000, description: 'The watcher re-reads a RESERVED allocation a subscriber holds this long after, doubling each time.' }),
  subscriptionPollMaxMs: integer('SUBSCRIPTION_POLL_MAX_MS', { min: 100, max: 3_600_000, default: 30_000, description: 'The longest wait between two re-reads of a RESERVED allocation.' }),
  subscriptionTokenRecheckMs: integer('SUBSCRIPTION_TOKEN_RECHECK_MS', {
    min: 1_000,
    max: 86_400_000,
    default: 300_000,
    description: 'A live subscription\'s token is proven again with BitGo when no read has proven it for this long.',
  }),
} as const;

const OTEL_SDK_DISABLED = text('OTEL_SDK_DISABLED', { description: '`true` turns tracing off whatever the endpoints say (OpenTelemetry\'s own variable).' });
const OTLP_ENDPOINTS = ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'OTEL_EXPORTER_OTLP_ENDPOINT'].map((name, i) =>
  variable<string | undefined>(name, {
    description:
      i === 0
        ? 'The OTLP/HTTP endpoint traces are exported to (OpenTelemetry\'s own variable); tracing is on only when this or OTEL_EXPORTER_OTLP_ENDPOINT is set.'
        : 'The general OTLP/HTTP endpoint, used for traces when OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is unset.',
    trim: false,
    // Not echoed: an endpoint URL may carry credentials.
    parse: (raw) => (/^https?:\/\/[^\s]+$/.test(raw) && URL.canParse(raw) ? raw : new Problem(`${name} must be an http(s) URL`)),
  }),
);

export const OBSERVABILITY_SECTION = {
  metrics: boolean('METRICS', { default: true, description: 'Prometheus metrics at `/metrics`.' }),
  metricsPort: optionalInteger('METRICS_PORT', { min: 1, max: 65535, defaultText: 'the gateway\'s port', description: 'Serve `/metrics` on a listener of its own, on HOST.' }),
  /** The traces endpoint, else the general one; OTEL_SDK_DISABLED=true turns tracing off. */
  otlpEndpoint: derived([...OTLP_ENDPOINTS, OTEL_SDK_DISABLED], (reader) => {
    if (reader.get(OTEL_SDK_DISABLED) === 'true') return undefined;
    // The first one set is the one used (and the only one checked).
    const endpoint = OTLP_ENDPOINTS.find((variable) => reader.isSet(variable));
    return endpoint && reader.get(endpoint);
  }),
  traceQueueSize: integer('OTEL_BSP_MAX_QUEUE_SIZE', {
    min: 1,
    max: 1_000_000,
    default: 2_048,
    description: 'Spans waiting for export; beyond it (a collector down or slow) new spans are dropped and counted in `gateway_trace_spans_dropped_total`.',
  }),
  traceExportTimeoutMs: integer('OTEL_EXPORTER_OTLP_TIMEOUT', {
    min: 100,
    max: 120_000,
    default: 5_000,
    description: 'One span export\'s limit; an export that fails or takes longer drops its spans (counted). Exports run in the background: requests never wait on them.',
  }),
} as const;

/** Typed, validated gateway configuration. Secrets live here and nowhere else. */
export interface Config
  extends ValuesOf<typeof SERVER_SECTION>,
    ValuesOf<typeof UPSTREAM_SECTION>,
    ValuesOf<typeof STORE_SECTION>,
    ValuesOf<typeof LIVE_SECTION>,
    ValuesOf<typeof OBSERVABILITY_SECTION>,
    PartnerConfig,
    ReadCacheConfig {
  /** Abuse limits, trusted documents, rate limits, who may act without a token of their own (operations.config.ts). */
  operations: OperationsConfig;
}

/** Every section, in the reference's order (docs/reference/configuration.md). */
export const CONFIGURATION: readonly DocumentedSection[] = [
  { title: 'Server', about: 'Where the gateway listens and what it shows.', entries: SERVER_SECTION },
  { title: 'BitGo', about: 'The upstream, its credentials and its limits.', entries: UPSTREAM_SECTION },
  { title: 'Store', about: 'The durable store of the journal and the partner ledger, and the reconciler.', entries: STORE_SECTION },
  { title: 'Live subscriptions', about: 'Limits and timings of `allocationChanged` and `partnerAllocationRequestChanged`.', entries: LIVE_SECTION },
  { title: 'Metrics and traces', about: 'What operators scrape and where spans go.', entries: OBSERVABILITY_SECTION },
  OPERATIONS_SECTION,
  READ_CACHE_DOCS,
  PARTNER_SECTION,
  SIGNING_SECTION,
];

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The store's variables alone, as `npm run migrate` and `npm run sandbox:reset` read them; throws ConfigError. */
export function loadStoreConfig(env: Env = process.env): ValuesOf<typeof STORE_SECTION> {
  const reader = new EnvReader(env);
  const store = reader.section(STORE_SECTION);
  if (reader.problems.length > 0) throw new ConfigError(reader.problems);
  return store;
}

/** Reads the environment; throws one ConfigError listing every problem. */
export function loadConfig(env: Env = process.env): Config {
  const reader = new EnvReader(env);
  const bitgoEnv = reader.get(BITGO_ENV);
  // A production deployment that forgot its upstream would otherwise "allocate" into the in-memory sandbox.
  if (reader.production && bitgoEnv === 'sandbox' && !reader.isSet(BITGO_BASE_URL)) {
    reader.problems.push('NODE_ENV=production needs BITGO_ENV=test or prod (or BITGO_BASE_URL): the embedded sandbox is for development');
  }
  const server = reader.section(SERVER_SECTION);
  const upstream = reader.section(UPSTREAM_SECTION);
  const config: Config = {
    ...server,
    ...upstream,
    ...reader.section(STORE_SECTION),
    ...reader.section(LIVE_SECTION),
    ...reader.section(OBSERVABILITY_SECTION),
    ...reader.section(READ_CACHE_SECTION),
    operations: loadOperationsConfig(reader, { onSandbox: !reader.isSet(BITGO_BASE_URL) && bitgoEnv === 'sandbox', serviceToken: upstream.accessToken !== undefined }),
    ...loadPartnerConfig(reader, { sandboxMode: upstream.bitgoBaseUrl === undefined, port: server.port, enterpriseId: upstream.enterpriseId }),
  };
  if (config.subscriptionPollMaxMs < config.subscriptionPollMinMs) reader.problems.push('SUBSCRIPTION_POLL_MAX_MS must not be less than SUBSCRIPTION_POLL_MIN_MS');
  if (reader.problems.length > 0) throw new ConfigError(reader.problems);
  return config;
}
