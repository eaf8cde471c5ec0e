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
  /** Per client address and minute: every request, and tokens BitGo refused; 0 turns that ceiling off (address-limit.plugin.ts). */
  addressRequestsPerMinute: number;
  addressRefusedTokensPerMinute: number;
  /** The longest a rate-limit command may wait on Redis before the request goes on uncounted. */
  redisTimeoutMs: number;
  /** Node's HTTP server: time for a request's headers, for the whole request (body included), an idle keep-alive connection's life. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** Connections open at once (WebSockets included); beyond it new ones are closed at once. */
  maxConnections: number;
  /** Shared counters for every replica; in memory (per process) when undefined. Never logged: it may hold a password. */
  redisUrl: string | undefined;
  /** Fastify's trustProxy: whose X-Forwarded-For names the client (the rate limit's key for callers without a token). */
  trustProxy: boolean | string[];
  /** Whether a request without Authorization acts with BITGO_ACCESS_TOKEN and the gateway's signing key. */
  allowServiceToken: boolean;
}
