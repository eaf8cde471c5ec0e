import { createHash } from 'node:crypto';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import ipaddr from 'ipaddr.js';
import { BEARER } from '../../common/patterns.js';
import type { RedisCounters } from '../redis.connection.js';
import { OperationKinds, type OperationKind } from '../operation-kind.js';
import { RateLimitedError } from './http-errors.plugin.js';

export interface RateLimitOptions {
  /** Per caller and minute; 0 leaves that budget unlimited. */
  readsPerMinute: number;
  writesPerMinute: number;
  /** Counters shared by every replica; in this process's memory when absent. */
  redis?: RedisCounters | undefined;
  /** Told of each request that passed uncounted because Redis was away (the metrics count it). */
  onDegraded?: (() => void) | undefined;
  /** Bounds the parse that tells reads from writes (the same token limit as Apollo's). */
  maxTokens: number;
}

const WINDOW_MS = 60_000;

/**
 * Who is counted: a hash of the bearer token (the BitGo identity acting, whichever address it comes from),
 * else the client's address (behind a proxy, set TRUST_PROXY so that is the client's and not the proxy's).
 */
export function callerKey(request: FastifyRequest): string {
  const token = bearerTokenKey(request);
  return token ?? `a:${addressKey(request.ip)}`;
}

/** The hashed key of the request's bearer token; undefined without one. */
export function bearerTokenKey(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const token = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
  return token ? tokenKey(token) : undefined;
}

/**
 * An IPv4 address as it is; an IPv6 one by its /64, the block one host is usually given, so that a client cannot
 * step through its block for a fresh budget per address. An IPv4-mapped address counts as the IPv4 address.
 * Anything that does not parse (it cannot come from a socket) is kept as it is.
 */
export function addressKey(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') return address.toString();
  return `${(address as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16)).join(':')}::/64`;
}

/** Recent tokens' keys: a busy caller's hash is computed once, not per request. Bounded like the parse cache. */
const tokenKeys = new Map<string, string>();

function tokenKey(token: string): string {
  let key = tokenKeys.get(token);
  if (key === undefined) {
    key = `t:${createHash('sha256').update(token).digest('hex').slice(0, 32)}`;
    if (tokenKeys.size >= 1_000) tokenKeys.clear();
    tokenKeys.set(token, key);
  }
  return key;
}

/**
 * Per-caller rate limits with @fastify/rate-limit: one budget for reads, one for signed writes, each a fixed
 * one-minute window, in memory or on Redis (ioredis) so that replicas share counts. Over budget: HTTP 429 with
 * `Retry-After`, and `extensions.code` RATE_LIMITED with `retryAfter` in seconds (http-errors.plugin.ts). If
 * Redis cannot answer, requests pass: an outage of the counter store must not become an outage of the gateway
 * (and while it is known to be away, requests do not wait on it: see redis.connection.ts).
 * Returns the guard to run on the GraphQL route, or undefined when both budgets are off.
 */
export async function registerRateLimit(app: FastifyInstance, options: RateLimitOptions): Promise<preHandlerAsyncHookHandler | undefined> {
  const { readsPerMinute, writesPerMinute } = options;
  if (readsPerMinute === 0 && writesPerMinute === 0) return undefined;
  const kinds = new OperationKinds(options.maxTokens);
  const budgetOf = (key: string): number => (key.startsWith('w|') ? writesPerMinute : readsPerMinute);
  // A GET is a read whatever it says: Apollo refuses to run a mutation sent by GET.
  const kindOf = (request: FastifyRequest): OperationKind => {
    if (request.method !== 'POST') return 'read';
    const body = request.body as { query?: unknown; operationName?: unknown } | null;
    return kinds.kindOf(body?.query, body?.operationName);
  };
  await app.register(fastifyRateLimit, {
    global: false,
    timeWindow: WINDOW_MS,
    // Evaluated in preHandler (the route's guard), once the body is parsed: the operation decides the budget.
    keyGenerator: (request) => `${kindOf(request) === 'write' ? 'w' : 'r'}|${callerKey(request)}`,
    max: (_request, key) => budgetOf(key),
    // Only when one budget is off: the plugin awaits the check on every request.
    ...(readsPerMinute === 0 || writesPerMinute === 0 ? { allowList: (_request: FastifyRequest, key: string) => budgetOf(key) === 0 } : {}),
    ...(options.redis ? { redis: options.redis.redis, nameSpace: 'gateway-rate-limit:' } : {}),
    // Errors reach the guard below, which tells the connection (it stops asking a Redis that is away) and lets the request pass.
    skipOnError: false,
    errorResponseBuilder: (request, context) => new RateLimitedError(Math.max(1, Math.ceil(context.ttl / 1000)), kindOf(request) === 'write' ? 'writes' : 'reads'),
  });
  const limit = app.rateLimit() as preHandlerAsyncHookHandler;
  const { redis, onDegraded } = options;
  if (!redis) return limit;
  return async function rateLimitOrPass(request, reply) {
    if (!redis.available()) return void onDegraded?.();
    try {
      await limit.call(this, request, reply);
    } catch (error) {
      if (error instanceof RateLimitedError) throw error;
      redis.failed(error);
      onDegraded?.();
    }
  };
}
