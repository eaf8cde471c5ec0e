import { createHash } from 'node:crypto';
import type { OperationLimits } from '../server/operations.options.js';
import { boolean, integer, Problem, variable, type DocumentedSection, type EnvReader, type ValuesOf } from './variables.js';

/**
 * The operator's limits: what one operation may ask for, how big a request may be, which documents may run,
 * how often one caller may call, and who may act without a token of their own. Production values by default.
 * Exactly what the server layer takes, so that the two cannot drift apart.
 */
export type OperationsConfig = OperationLimits;

/**
 * Chosen from what the gateway's own clients send (measured with graphql-armor's counters): the codegen
 * operations reach depth 7 with their fragment spread, tokens 117 (introspection 184), cost 190; a 100-row
 * page with every field and each row's connection costs 17,450; a router's `_entities` fetch of a 100-row
 * `NetworkConnection.allocations` page, every field selected, 19,541 at depth 7.
 */
export const OPERATION_DEFAULTS = {
  maxDepth: 8,
  maxAliases: 30,
  maxTokens: 1_000,
  maxDirectives: 50,
  maxCost: 25_000,
  bodyLimitBytes: 65_536,
  readsPerMinute: 600,
  writesPerMinute: 60,
  addressRequestsPerMinute: 60_000,
  addressRefusedTokensPerMinute: 20,
} as const;

/** `{ "sha256:<hex>": "<document>" }`, as codegen's client preset writes persisted-documents.json. */
function trustedDocuments(path: string, reader: EnvReader): ReadonlyMap<string, string> | Problem {
  let parsed: unknown;
  try {
    parsed = JSON.parse(reader.readFile(path));
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    return new Problem(`PERSISTED_DOCUMENTS (${path}) could not be read as JSON${typeof code === 'string' ? ` (${code})` : ''}`);
  }
  const entries = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.entries(parsed) : [];
  const documents = new Map<string, string>();
  for (const [key, doc] of entries) {
    const hash = /^(?:sha256:)?([0-9a-f]{64})$/.exec(key)?.[1];
    if (hash === undefined || typeof doc !== 'string') break;
    documents.set(hash, doc);
  }
  if (entries.length === 0 || documents.size !== entries.length) {
    return new Problem(`PERSISTED_DOCUMENTS (${path}) must map SHA-256 hashes ("sha256:<hex>" or "<hex>") to documents, as codegen's persisted-documents.json does`);
  }
  // A hash that is not its document's would let a client run one document under another's name.
  const wrong = [...documents].filter(([hash, doc]) => createHash('sha256').update(doc).digest('hex') !== hash).length;
  if (wrong > 0) return new Problem(`PERSISTED_DOCUMENTS (${path}): ${wrong} hash(es) are not the SHA-256 of their document`);
  return documents;
}

const d = OPERATION_DEFAULTS;

const ALLOW_SERVICE_TOKEN = boolean('ALLOW_SERVICE_TOKEN', {
  default: { development: true, production: false },
  description: 'A request without `Authorization` acts with BITGO_ACCESS_TOKEN (and the gateway\'s signing key); otherwise it is refused `UNAUTHENTICATED` (HTTP 401).',
});

export const OPERATIONS_ENTRIES = {
  maxDepth: integer('GRAPHQL_MAX_DEPTH', { min: 1, max: 100, default: d.maxDepth, description: 'The deepest selection one operation may make.' }),
  maxAliases: integer('GRAPHQL_MAX_ALIASES', { min: 0, max: 1_000_000, default: d.maxAliases, description: 'Aliases one operation may use.' }),
  maxTokens: integer('GRAPHQL_MAX_TOKENS', { min: 10, max: 1_000_000, default: d.maxTokens, description: 'Tokens one document may hold (parsing stops beyond it).' }),
  maxDirectives: integer('GRAPHQL_MAX_DIRECTIVES', { min: 0, max: 1_000_000, default: d.maxDirectives, description: 'Directives one operation may use.' }),
  maxCost: integer('GRAPHQL_MAX_COST', { min: 1, max: 100_000_000, default: d.maxCost, description: 'The largest cost (graphql-armor\'s count of fields, lists weighing more) one operation may have.' }),
  bodyLimitBytes: integer('BODY_LIMIT_BYTES', { min: 1_024, max: 104_857_600, default: d.bodyLimitBytes, description: 'The largest request body; beyond it, HTTP 413 `PAYLOAD_TOO_LARGE`.' }),
  trustedDocuments: variable<ReadonlyMap<string, string> | undefined>('PERSISTED_DOCUMENTS', {
    description: 'A JSON file of trusted documents (codegen\'s `persisted-documents.json`): set, only they run (by hash, or as the full text of one of them).',
    show: () => '',
    parse: trustedDocuments,
  }),
  readsPerMinute: integer('RATE_LIMIT_READS_PER_MINUTE', {
    min: 0,
    max: 1_000_000,
    default: { development: 0, production: d.readsPerMinute },
    description: 'Queries (and subscription opens) one caller may make a minute; 0 turns the limit off.',
  }),
  writesPerMinute: integer('RATE_LIMIT_WRITES_PER_MINUTE', {
    min: 0,
    max: 1_000_000,
    default: { development: 0, production: d.writesPerMinute },
    description: 'Mutations one caller may make a minute; 0 turns the limit off.',
  }),
  addressRequestsPerMinute: integer('ADDRESS_REQUESTS_PER_MINUTE', {
    min: 0,
    max: 10_000_000,
    default: { development: 0, production: d.addressRequestsPerMinute },
    description: 'Requests one client address (an IPv6 /64) may make a minute, whatever tokens they carry; 0 turns the ceiling off. High by default (1,000 a second): a router is one address for all its callers. Behind a proxy set TRUST_PROXY, or every caller is the proxy.',
  }),
  addressRefusedTokensPerMinute: integer('ADDRESS_REFUSED_TOKENS_PER_MINUTE', {
    min: 0,
    max: 1_000_000,
    default: { development: 0, production: d.addressRefusedTokensPerMinute },
    description: 'Tokens BitGo refused (HTTP 401) one client address may send a minute; past it, that address\'s tokens not yet seen accepted are refused `RATE_LIMITED` without a BitGo call. 0 turns it off.',
  }),
  redisTimeoutMs: integer('REDIS_TIMEOUT_MS', {
    min: 10,
    max: 10_000,
    default: 250,
    description: 'The longest a rate-limit counter may wait on Redis; past it (or when Redis is known to be away) the request goes on uncounted.',
  }),
  headersTimeoutMs: integer('HTTP_HEADERS_TIMEOUT_MS', { min: 100, max: 600_000, default: 10_000, description: 'A connection that has not sent a whole request head within this is closed (idle connections and slow headers).' }),
  requestTimeoutMs: integer('HTTP_REQUEST_TIMEOUT_MS', {
    min: 100,
    max: 600_000,
    default: 15_000,
    description: 'A request whose body has not arrived whole within this is answered 408 and closed (a body sent at a byte a second). Not the time to answer.',
  }),
  keepAliveTimeoutMs: integer('HTTP_KEEPALIVE_TIMEOUT_MS', {
    min: 100,
    max: 600_000,
    default: 72_000,
    description: 'An idle keep-alive connection is closed after this; keep it above the idle timeout of the load balancer in front.',
  }),
  maxConnections: integer('HTTP_MAX_CONNECTIONS', { min: 1, max: 1_000_000, default: 10_000, description: 'Connections open at once, WebSockets included; beyond it a new connection is closed at once.' }),
  redisUrl: variable<string | undefined>('REDIS_URL', {
    secret: true,
    description: 'Redis for the rate limits\' counters, shared by replicas (`redis://` or `rediss://`); unset: counted in each process. Counters fail open when Redis is down.',
    parse: (raw) => {
      const url = URL.canParse(raw) ? new URL(raw) : undefined;
      // Not echoed: it may hold a password.
      return url && (url.protocol === 'redis:' || url.protocol === 'rediss:') ? raw : new Problem('REDIS_URL must be a redis:// or rediss:// URL');
    },
  }),
  /** Addresses or CIDRs of the proxies in front (Fastify ignores hop counts: they cannot vouch for the peer). */
  trustProxy: variable<boolean | string[]>('TRUST_PROXY', {
    default: false,
    description: '`true`, or the comma-separated addresses/CIDRs of the proxies in front, whose `X-Forwarded-For` names the caller (the rate limits count by it).',
    parse: (raw) => {
      if (raw === 'false') return false;
      if (raw === 'true') return true;
      const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
      if (list.every((a) => /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(a))) return list;
      return new Problem(`TRUST_PROXY must be true, false, or comma-separated proxy addresses/CIDRs (got "${raw}")`);
    },
  }),
  allowServiceToken: ALLOW_SERVICE_TOKEN,
} as const;

export const OPERATIONS_SECTION: DocumentedSection = {
  title: 'Operations',
  about: 'What one request may ask for, how often one caller may call, and who may act without a token of its own.',
  entries: OPERATIONS_ENTRIES,
};

/** `serviceToken`: BITGO_ACCESS_TOKEN is set; `onSandbox`: the embedded sandbox (which brings its own demo token) is the upstream. */
export function loadOperationsConfig(reader: EnvReader, context: { onSandbox: boolean; serviceToken: boolean }): OperationsConfig {
  const operations: ValuesOf<typeof OPERATIONS_ENTRIES> = reader.section(OPERATIONS_ENTRIES);
  // Outside the embedded sandbox (which brings its own demo token), allowing the service token without one can never work.
  if (reader.isSet(ALLOW_SERVICE_TOKEN) && operations.allowServiceToken && !context.serviceToken && !context.onSandbox) {
    reader.problems.push('ALLOW_SERVICE_TOKEN=true needs BITGO_ACCESS_TOKEN: there is no service token to act with');
  }
  // Node refuses a head timeout longer than the whole request's.
  if (operations.headersTimeoutMs > operations.requestTimeoutMs) reader.problems.push('HTTP_HEADERS_TIMEOUT_MS must not be more than HTTP_REQUEST_TIMEOUT_MS');
  return operations;
}
