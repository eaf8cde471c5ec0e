import { listConnections } from '../../bitgo/connections.api.js';
import type { BitGoTransport } from '../../bitgo/allocations.api.js';
import type { WireConnection, WireConnectionListQuery, WireView } from '../../bitgo/wire.types.js';
import { scopeDigest } from '../../pagination/cursor.js';
import { relayPage, type RelayArgs, type RelayPage, type RelayPager } from '../../pagination/relay-page.js';
import { badInput } from '../app-error.js';
import { callOptions, type Caller } from '../caller.js';
import { scopeOf, withScope, type Scope, type ScopeRequest } from './read-scope.js';

export interface ConnectionReadsOptions {
  client: BitGoTransport;
  pager: RelayPager;
  defaultEnterpriseId: string | undefined;
  defaultView: WireView;
}

/** BitGo's connection list filters; lists match any of their values, absent means no filter. */
export interface ConnectionFilterRequest {
  ids?: readonly string[] | null;
  names?: readonly string[] | null;
  partnerIds?: readonly string[] | null;
  clientIds?: readonly string[] | null;
  partnersClientIds?: readonly string[] | null;
  partnersConnectionIds?: readonly string[] | null;
  active?: boolean | null;
}

export interface ConnectionListRequest extends ScopeRequest, RelayArgs {
  filter?: ConnectionFilterRequest | null | undefined;
}

/** Filters only one side's list route takes: asking the other side is an error, not a filter silently dropped. */
const CLIENT_ONLY = ['names'] as const;
const PARTNER_ONLY = ['clientIds', 'partnersClientIds', 'partnersConnectionIds'] as const;

/** Reads Go Network connections from BitGo as Relay pages and by id. Stateless: one instance serves every request. */
export class ConnectionReads {
  constructor(private readonly options: ConnectionReadsOptions) {}

  scopeOf(request: ScopeRequest): Scope {
    return scopeOf(request, this.options);
  }

  wireQuery(view: WireView, filter: ConnectionFilterRequest | null | undefined): WireConnectionListQuery {
    for (const name of view === 'client' ? PARTNER_ONLY : CLIENT_ONLY) {
      if (filter?.[name] != null) throw badInput(`filter.${name} is only available in the ${view === 'client' ? 'PARTNER' : 'CLIENT'} view`, `filter.${name}`);
    }
    return {
      connectionIds: filter?.ids?.map((id) => id.toLowerCase()),
      names: filter?.names ?? undefined,
      partnerIds: filter?.partnerIds ?? undefined,
      clientIds: filter?.clientIds ?? undefined,
      partnersClientIds: filter?.partnersClientIds ?? undefined,
      partnersConnectionIds: filter?.partnersConnectionIds ?? undefined,
      active: filter?.active ?? undefined,
    };
  }

  /** BitGo lists connections oldest first (then by id) and pages them like allocations: the same cursors and limits apply. */
  async list(caller: Caller, request: ConnectionListRequest): Promise<RelayPage<WireConnection>> {
    const call = callOptions(caller);
    const scope = this.scopeOf(request);
    const { enterpriseId, view } = scope;
    const query = this.wireQuery(view, request.filter);
    const { client, pager } = this.options;
    // `list` keeps a connections cursor from ever decoding against an allocations list of the same scope.
    return relayPage<WireConnection>(pager, request, scopeDigest({ list: 'connections', enterpriseId, view, query }), async (read) =>
      withScope((await listConnections(client, enterpriseId, view, { ...query, ...read }, call)).connections, scope),
    );
  }

  /** One list call for many ids, answered in the order asked; unknown ids are null. */
  async loadByIds(caller: Caller, scope: Scope, ids: readonly string[]): Promise<(WireConnection | null)[]> {
    const call = callOptions(caller);
    const unique = [...new Set(ids)];
    const { connections } = await listConnections(
      this.options.client,
      scope.enterpriseId,
      scope.view,
      { connectionIds: unique, pageNumber: 0, pageSize: Math.max(unique.length, 1) },
      call,
    );
    const byId = new Map(withScope(connections, scope).map((c) => [c.id, c]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}
