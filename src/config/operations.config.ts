import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { OperationLimits } from '../server/operations.options.js';

/**
 * The operator's limits: what one operation may ask for, how big a request may be, which documents may run,
 * how often one caller may call, and who may act without a token of their own. Production values by default.
 * Exactly what the server layer takes, so that the two cannot drift apart.
 */
export type OperationsConfig = OperationLimits;

type Env = Readonly<Record<string, string | undefined>>;

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
} as const;

function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

function int(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return Number(raw);
}

function bool(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  problems.push(`${name} must be true or false (got "${raw}")`);
  return fallback;
}

/** `{ "sha256:<hex>": "<document>" }`, as codegen's client preset writes persisted-documents.json. */
function trustedDocuments(path: string, problems: string[]): ReadonlyMap<string, string> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    problems.push(`PERSISTED_DOCUMENTS (${path}) could not be read as JSON${typeof code === 'string' ? ` (${code})` : ''}`);
    return undefined;
  }
  const entries = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.entries(parsed) : [];
  const documents = new Map<string, string>();
  for (const [key, doc] of entries) {
    const hash = /^(?:sha256:)?([0-9a-f]{64})$/.exec(key)?.[1];
    if (hash === undefined || typeof doc !== 'string') break;
    documents.set(hash, doc);
  }
  if (entries.length === 0 || documents.size !== entries.length) {
    problems.push(`PERSISTED_DOCUMENTS (${path}) must map SHA-256 hashes ("sha256:<hex>" or "<hex>") to documents, as codegen's persisted-documents.json does`);
    return undefined;
  }
  // A hash that is not its document's would let a client run one document under another's name.
  const wrong = [...documents].filter(([hash, doc]) => createHash('sha256').update(doc).digest('hex') !== hash).length;
  if (wrong > 0) {
    problems.push(`PERSISTED_DOCUMENTS (${path}): ${wrong} hash(es) are not the SHA-256 of their document`);
    return undefined;
  }
  return documents;
}

function redisUrl(env: Env, problems: string[]): string | undefined {
  const raw = value(env, 'REDIS_URL');
  if (raw === undefined) return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol === 'redis:' || url.protocol === 'rediss:') return raw;
  } catch {
    // reported below, without the value: it may hold a password
  }
  problems.push('REDIS_URL must be a redis:// or rediss:// URL');
  return undefined;
}

/** Addresses or CIDRs of the proxies in front (Fastify ignores hop counts: they cannot vouch for the peer). */
function trustProxy(env: Env, problems: string[]): boolean | string[] {
  const raw = value(env, 'TRUST_PROXY');
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (list.every((a) => /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(a))) return list;
  problems.push(`TRUST_PROXY must be true, false, or comma-separated proxy addresses/CIDRs (got "${raw}")`);
  return false;
}

export function loadOperationsConfig(env: Env, production: boolean, problems: string[]): OperationsConfig {
  const d = OPERATION_DEFAULTS;
  const path = value(env, 'PERSISTED_DOCUMENTS');
  const accessToken = value(env, 'BITGO_ACCESS_TOKEN');
  const allowServiceToken = bool(env, 'ALLOW_SERVICE_TOKEN', !production, problems);
  // Outside the embedded sandbox (which brings its own demo token), allowing the service token without one can never work.
  const onSandbox = value(env, 'BITGO_BASE_URL') === undefined && (value(env, 'BITGO_ENV') ?? 'sandbox') === 'sandbox';
  if (env.ALLOW_SERVICE_TOKEN !== undefined && allowServiceToken && !accessToken && !onSandbox) {
    problems.push('ALLOW_SERVICE_TOKEN=true needs BITGO_ACCESS_TOKEN: there is no service token to act with');
  }
  return {
    maxDepth: int(env, 'GRAPHQL_MAX_DEPTH', d.maxDepth, 1, 100, problems),
    maxAliases: int(env, 'GRAPHQL_MAX_ALIASES', d.maxAliases, 0, 1_000_000, problems),
    maxTokens: int(env, 'GRAPHQL_MAX_TOKENS', d.maxTokens, 10, 1_000_000, problems),
    maxDirectives: int(env, 'GRAPHQL_MAX_DIRECTIVES', d.maxDirectives, 0, 1_000_000, problems),
    maxCost: int(env, 'GRAPHQL_MAX_COST', d.maxCost, 1, 100_000_000, problems),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', d.bodyLimitBytes, 1_024, 104_857_600, problems),
    trustedDocuments: path === undefined ? undefined : trustedDocuments(path, problems),
    readsPerMinute: int(env, 'RATE_LIMIT_READS_PER_MINUTE', production ? d.readsPerMinute : 0, 0, 1_000_000, problems),
    writesPerMinute: int(env, 'RATE_LIMIT_WRITES_PER_MINUTE', production ? d.writesPerMinute : 0, 0, 1_000_000, problems),
    redisUrl: redisUrl(env, problems),
    trustProxy: trustProxy(env, problems),
    allowServiceToken,
  };
}
