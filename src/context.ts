import type { AllocationWriteService } from './schema/allocation/allocation-write.service.js';
import type { AllocationService } from './schema/allocation/allocation.service.js';
import { AllocationLoaders } from './schema/allocation/allocation.loader.js';

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
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

export function bearerOf(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value ? BEARER.exec(value)?.[1] : undefined;
}

export function createContext(services: Services, authorization: string | string[] | undefined, serviceToken: string | undefined): GatewayContext {
  const token = bearerOf(authorization) ?? serviceToken;
  return { token, services, loaders: new AllocationLoaders(services.allocations, token) };
}
