import type { IncomingHttpHeaders } from 'node:http';
import type { GatewayContext } from '../schema/context.type.js';
import { AppError, AppErrorCode } from '../workflows/app-error.js';
import { fromAppError } from './graphql-errors.js';
import type { Caller } from '../workflows/caller.js';
import { AllocationLoaders } from '../workflows/reads/allocation.loader.js';
import { BalanceMemo } from '../workflows/reads/balances.memo.js';
import { ConnectionLoaders } from '../workflows/reads/connection.loader.js';
import type { Workflows } from '../workflows/workflows.js';
import { RequestListBudget } from './list-budget.js';

export interface ContextFactoryOptions {
  workflows: Workflows;
  /** The gateway's own BitGo token, used when a request brings none. */
  serviceToken: string | undefined;
  /** Starts the operation's trace (when tracing is on); called only once the request is known to run. */
  startTrace?: ((headers: IncomingHttpHeaders) => object) | undefined;
}

/** What the transport knows of the request beyond its Authorization header. */
export interface InboundRequest {
  /** Fastify's request id (from `x-request-id` or generated). */
  id: string;
  headers: IncomingHttpHeaders;
}

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

/**
 * The caller's bearer token; undefined when no Authorization header was sent. A header that is present but
 * not `Bearer <token>` is refused rather than silently replaced by the service token.
 */
export function bearerOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header[0] : header;
  const token = value === undefined ? undefined : BEARER.exec(value)?.[1];
    // Thrown as a GraphQL error: Apollo answers anything else thrown while building the context with a 500.
  if (!token) throw fromAppError(new AppError(AppErrorCode.UNAUTHENTICATED, 'The Authorization header must be `Bearer <BitGo access token>`', { httpStatus: 401 }));
  return token;
}

/** Builds each request's context: who calls, fresh DataLoaders and balances memo, a fresh list budget. */
export function contextFactory({ workflows, serviceToken, startTrace }: ContextFactoryOptions): (authorization: string | string[] | undefined, inbound?: InboundRequest) => GatewayContext {
  return (authorization, inbound) => {
    const own = bearerOf(authorization);
    const caller: Caller = own !== undefined ? { token: own, service: false } : { token: serviceToken, service: true };
    if (inbound) {
      caller.requestId = inbound.id;
      if (startTrace) caller.trace = startTrace(inbound.headers);
    }
    const lists = new RequestListBudget();
    return {
      caller,
      workflows,
      loaders: new AllocationLoaders(workflows.allocations, caller),
      connections: new ConnectionLoaders(workflows.connections, caller),
      balances: new BalanceMemo(workflows.balances, caller, () => lists.spend()),
      lists,
    };
  };
}
