/**
 * The operator's limits as the server takes them (the composition root hands over the configuration's
 * `operations`): graphql-armor's limits, the body limit, trusted documents, the rate limits and their store,
 * the proxies to trust, and whether callers without a token act with the service token.
 */
export interface OperationLimits {
  /** graphql-armor's limits, per operation. */
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
  /** Largest request body Fastify reads, in bytes. */
  bodyLimitBytes: number;
  /** PERSISTED_DOCUMENTS: SHA-256 → document, read at start-up; undefined: any document may run. */
  trustedDocuments: ReadonlyMap<string, string> | undefined;
  /** Per caller and minute; 0 turns that budget off. */
  readsPerMinute: number;
  writesPerMinute: number;
  /** Shared counters for every replica; in memory (per process) when undefined. Never logged: it may hold a password. */
  redisUrl: string | undefined;
  /** Fastify's trustProxy: whose X-Forwarded-For names the client (the rate limit's key for callers without a token). */
  trustProxy: boolean | string[];
  /** Whether a request without Authorization acts with BITGO_ACCESS_TOKEN and the gateway's signing key. */
  allowServiceToken: boolean;
}
