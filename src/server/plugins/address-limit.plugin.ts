import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Redis } from 'ioredis';
import type { RedisCounters } from '../redis.connection.js';
import { RateLimitedError } from './http-errors.plugin.js';
import { addressKey, bearerTokenKey } from './rate-limit.plugin.js';

export interface AddressLimitOptions {
  /** Requests one client address may make a minute, whatever token they carry; 0 turns the ceiling off. */
  requestsPerMinute: number;
  /** Tokens BitGo refused (HTTP 401) one address may send a minute; past it, tokens not yet proven are refused here. 0: off. */
  refusedTokensPerMinute: number;
  /** Counters shared by every replica; in this process's memory when absent. */
  redis?: RedisCounters | undefined;
  /** Told of each request that passed uncounted because Redis was away. */
  onDegraded?: (() => void) | undefined;
  /** Told of each request a ceiling refused. */
  onRefused?: ((limit: AddressLimit) => void) | undefined;
}

export type AddressLimit = 'requests' | 'refused_tokens';

const WINDOW_MS = 60_000;

/** Fixed one-minute windows of counts by key. */
interface WindowCounters {
  /** Adds `delta` to the key's count in its current window (opening one if none is open): the count after, and the window's time left. */
  add(key: string, delta: number): Promise<{ count: number; ttlMs: number }>;
}

/** Tokens BitGo accepted lately: the refused-token ceiling never stands in their way. Bounded like the token-key cache. */
const PROVEN_MAX = 10_000;

/** The longest a request waits for its token's first answer before it is counted on its own. */
const PROOF_WAIT_MS = 10_000;

/**
 * Two ceilings keyed by the client's address (normalised as the rate limits do: an IPv6 /64, a mapped IPv4 as
 * IPv4), because the per-caller rate limits are keyed by the token as sent and a made-up token gets a budget
 * of its own. One on every request of an address; one on the tokens BitGo refuses: each request carrying a
 * token this process has not seen BitGo accept reserves one unit of its address's budget before anything is
 * sent, and gives it back unless BitGo answered 401. Once an address has used the budget, its unproven tokens
 * are refused here with 429 RATE_LIMITED and `Retry-After` until the window ends, so a flood of invented tokens
 * costs BitGo at most the budget a minute, even when sent all at once; tokens already proven still pass.
 * Behind a proxy, set TRUST_PROXY: otherwise every caller is the proxy's address. Counters fail open (Redis away).
 */
export function registerAddressLimit(app: FastifyInstance, options: AddressLimitOptions): preHandlerAsyncHookHandler | undefined {
  const { requestsPerMinute, refusedTokensPerMinute, redis, onDegraded, onRefused } = options;
  if (requestsPerMinute === 0 && refusedTokensPerMinute === 0) return undefined;
  const counters = redis ? redisCounters(redis.redis) : memoryCounters();
  const proven = new Set<string>();
  /** The address whose refused-token budget this request holds a unit of. */
  const reserved = new WeakMap<FastifyRequest, string>();
  /**
   * Unproven tokens with a request in flight, and what ends it: the other requests of that token wait for that one
   * answer (one proof per token at a time), so that a burst of one real token (a router's, just after a deploy)
   * spends one unit and passes, where a unit per request would have refused all but the budget.
   */
  const proving = new Map<string, Promise<void>>();
  const settles = new WeakMap<FastifyRequest, () => void>();

  const add = async (key: string, delta: number): Promise<{ count: number; ttlMs: number } | undefined> => {
    if (redis && !redis.available()) return void onDegraded?.();
    try {
      return await counters.add(key, delta);
    } catch (error) {
      redis?.failed(error);
      onDegraded?.();
      return undefined;
    }
  };
  const refuse = (limit: AddressLimit, ttlMs: number, reply: { header(name: string, value: number): unknown }): never => {
    onRefused?.(limit);
    const retryAfter = Math.max(1, Math.ceil(ttlMs / 1000));
    reply.header('retry-after', retryAfter);
    throw new RateLimitedError(retryAfter, limit === 'requests' ? 'requests from this address' : 'refused tokens from this address');
  };

  if (refusedTokensPerMinute > 0) {
    app.addHook('onResponse', async (request, reply) => {
      const token = bearerTokenKey(request);
      if (token === undefined) return;
      // Whatever the answer, the token's waiters may look again once it is counted.
      const settle = settles.get(request);
      try {
        await counted(request, reply.statusCode, token);
      } finally {
        settle?.();
      }
    });
  }

  /** A refused token's unit stays spent (a proven token BitGo now refuses spends one); any other answer gives it back. */
  async function counted(request: FastifyRequest, statusCode: number, token: string): Promise<void> {
    const address = reserved.get(request);
    if (statusCode === 401) {
      proven.delete(token);
      if (address === undefined) await add(`x|${addressKey(request.ip)}`, 1);
      return;
    }
    if (address !== undefined) await add(`x|${address}`, -1);
    if (statusCode < 400) {
      if (proven.size >= PROVEN_MAX) proven.clear();
      proven.add(token);
    }
  }

  return async (request, reply) => {
    const address = addressKey(request.ip);
    if (requestsPerMinute > 0) {
      const window = await add(`q|${address}`, 1);
      if (window && window.count > requestsPerMinute) refuse('requests', window.ttlMs, reply);
    }
    if (refusedTokensPerMinute === 0) return;
    const token = bearerTokenKey(request);
    if (token === undefined) return;
    // Bounded: a request whose response never ends (its caller gone) must not hold its token's others for long.
    for (let first = proving.get(token); first !== undefined && !proven.has(token); first = proving.get(token)) {
      await Promise.race([first, new Promise((resolve) => setTimeout(resolve, PROOF_WAIT_MS).unref())]);
      if (proving.get(token) === first) break;
    }
    if (proven.has(token)) return;
    // Claimed before the count's round trip (nothing awaited since the loop), so the token's next request waits.
    if (!proving.has(token)) {
      let settle!: () => void;
      const ended = new Promise<void>((resolve) => (settle = resolve));
      proving.set(token, ended);
      settles.set(request, () => {
        if (proving.get(token) === ended) proving.delete(token);
        settle();
      });
    }
    const window = await add(`x|${address}`, 1);
    if (!window) return;
    reserved.set(request, address);
    if (window.count > refusedTokensPerMinute) refuse('refused_tokens', window.ttlMs, reply);
  };
}

function memoryCounters(): WindowCounters {
  const windows = new Map<string, { count: number; endsAt: number }>();
  return {
    async add(key, delta) {
      const now = Date.now();
      let window = windows.get(key);
      if (!window || window.endsAt <= now) {
        if (windows.size >= 10_000) for (const [k, w] of windows) if (w.endsAt <= now) windows.delete(k);
        window = { count: 0, endsAt: now + WINDOW_MS };
        windows.set(key, window);
      }
      window.count += delta;
      return { count: window.count, ttlMs: window.endsAt - now };
    },
  };
}

/** One round trip: add, and open the window (its expiry) if none is open. */
const WINDOW_ADD = `
local count = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return {count, ttl}`;

function redisCounters(redis: Redis): WindowCounters {
  if (!('gatewayWindowAdd' in redis)) redis.defineCommand('gatewayWindowAdd', { numberOfKeys: 1, lua: WINDOW_ADD });
  const run = (redis as unknown as { gatewayWindowAdd(key: string, delta: number, windowMs: number): Promise<[number, number]> }).gatewayWindowAdd.bind(redis);
  return {
    async add(key, delta) {
      const [count, ttlMs] = await run(`gateway-address-limit:${key}`, delta, WINDOW_MS);
      return { count, ttlMs };
    },
  };
}
