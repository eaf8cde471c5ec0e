import { GraphQLError } from 'graphql';
import type { AllocationWriteService } from './schema/allocation/allocation-write.service.js';
import type { AllocationService } from './schema/allocation/allocation.service.js';
import { AllocationLoaders } from './schema/allocation/allocation.loader.js';
import { ErrorCode } from './schema/errors.js';
import { ListBudget } from './schema/list-budget.js';

/** Singletons shared by all requests. */
export interface Services {
  allocations: AllocationService;
  writes: AllocationWriteService;
}

/** Everything a resolver may use for one request. */
export interface GatewayContext {
  /** The caller's own bearer token when sent, else the gateway's service token. */
  token: string | undefined;
  services: Services;
  loaders: AllocationLoaders;
  lists: ListBudget;
}

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

/**
 * The caller's bearer token; undefined when no Authorization header was sent.
 * A header that is present but not `Bearer <token>` is refused rather than
 * silently replaced by the service token.
 */
export function bearerOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header[0] : header;
  const token = value === undefined ? undefined : BEARER.exec(value)?.[1];
  if (!token) {
    throw new GraphQLError('The Authorization header must be `Bearer <BitGo access token>`', {
      extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
    });
  }
  return token;
}

export function createContext(services: Services, authorization: string | string[] | undefined, serviceToken: string | undefined): GatewayContext {
  const token = bearerOf(authorization) ?? serviceToken;
  return { token, services, loaders: new AllocationLoaders(services.allocations, token), lists: new ListBudget() };
}
