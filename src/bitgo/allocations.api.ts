import type { BitGoClient, CallOptions, Endpoint, WriteOptions } from './client.js';
import type {
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

/** What the endpoint functions need of a client: a fake can stand in for it in workflow tests. */
export type BitGoTransport = Pick<BitGoClient, 'get' | 'send'>;

const enc = encodeURIComponent;

export function enterprisePath(enterpriseId: string): string {
  return `api/network/v1/enterprises/${enc(enterpriseId)}`;
}

export const side = (view: WireView) => (view === 'client' ? 'clients' : 'partners');
const plural = (type: WireAllocationType) => (type === 'allocation' ? 'allocations' : 'deallocations');

function connectionPath(enterpriseId: string, connectionId: string, type: WireAllocationType): string {
  return `${enterprisePath(enterpriseId)}/clients/connections/${enc(connectionId)}/${plural(type)}`;
}

/** A list query value as BitGo reads it: comma-separated; absent when empty. */
export const list = (v: readonly string[] | undefined): string | undefined => (v && v.length > 0 ? v.join(',') : undefined);

/** A number query value: decimal. */
export const decimal = (n: number | undefined): string | undefined => (n === undefined ? undefined : String(n));

/** Query values as BitGo reads them: lists comma-separated, numbers in decimal. */
export function toSearchParams(query: WireListQuery): Record<string, string | undefined> {
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
    pageNumber: decimal(query.pageNumber),
    pageSize: decimal(query.pageSize),
    sortField: query.sortField,
    sortDirection: query.sortDirection,
  };
}

// Route templates are built once: every call of an endpoint reports the same one.
const LIST: Record<WireView, Endpoint> = {
  client: { method: 'GET', route: 'clients/allocations' },
  partner: { method: 'GET', route: 'partners/allocations' },
};
const GET_ONE: Record<WireView, Endpoint> = {
  client: { method: 'GET', route: 'clients/allocations/{allocationId}' },
  partner: { method: 'GET', route: 'partners/allocations/{allocationId}' },
};
const SIGNING: Record<WireAllocationType, Endpoint> = {
  allocation: { method: 'POST', route: 'clients/connections/{connectionId}/allocations/signing' },
  deallocation: { method: 'POST', route: 'clients/connections/{connectionId}/deallocations/signing' },
};
const SUBMIT: Record<WireAllocationType, Endpoint> = {
  allocation: { method: 'POST', route: 'clients/connections/{connectionId}/allocations' },
  deallocation: { method: 'POST', route: 'clients/connections/{connectionId}/deallocations' },
};
const PARTNER_UPDATE: Record<WireAllocationType, Endpoint> = {
  allocation: { method: 'PUT', route: 'partners/allocations' },
  deallocation: { method: 'PUT', route: 'partners/deallocations' },
};

/** Both record types: the list's `types` filter when every record is wanted. */
export const BOTH_TYPES: readonly WireAllocationType[] = ['allocation', 'deallocation'];

export function listAllocations(client: BitGoTransport, enterpriseId: string, view: WireView, query: WireListQuery, options: CallOptions): Promise<WireAllocationsList> {
  return client.get(LIST[view], `${enterprisePath(enterpriseId)}/${side(view)}/allocations`, toSearchParams(query), options);
}

export function getAllocation(client: BitGoTransport, enterpriseId: string, view: WireView, allocationId: string, options: CallOptions): Promise<WireAllocationGet> {
  return client.get(GET_ONE[view], `${enterprisePath(enterpriseId)}/${side(view)}/allocations/${enc(allocationId)}`, undefined, options);
}

/** POST variant of the signing-payload route: some HTTP stacks drop GET bodies. */
export function getSigningPayload(
  client: BitGoTransport,
  enterpriseId: string,
  connectionId: string,
  type: WireAllocationType,
  request: WireSigningRequest,
  options: WriteOptions,
): Promise<WireSigningPayload> {
  return client.send(SIGNING[type], `${connectionPath(enterpriseId, connectionId, type)}/signing`, JSON.stringify(request), options);
}

/** Where a signed allocate/deallocate goes: the journal keeps it beside the bytes. */
export function submitPath(enterpriseId: string, connectionId: string, type: WireAllocationType): string {
  return connectionPath(enterpriseId, connectionId, type);
}

/** `body` is the exact serialised request; retries re-send these bytes. */
export function submitAllocation(client: BitGoTransport, type: WireAllocationType, path: string, body: string, options: WriteOptions): Promise<WireAllocateResponse> {
  return client.send(SUBMIT[type], path, body, options);
}

/** Where a partner update goes (PUT …/partners/allocations or …/partners/deallocations). */
export function partnerUpdatePath(enterpriseId: string, type: WireAllocationType): string {
  return `${enterprisePath(enterpriseId)}/partners/${plural(type)}`;
}

/** Which record a partner-update path settles: the journal keeps the path, and a re-send needs the endpoint. */
export function partnerUpdateType(path: string): WireAllocationType {
  if (/\/partners\/deallocations$/.test(path)) return 'deallocation';
  if (/\/partners\/allocations$/.test(path)) return 'allocation';
  throw new Error(`not a partner-update path: ${JSON.stringify(path.slice(0, 200))}`);
}

/** What a committed partner update asks for, read back from its path and exact body (the reconciler's view). */
export function committedPartnerUpdate(path: string, body: string): { type: WireAllocationType; status: 'cleared' | 'released'; rejectReason: string | null } {
  const wire = JSON.parse(body) as { status?: unknown; rejectReason?: unknown };
  if (wire.status !== 'cleared' && wire.status !== 'released') throw new Error('not a partner update body');
  return { type: partnerUpdateType(path), status: wire.status, rejectReason: typeof wire.rejectReason === 'string' ? wire.rejectReason : null };
}

/** A partner settles a reserved record; `body` is the exact signed request. */
export function updatePartnerRecord(client: BitGoTransport, type: WireAllocationType, path: string, body: string, options: WriteOptions): Promise<WirePartnerUpdateResponse> {
  return client.send(PARTNER_UPDATE[type], path, body, options);
}
