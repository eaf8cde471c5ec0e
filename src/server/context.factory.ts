import type { GatewayContext } from '../schema/context.type.js';
import { AppError, AppErrorCode } from '../workflows/app-error.js';
import { fromAppError } from './graphql-errors.js';
import type { Caller } from '../workflows/caller.js';
import { AllocationLoaders } from '../workflows/reads/allocation.loader.js';
import { signedRequestEventsLoader } from '../workflows/reads/signed-request-events.loader.js';
import type { Workflows } from '../workflows/workflows.js';
import { RequestListBudget } from './list-budget.js';

export interface ContextFactoryOptions {
  workflows: Workflows;
  /** The gateway's own BitGo token, used when a request brings none. */
  serviceToken: string | undefined;
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

/** Builds each request's context: who calls, fresh DataLoaders, a fresh list budget. */
export function contextFactory({ workflows, serviceToken }: ContextFactoryOptions): (authorization: string | string[] | undefined) => GatewayContext {
  return (authorization) => {
    const own = bearerOf(authorization);
    const caller: Caller = own !== undefined ? { token: own, service: false } : { token: serviceToken, service: true };
    let events: GatewayContext['signedRequestEvents'] | undefined;
    return {
      caller,
      workflows,
      loaders: new AllocationLoaders(workflows.allocations, caller),
      lists: new RequestListBudget(),
      // Made on first use: most requests never read the audit trail.
      get signedRequestEvents() {
        return (events ??= signedRequestEventsLoader(workflows.signedRequests));
      },
    };
  };
}
