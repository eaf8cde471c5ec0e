import type { IncomingHttpHeaders } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { BEARER } from '../common/patterns.js';
import type { GatewayContext } from '../schema/context.type.js';
import { AppErrorCode } from '../workflows/app-error.js';
import type { Caller } from '../workflows/caller.js';
import { AllocationLoaders } from '../workflows/reads/allocation.loader.js';
import { BalanceMemo } from '../workflows/reads/balances.memo.js';
import { ConnectionLoaders } from '../workflows/reads/connection.loader.js';
import { asksFresh, ReadTicket } from '../workflows/reads/read-ticket.js';
import { signedRequestEventsLoader } from '../workflows/reads/signed-request-events.loader.js';
import { SupportedCurrencyLoaders } from '../workflows/reads/supported-currencies.loader.js';
import { SettlementLoaders } from '../workflows/settle/settlement.loaders.js';
import type { Workflows } from '../workflows/workflows.js';
import { RequestListBudget } from './list-budget.js';

export interface ContextFactoryOptions {
  workflows: Workflows;
  /** The gateway's own BitGo token, used when a request brings none. */
  serviceToken: string | undefined;
  /** Starts the operation's trace (when tracing is on); called only once the request is known to run. */
  startTrace?: ((headers: IncomingHttpHeaders) => object) | undefined;
  /**
   * Whether a request without Authorization acts with the service token (and so with the gateway's signing
   * key). Off in production unless ALLOW_SERVICE_TOKEN=true: behind a router that does not propagate headers,
   * every caller would otherwise act as the gateway.
   */
  allowServiceToken?: boolean;
}

/** What the transport knows of the request beyond its Authorization header. */
export interface InboundRequest {
  /** Fastify's request id (from `x-request-id` or generated). */
  id: string;
  headers: IncomingHttpHeaders;
}

/** What an authentication failure answers at the HTTP level (RFC 6750 names the scheme to use). */
export function unauthenticatedHttp(): { status: number; headers: HeaderMap } {
  return { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer']]) };
}

/**
 * The caller's bearer token; undefined when no Authorization header was sent. A header that is present but
 * not `Bearer <token>` is refused rather than silently replaced by the service token.
 */
export function bearerOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header[0] : header;
  const token = value === undefined ? undefined : BEARER.exec(value)?.[1];
  // Thrown as a GraphQL error: Apollo answers anything else thrown while building the context with a 500.
  if (!token) {
    throw new GraphQLError('The Authorization header must be `Bearer <BitGo access token>`', {
      extensions: { code: AppErrorCode.UNAUTHENTICATED, http: unauthenticatedHttp() },
    });
  }
  return token;
}

/** Builds each request's context: who calls, fresh DataLoaders and balances memo, a fresh list budget. */
export function contextFactory({ workflows, serviceToken, startTrace, allowServiceToken = true }: ContextFactoryOptions): (authorization: string | string[] | undefined, inbound?: InboundRequest) => GatewayContext {
  return (authorization, inbound) => {
    const own = bearerOf(authorization);
    // Refused anonymous callers get no token: every BitGo operation then answers UNAUTHENTICATED before any call,
    // while `_service { sdl }` (a router composing, which sends no token) still answers.
    const caller: Caller =
      own !== undefined ? { token: own, service: false } : allowServiceToken ? { token: serviceToken, service: true } : { token: undefined, service: false };
    if (inbound) {
      caller.requestId = inbound.id;
      if (startTrace) caller.trace = startTrace(inbound.headers);
    }
    const fresh = asksFresh(inbound?.headers['cache-control']);
    let events: GatewayContext['signedRequestEvents'] | undefined;
    // A subscription keeps its context: renew() gives each event fresh loaders, memo and budget (see context.type.ts).
    const perOperation = () => {
      const lists = new RequestListBudget();
      // Each operation (each subscription event) accounts for its own reads.
      caller.reads = new ReadTicket(fresh);
      events = undefined;
      return {
        loaders: new AllocationLoaders(workflows.allocations, caller),
        connections: new ConnectionLoaders(workflows.connections, caller),
        balances: new BalanceMemo(workflows.balances, caller, () => lists.spend()),
        currencies: new SupportedCurrencyLoaders(workflows.partners, caller, () => lists.spend()),
        settlements: new SettlementLoaders(workflows.settlements, caller, () => lists.spend()),
        lists,
      };
    };
    const context: GatewayContext = {
      caller,
      workflows,
      ...perOperation(),
      // Made on first use: most requests never read the audit trail.
      get signedRequestEvents() {
        return (events ??= signedRequestEventsLoader(workflows.signedRequests));
      },
      renew: () => void Object.assign(context, perOperation()),
    };
    return context;
  };
}
