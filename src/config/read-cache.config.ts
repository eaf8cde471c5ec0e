import { READ_KIND_NAMES, READ_KINDS, type ReadKind } from '../bitgo/read-kinds.js';
import { boolean, derived, integer, type DocumentedSection, type EnvReader, type ValuesOf } from './variables.js';

/** One TTL variable per read kind (READ_CACHE_TTL_<KIND>_MS), its default from the kinds' table. */
const TTLS = READ_KIND_NAMES.map((kind) =>
  integer(`READ_CACHE_TTL_${kind.toUpperCase()}_MS`, {
    min: 0,
    max: 3_600_000,
    default: READ_KINDS[kind].ttlMs,
    description: `How long a cached ${kind} read may be served when the gateway sees no change touching it (a change at BitGo that the gateway does not see shows after at most this); 0 keeps ${kind} out of the cache.`,
  }),
);

export const READ_CACHE_SECTION = {
  readCache: boolean('READ_CACHE', {
    default: true,
    description: 'Cache BitGo\'s answers to reads (in memory, or on Redis when REDIS_URL is set) and drop them on every change the gateway sees; `false`: every read goes to BitGo.',
  }),
  readCacheMaxBytes: integer('READ_CACHE_MAX_BYTES', {
    min: 65_536,
    max: 17_179_869_184,
    default: 67_108_864,
    description: 'The in-memory read cache\'s bound (least recently used entries go first); Redis bounds its own (`maxmemory`).',
  }),
  readCacheTtlMs: derived(TTLS, (reader: EnvReader) => Object.fromEntries(READ_KIND_NAMES.map((kind, i) => [kind, reader.get(TTLS[i]!)])) as Record<ReadKind, number>),
  readCacheProofTtlMs: integer('READ_CACHE_PROOF_TTL_MS', {
    min: 0,
    max: 60_000,
    default: 30_000,
    description: 'How long BitGo\'s word that a token may read an enterprise (one `pageSize=1` read) lets it be served what another token fetched, and how long a token\'s own call vouches for it; a revoked token stops seeing cached data within this.',
  }),
  readCacheRedisTimeoutMs: integer('READ_CACHE_REDIS_TIMEOUT_MS', {
    min: 5,
    max: 10_000,
    default: 100,
    description: 'The longest the read cache waits for Redis on one command; past it the read goes to BitGo.',
  }),
} as const;

export type ReadCacheConfig = ValuesOf<typeof READ_CACHE_SECTION>;

export const READ_CACHE_DOCS: DocumentedSection = {
  title: 'Read cache',
  about: 'BitGo\'s answers to reads, kept for a time per kind and dropped on every change the gateway sees (docs/operations/read-cache.md).',
  entries: READ_CACHE_SECTION,
};
