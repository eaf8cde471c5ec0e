import { BOTH_TYPES, listAllocations, type BitGoTransport } from '../../bitgo/allocations.api.js';
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
import { callOptions, type Caller } from '../caller.js';
import { scopeOf, withScope, type Scope, type ScopeRequest } from './read-scope.js';

export type { Scope, ScopeRequest } from './read-scope.js';

export interface AllocationReadsOptions {
  client: BitGoTransport;
  pager: RelayPager;
  defaultEnterpriseId: string | undefined;
  defaultView: WireView;
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


/** Reads allocations from BitGo and shapes them as Relay pages. Stateless: one instance serves every request. */
export class AllocationReads {
  constructor(private readonly options: AllocationReadsOptions) {}

  scopeOf(request: ScopeRequest): Scope {
    return scopeOf(request, this.options);
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
    const scope = this.scopeOf(request);
    const { enterpriseId, view } = scope;
    const query = this.wireQuery(view, request);
    const { client, pager } = this.options;
    return relayPage<WireAllocation>(pager, request, scopeDigest({ enterpriseId, view, query }), async (read) =>
      none ? [] : withScope((await listAllocations(client, enterpriseId, view, { ...query, ...read }, call)).allocations, scope),
    );
  }

  /**
   * Allocations of one connection: the caller's own connectionIds filter can only narrow it further. Enterprise
   * and view default to those the connection was read in (`within`), then to the gateway's.
   */
  listForConnection(caller: Caller, connectionId: string, request: AllocationListRequest, within?: Scope): Promise<RelayPage<WireAllocation>> {
    const id = connectionId.toLowerCase();
    const asked = request.filter?.connectionIds?.map((c) => c.toLowerCase());
    const scoped = { ...request, enterpriseId: request.enterpriseId ?? within?.enterpriseId, view: request.view ?? within?.view };
    return this.list(caller, { ...scoped, filter: { ...request.filter, connectionIds: [id] } }, asked != null && !asked.includes(id));
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
    const byId = new Map(withScope(allocations, scope).map((a) => [a.id, a]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}
