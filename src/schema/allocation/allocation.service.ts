import { GraphQLError } from 'graphql';
import { listAllocations } from '../../bitgo/allocations.api.js';
import type { BitGoClient } from '../../bitgo/client.js';
import type { WireAllocation, WireListQuery, WireView } from '../../bitgo/wire.types.js';
import { scopeDigest, type CursorCodec } from '../../pagination/cursor.js';
import type { PageLimits } from '../../pagination/relay.js';
import { sliceConnection } from '../../pagination/relay.js';
import { ErrorCode, userInputError } from '../errors.js';
import type { AllocationConnection } from './allocation-connection.type.js';
import type { AllocationFilter } from './allocation-filter.input.js';
import { AllocationOrderField, AllocationType, AllocationView } from './allocation.enums.js';
import type { AllocationsArgs, EnterpriseArgs } from './allocations.args.js';
import type { Allocation } from './allocation.type.js';

export interface AllocationServiceOptions {
  client: BitGoClient;
  cursors: CursorCodec;
  limits: PageLimits;
  defaultEnterpriseId: string | undefined;
  defaultView: WireView;
}

export interface Scope {
  enterpriseId: string;
  view: WireView;
}

/** The enterprise an operation acts on: the caller's, else the gateway's configured one. */
export function requireEnterpriseId(given: string | undefined, fallback: string | undefined): string {
  const enterpriseId = given ?? fallback;
  if (!enterpriseId) {
    throw userInputError('enterpriseId is required: pass it, or configure BITGO_ENTERPRISE_ID on the gateway', 'enterpriseId');
  }
  return enterpriseId;
}

const BOTH_TYPES = [AllocationType.ALLOCATION, AllocationType.DEALLOCATION] as const;

/** Reads allocations from BitGo and shapes them as Relay connections. Stateless: one instance serves every request. */
export class AllocationService {
  constructor(private readonly options: AllocationServiceOptions) {}

  scopeOf(args: EnterpriseArgs): Scope {
    const enterpriseId = requireEnterpriseId(args.enterpriseId, this.options.defaultEnterpriseId);
    return { enterpriseId, view: args.view ?? (this.options.defaultView as AllocationView) };
  }

  requireToken(token: string | undefined): string {
    if (!token) {
      throw new GraphQLError('No BitGo access token: send `Authorization: Bearer <token>` or configure BITGO_ACCESS_TOKEN', {
        extensions: { code: ErrorCode.UNAUTHENTICATED },
      });
    }
    return token;
  }

  /** The list filters as BitGo's query parameters; the client list is always told which types it wants. */
  wireQuery(view: WireView, filter: AllocationFilter | undefined, args: Pick<AllocationsArgs, 'orderBy'>): WireListQuery {
    if (filter?.clientIds && view !== 'partner') {
      throw userInputError('filter.clientIds is only available in the PARTNER view', 'filter.clientIds');
    }
    if (args.orderBy?.field === AllocationOrderField.CURRENCY && view !== 'client') {
      throw userInputError('ordering by CURRENCY is only available in the CLIENT view', 'orderBy.field');
    }
    if (filter?.createdOnOrAfter && filter.createdBefore && filter.createdOnOrAfter > filter.createdBefore) {
      throw userInputError('filter.createdOnOrAfter must not be later than filter.createdBefore', 'filter.createdOnOrAfter');
    }
    return {
      allocationIds: filter?.ids,
      types: filter?.types ?? BOTH_TYPES,
      statuses: filter?.statuses,
      currencies: filter?.currencies,
      connectionIds: filter?.connectionIds,
      partnerIds: filter?.partnerIds,
      clientIds: filter?.clientIds,
      trustOrg: filter?.trustOrg,
      createdOnOrAfter: filter?.createdOnOrAfter?.toISOString(),
      createdBefore: filter?.createdBefore?.toISOString(),
      sortField: args.orderBy?.field,
      sortDirection: args.orderBy?.direction,
    };
  }

  /** `none`: the caller's filters exclude everything, so answer an empty page without asking BitGo (arguments still checked). */
  async list(token: string | undefined, args: AllocationsArgs, none = false): Promise<AllocationConnection> {
    const bearer = this.requireToken(token);
    const { enterpriseId, view } = this.scopeOf(args);
    const query = this.wireQuery(view, args.filter, args);
    const scope = scopeDigest({ enterpriseId, view, query });
    const { cursors, client, limits } = this.options;
    const slice = await sliceConnection<WireAllocation>(
      {
        first: args.first ?? undefined,
        last: args.last ?? undefined,
        afterOffset: args.after == null ? undefined : cursors.decode(args.after, scope, 'after'),
        beforeOffset: args.before == null ? undefined : cursors.decode(args.before, scope, 'before'),
      },
      async (read) => (none ? [] : (await listAllocations(client, enterpriseId, view, { ...query, ...read }, { token: bearer })).allocations),
      limits,
    );
    const nodes = slice.rows as unknown as Allocation[];
    const cursorAt = (i: number) => cursors.encode(slice.startOffset + i, scope);
    let edges: AllocationConnection['edges'] | undefined;
    return {
      // Built only when the query selects edges: a `nodes` page then costs no per-row cursor.
      get edges() {
        return (edges ??= nodes.map((node, i) => ({ node, cursor: cursorAt(i) })));
      },
      nodes,
      pageInfo: {
        hasNextPage: slice.hasNextPage,
        hasPreviousPage: slice.hasPreviousPage,
        startCursor: nodes.length > 0 ? cursorAt(0) : null,
        endCursor: nodes.length > 0 ? cursorAt(nodes.length - 1) : null,
      },
    };
  }

  /** Allocations of one connection: the caller's own connectionIds filter can only narrow it further. */
  listForConnection(token: string | undefined, connectionId: string, args: AllocationsArgs): Promise<AllocationConnection> {
    const id = connectionId.toLowerCase();
    const asked = args.filter?.connectionIds?.map((c) => c.toLowerCase());
    const filter: AllocationFilter = { ...args.filter, connectionIds: [id] };
    return this.list(token, { ...args, filter }, asked !== undefined && !asked.includes(id));
  }

  /** One list call for many ids, answered in the order asked; unknown ids are null. */
  async loadByIds(token: string | undefined, scope: Scope, ids: readonly string[]): Promise<(WireAllocation | null)[]> {
    const bearer = this.requireToken(token);
    const unique = [...new Set(ids)];
    const { allocations } = await listAllocations(
      this.options.client,
      scope.enterpriseId,
      scope.view,
      { allocationIds: unique, types: BOTH_TYPES, pageNumber: 0, pageSize: Math.max(unique.length, 1) },
      { token: bearer },
    );
    const byId = new Map(allocations.map((a) => [a.id, a]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}
