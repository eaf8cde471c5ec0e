import type { BitGoClient, CallOptions, WriteOptions } from './client.js';
import type {
  WireAllocateRequest,
  WireAllocateResponse,
  WireAllocationGet,
  WireAllocationsList,
  WireAllocationType,
  WireListQuery,
  WirePartnerUpdateResponse,
  WireSigningPayload,
  WireSigningRequest,
  WireView,
} from './wire.types.js';

/** One typed function per BitGo endpoint the gateway uses. Path parts are escaped. */

const enc = encodeURIComponent;

function enterprisePath(enterpriseId: string): string {
  return `api/network/v1/enterprises/${enc(enterpriseId)}`;
}

function listPath(enterpriseId: string, view: WireView): string {
  return `${enterprisePath(enterpriseId)}/${view === 'client' ? 'clients' : 'partners'}/allocations`;
}

function writePath(enterpriseId: string, connectionId: string, type: WireAllocationType): string {
  return `${enterprisePath(enterpriseId)}/clients/connections/${enc(connectionId)}/${type === 'allocation' ? 'allocations' : 'deallocations'}`;
}

/** Query values as BitGo reads them: lists comma-separated, numbers in decimal. */
export function toSearchParams(query: WireListQuery): Record<string, string | undefined> {
  const list = (v: readonly string[] | undefined) => (v && v.length > 0 ? v.join(',') : undefined);
  return {
    allocationIds: list(query.allocationIds),
    types: list(query.types),
    statuses: list(query.statuses),
    currencies: list(query.currencies),
    connectionIds: list(query.connectionIds),
    partnerIds: list(query.partnerIds),
    clientIds: list(query.clientIds),
    trustOrg: query.trustOrg,
    createdOnOrAfter: query.createdOnOrAfter,
    createdBefore: query.createdBefore,
    pageNumber: query.pageNumber === undefined ? undefined : String(query.pageNumber),
    pageSize: query.pageSize === undefined ? undefined : String(query.pageSize),
    sortField: query.sortField,
    sortDirection: query.sortDirection,
  };
}

export function listAllocations(
  client: BitGoClient,
  enterpriseId: string,
  view: WireView,
  query: WireListQuery,
  options: CallOptions,
): Promise<WireAllocationsList> {
  return client.get(`GET ${view}s/allocations`, listPath(enterpriseId, view), toSearchParams(query), options);
}

export function getAllocation(
  client: BitGoClient,
  enterpriseId: string,
  view: WireView,
  allocationId: string,
  options: CallOptions,
): Promise<WireAllocationGet> {
  return client.get(`GET ${view}s/allocations/{id}`, `${listPath(enterpriseId, view)}/${enc(allocationId)}`, undefined, options);
}

/** POST variant of the signing-payload route: some HTTP stacks drop GET bodies. */
export function getSigningPayload(
  client: BitGoClient,
  enterpriseId: string,
  connectionId: string,
  type: WireAllocationType,
  request: WireSigningRequest,
  options: WriteOptions,
): Promise<WireSigningPayload> {
  return client.send(`POST ${type}s/signing`, 'post', `${writePath(enterpriseId, connectionId, type)}/signing`, JSON.stringify(request), options);
}

/** `body` is the exact serialised request; retries re-send these bytes. */
export function submitAllocation(
  client: BitGoClient,
  enterpriseId: string,
  connectionId: string,
  type: WireAllocationType,
  body: string,
  options: WriteOptions,
): Promise<WireAllocateResponse> {
  return client.send(`POST ${type}s`, 'post', writePath(enterpriseId, connectionId, type), body, options);
}

export function serializeAllocateRequest(request: WireAllocateRequest): string {
  return JSON.stringify(request);
}

/** PUT …/partners/allocations or …/partners/deallocations: a partner settles a reserved record. */
export function updatePartnerRecord(
  client: BitGoClient,
  enterpriseId: string,
  type: WireAllocationType,
  body: string,
  options: WriteOptions,
): Promise<WirePartnerUpdateResponse> {
  return client.send(`PUT partners/${type}s`, 'put', `${enterprisePath(enterpriseId)}/partners/${type}s`, body, options);
}
