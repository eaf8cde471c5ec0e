/**
 * The operator's limits as the server takes them (the composition root hands over the configuration's
 * `operations`): graphql-armor's limits, the body limit, trusted documents, the rate limits and their store,
 * the proxies to trust, and whether callers without a token act with the service token.
 */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
  bodyLimitBytes: number;
  /** SHA-256 → document; undefined: any document may run. */
  trustedDocuments: ReadonlyMap<string, string> | undefined;
  readsPerMinute: number;
  writesPerMinute: number;
  /** Never logged: it may hold a password. */
  redisUrl: string | undefined;
  trustProxy: boolean | string[];
  allowServiceToken: boolean;
}
