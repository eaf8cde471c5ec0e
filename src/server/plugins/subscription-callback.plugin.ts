import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { ApolloServerPluginSubscriptionCallback } from '@apollo/server/plugin/subscriptionCallback';
import { GraphQLError } from 'graphql';
import type { Logger } from '../../common/logger.js';
import type { GatewayContext } from '../../schema/context.type.js';

export interface SubscriptionCallbackOptions {
  /**
   * The router's callback origin (`http://router.internal:4000`): the only place callback requests may go.
   * Undefined: the callback protocol is off and a subscription over plain HTTP is refused.
   */
  routerOrigin: string | undefined;
  logger: Pick<Logger, 'warn'>;
}

export interface SubscriptionCallback {
  plugins: ApolloServerPlugin<GatewayContext>[];
  /** Resolves once no callback request (the `complete`s of ended subscriptions above all) is in flight, or after `timeoutMs`. */
  drain(timeoutMs: number): Promise<void>;
}

interface CallbackExtension {
  callbackUrl?: unknown;
  callback_url?: unknown;
  heartbeatIntervalMs?: unknown;
  heartbeat_interval_ms?: unknown;
}

/**
 * Heartbeats are what tells a subscription that the router forgot it (a 404 to one ends it): without them (0) a
 * subscription on an allocation that never changes would hold its place and the watcher's reads for ever.
 */
function hasHeartbeats(extension: CallbackExtension): boolean {
  const ms = extension.heartbeatIntervalMs ?? extension.heartbeat_interval_ms;
  return ms === undefined || (typeof ms === 'number' && Number.isFinite(ms) && ms > 0);
}

function callbackOrigin(extension: CallbackExtension): string | undefined {
  const url = extension.callbackUrl ?? extension.callback_url;
  return typeof url === 'string' && URL.canParse(url) ? new URL(url).origin : undefined;
}

/**
 * Apollo's subscription callback protocol (what the Apollo Router and Hive Gateway speak to a subgraph), behind
 * an origin guard: the plugin POSTs events to whatever `callbackUrl` a request names, so a request naming any
 * other origin loses its callback extension, and a subscription without a trusted one is refused (400) rather
 * than executed as a query. The plugin's own fetches go through a fetcher that refuses other origins too, and
 * counts what is in flight so a shutdown can wait for the last `complete`s.
 */
export function subscriptionCallbackPlugins({ routerOrigin, logger }: SubscriptionCallbackOptions): SubscriptionCallback {
  const inFlight = new Set<Promise<Response>>();
  const guard: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart({ request }) {
      const extension = request.extensions?.subscription as CallbackExtension | undefined;
      const trusted = extension !== undefined && routerOrigin !== undefined && callbackOrigin(extension) === routerOrigin && hasHeartbeats(extension);
      if (extension !== undefined && !trusted) delete request.extensions!.subscription;
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation === 'subscription' && !trusted) {
            throw new GraphQLError('Subscriptions are served over WebSocket (graphql-ws) on this path, or through a router using the callback protocol with heartbeats', {
              extensions: { code: ApolloServerErrorCode.BAD_REQUEST, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
  if (routerOrigin === undefined) {
    return { plugins: [guard], drain: async () => undefined };
  }

  const fetcher = (url: string | URL, init?: RequestInit): Promise<Response> => {
    if (new URL(url).origin !== routerOrigin) return Promise.reject(new Error('callback URL outside the router origin'));
    // No redirects: a callback goes to the router's origin and nowhere a redirect would take it.
    const sent = fetch(url, { ...init, redirect: 'error' });
    inFlight.add(sent);
    const forget = () => inFlight.delete(sent);
    sent.then(forget, forget);
    return sent;
  };
  const say = (message: string) => logger.warn({ protocol: 'subscription-callback' }, message);
  const callback = ApolloServerPluginSubscriptionCallback({
    fetcher: fetcher as never,
    logger: { debug() {}, info() {}, warn: say, error: say },
  });
  return {
    plugins: [guard, callback as ApolloServerPlugin<GatewayContext>],
    async drain(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      // The plugin sends each `complete` a turn or two after its subscription's iterator ends.
      await new Promise((resolve) => setTimeout(resolve, 20));
      while (inFlight.size > 0 && Date.now() < deadline) {
        await Promise.race([Promise.allSettled([...inFlight]), new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now())))]);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}
