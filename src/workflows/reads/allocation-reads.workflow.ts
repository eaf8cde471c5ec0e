import { listAllocations, type BitGoTransport } from '../../bitgo/allocations.api.js';
import type {
  WireAllocation,
  WireAllocationStatus,
  WireAllocationType,
  WireListQuery,
  WireSortDirection,
  WireSortField,
  WireView,
} from '../../bitgo/wire.types.js';
import { scopeDigest } from '../../pagination/cursor.js';
import { relayPage, type RelayArgs, type RelayPage, type RelayPager } from '../../pagination/relay-page.js';
import { badInput } from '../app-error.js';
import { callOptions, requireEnterpriseId, type Caller } from '../caller.js';

export interface AllocationReadsOptions {
  client: BitGoTransport;
  pager: RelayPager;
  defaultEnterpriseId: string | undefined;
  defaultView: WireView;
}

/** Which enterprise, and which side of its connections, a read looks at. */
export interface Scope {
  enterpriseId: string;
  view: WireView;
}

export interface ScopeRequest {
  enterpriseId?: string | null | undefined;
  view?: WireView | null | undefined;
}

/** Every BitGo list filter; lists match any of their values, absent means no filter. */
export interface AllocationFilterRequest {
  ids?: readonly string[] | null;
  types?: readonly WireAllocationType[] | null;
  statuses?: readonly WireAllocationStatus[] | null;
  currencies?: readonly string[] | null;
  connectionIds?: readonly string[] | null;
  partnerIds?: readonly string[] | null;
  clientIds?: readonly string[] | null;
  trustOrg?: string | null;
  createdOnOrAfter?: Date | null;
  createdBefore?: Date | null;
}

export interface AllocationListRequest extends ScopeRequest, RelayArgs {
  filter?: AllocationFilterRequest | null | undefined;
  orderBy?: { field: WireSortField; direction: WireSortDirection } | null | undefined;
}

const BOTH_TYPES: readonly WireAllocationType[] = ['allocation', 'deallocation'];

/** Reads allocations from BitGo and shapes them as Relay pages. Stateless: one instance serves every request. */
export class AllocationReads {
  constructor(private readonly options: AllocationReadsOptions) {}

  scopeOf(request: ScopeRequest): Scope {
    return { enterpriseId: requireEnterpriseId(request.enterpriseId, this.options.defaultEnterpriseId), view: request.view ?? this.options.defaultView };
  }

  /** The list filters as BitGo's query parameters; the client list is always told which types it wants. */
  wireQuery(view: WireView, request: AllocationListRequest): WireListQuery {
    const { filter, orderBy } = request;
    if (filter?.clientIds && view !== 'partner') throw badInput('filter.clientIds is only available in the PARTNER view', 'filter.clientIds');
    if (orderBy?.field === 'currency' && view !== 'client') throw badInput('ordering by CURRENCY is only available in the CLIENT view', 'orderBy.field');
    if (filter?.createdOnOrAfter && filter.createdBefore && filter.createdOnOrAfter > filter.createdBefore) {
      throw badInput('filter.createdOnOrAfter must not be later than filter.createdBefore', 'filter.createdOnOrAfter');
    }
    return {
      allocationIds: filter?.ids ?? undefined,
      types: filter?.types ?? BOTH_TYPES,
      statuses: filter?.statuses ?? undefined,
      currencies: filter?.currencies ?? undefined,
      connectionIds: filter?.connectionIds ?? undefined,
      partnerIds: filter?.partnerIds ?? undefined,
      clientIds: filter?.clientIds ?? undefined,
      trustOrg: filter?.trustOrg ?? undefined,
      createdOnOrAfter: filter?.createdOnOrAfter?.toISOString(),
      createdBefore: filter?.createdBefore?.toISOString(),
      sortField: orderBy?.field,
      sortDirection: orderBy?.direction,
    };
  }

  /** `none`: the caller's filters exclude everything, so answer an empty page without asking BitGo (arguments still checked). */
  async list(caller: Caller, request: AllocationListRequest, none = false): Promise<RelayPage<WireAllocation>> {
    const call = callOptions(caller);
    const { enterpriseId, view } = this.scopeOf(request);
    const query = this.wireQuery(view, request);
    const { client, pager } = this.options;
    return relayPage<WireAllocation>(pager, request, scopeDigest({ enterpriseId, view, query }), async (read) =>
      none ? [] : (await listAllocations(client, enterpriseId, view, { ...query, ...read }, call)).allocations,
    );
  }

  /** Allocations of one connection: the caller's own connectionIds filter can only narrow it further. */
  listForConnection(caller: Caller, connectionId: string, request: AllocationListRequest): Promise<RelayPage<WireAllocation>> {
    const id = connectionId.toLowerCase();
    const asked = request.filter?.connectionIds?.map((c) => c.toLowerCase());
    return this.list(caller, { ...request, filter: { ...request.filter, connectionIds: [id] } }, asked != null && !asked.includes(id));
  }

  /** One list call for many ids, answered in the order asked; unknown ids are null. */
  async loadByIds(caller: Caller, scope: Scope, ids: readonly string[]): Promise<(WireAllocation | null)[]> {
    const call = callOptions(caller);
    const unique = [...new Set(ids)];
    const { allocations } = await listAllocations(
      this.options.client,
      scope.enterpriseId,
      scope.view,
      { allocationIds: unique, types: BOTH_TYPES, pageNumber: 0, pageSize: Math.max(unique.length, 1) },
      call,
    );
    const byId = new Map(allocations.map((a) => [a.id, a]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}
