import type { BitGoTransport } from '../../bitgo/allocations.api.js';
import { listConnections } from '../../bitgo/connections.api.js';
import { listDisputes } from '../../bitgo/disputes.api.js';
import { BitGoError } from '../../bitgo/errors.js';
import { getSettlement, listSettlements, listSettlementTransfers } from '../../bitgo/settlements.api.js';
import type {
  WireDispute,
  WireDisputeListQuery,
  WireSettlement,
  WireSettlementGet,
  WireSettlementListQuery,
  WireSettlementStatus,
  WireSettlementTransfer,
  WireSettlementTransferListQuery,
  WireSettlementTransferStatus,
} from '../../bitgo/settlement.wire.js';
import type { WireConnection, WireView } from '../../bitgo/wire.types.js';
import { scopeDigest } from '../../pagination/cursor.js';
import { relayPage, type RelayArgs, type RelayPage, type RelayPager } from '../../pagination/relay-page.js';
import { badInput } from '../app-error.js';
import { callOptions, type Caller } from '../caller.js';
import { scopeOf, withScope, type Scope, type ScopeDefaults } from '../reads/read-scope.js';

export interface SettlementReadsOptions extends ScopeDefaults {
  client: BitGoTransport;
  pager: RelayPager;
  /** The largest pageSize asked of BitGo for one batched read. */
  pageSize: number;
  /** The partner's enterprise: what the partner's lists default to (else the gateway's). */
  partnerEnterpriseId?: string | undefined;
}

export interface SettlementFilterRequest {
  ids?: readonly string[] | null;
  partnerIds?: readonly string[] | null;
  partyConnectionIds?: readonly string[] | null;
  counterpartyConnectionIds?: readonly string[] | null;
  statuses?: readonly WireSettlementStatus[] | null;
  onlyDisputed?: boolean | null;
  /** Partner list only. */
  externalIds?: readonly string[] | null;
  createdOnOrAfter?: Date | null;
  createdBefore?: Date | null;
  updatedOnOrAfter?: Date | null;
  updatedBefore?: Date | null;
}

export interface SettlementTransferFilterRequest {
  currencies?: readonly string[] | null;
  initiatedBy?: readonly string[] | null;
  partnerIds?: readonly string[] | null;
  settlementIds?: readonly string[] | null;
  settlementStatuses?: readonly WireSettlementStatus[] | null;
  statuses?: readonly WireSettlementTransferStatus[] | null;
  settlementUpdatedBefore?: Date | null;
  settlementUpdatedOnOrAfter?: Date | null;
}

export interface DisputeFilterRequest {
  ids?: readonly string[] | null;
  settlementIds?: readonly string[] | null;
  settledInSettlementIds?: readonly string[] | null;
  connectionIds?: readonly string[] | null;
  partnerIds?: readonly string[] | null;
  closed?: boolean | null;
  /** Partner list only. */
  settlementExternalIds?: readonly string[] | null;
  showRetracted?: boolean | null;
  clientIds?: readonly string[] | null;
}

export interface ListRequest<F> extends RelayArgs {
  enterpriseId?: string | null | undefined;
  filter?: F | null | undefined;
}

/** One settlement as its detail route answers it: the settlement, a page of its transfers, its disputes. */
export type SettlementDetail = WireSettlementGet;

/** The detail a settlement was read with, carried on it (a symbol: invisible to JSON and GraphQL), so its fields read no further. */
const DETAIL = Symbol('settlement detail');

export function detailOf(settlement: WireSettlement): SettlementDetail | undefined {
  return (settlement as { [DETAIL]?: SettlementDetail })[DETAIL];
}

/** Pages of transfers one batched read follows before it gives up (rather than sum a part of them). */
const MAX_TRANSFER_PAGES = 10;

const lower = (ids: readonly string[] | null | undefined) => ids?.map((id) => id.toLowerCase());
const iso = (d: Date | null | undefined) => d?.toISOString();

function partnerOnly(view: WireView, value: unknown, field: string): void {
  if (value != null && view !== 'partner') throw badInput(`${field} is only available on the partner's lists`, field);
}

function ordered(after: Date | null | undefined, before: Date | null | undefined, field: string): void {
  if (after && before && after > before) throw badInput(`${field}: the "on or after" date must not be later than the "before" date`, field);
}

/**
 * Settlements, their transfers and disputes from BitGo, as Relay pages over BitGo's pageNumber/pageSize (as allocations
 * are), and the batched reads the schema's DataLoaders use. Stateless: one instance serves every request.
 */
export class SettlementReads {
  constructor(private readonly options: SettlementReadsOptions) {}

  scopeOf(request: { enterpriseId?: string | null | undefined }, view: WireView): Scope {
    const enterpriseId = request.enterpriseId ?? (view === 'partner' ? this.options.partnerEnterpriseId : undefined);
    return scopeOf({ enterpriseId, view }, this.options);
  }

  settlementQuery(view: WireView, filter: SettlementFilterRequest | null | undefined): WireSettlementListQuery {
    const f = filter ?? {};
    partnerOnly(view, f.externalIds, 'filter.externalIds');
    for (const field of ['createdOnOrAfter', 'createdBefore', 'updatedOnOrAfter', 'updatedBefore'] as const) partnerOnly(view, f[field], `filter.${field}`);
    if (f.statuses != null && view !== 'client') throw badInput('filter.statuses is only available on the client\'s list (BitGo\'s partner list has no status filter)', 'filter.statuses');
    ordered(f.createdOnOrAfter, f.createdBefore, 'filter.createdOnOrAfter');
    ordered(f.updatedOnOrAfter, f.updatedBefore, 'filter.updatedOnOrAfter');
    return {
      settlementIds: lower(f.ids),
      partnerIds: lower(f.partnerIds),
      partyConnectionIds: lower(f.partyConnectionIds),
      counterpartyConnectionIds: lower(f.counterpartyConnectionIds),
      statuses: f.statuses ?? undefined,
      onlyShowDisputed: f.onlyDisputed ?? undefined,
      externalIds: f.externalIds ?? undefined,
      createdOnOrAfter: iso(f.createdOnOrAfter),
      createdBefore: iso(f.createdBefore),
      updatedOnOrAfter: iso(f.updatedOnOrAfter),
      updatedBefore: iso(f.updatedBefore),
    };
  }

  /** The client's settlements (view client) or the partner's (view partner). */
  async list(caller: Caller, view: WireView, request: ListRequest<SettlementFilterRequest>): Promise<RelayPage<WireSettlement>> {
    const call = callOptions(caller);
    const scope = this.scopeOf(request, view);
    const query = this.settlementQuery(view, request.filter);
    const { client, pager } = this.options;
    return relayPage<WireSettlement>(pager, request, scopeDigest({ list: 'settlements', ...scope, query }), async (read) =>
      withScope((await listSettlements(client, scope.enterpriseId, view, { ...query, ...read }, call)).settlements, scope),
    );
  }

  /** One settlement with (a first page of) its transfers and its disputes; null when BitGo knows none for the caller. */
  async get(caller: Caller, view: WireView, request: { enterpriseId?: string | null; id: string; currencies?: readonly string[] | null }): Promise<SettlementDetail | null> {
    const scope = this.scopeOf(request, view);
    try {
      const { pageSize } = this.options;
      const read = (pageNumber: number) => getSettlement(this.options.client, scope.enterpriseId, view, request.id.toLowerCase(), { currencies: request.currencies ?? undefined, pageNumber, pageSize }, callOptions(caller));
      const detail = await read(0);
      // BitGo pages a settlement's transfers: its amounts are summed from all of them, never from the first page alone.
      for (let pageNumber = 1, last = detail.settlementTransfers.length; last === pageSize; pageNumber++) {
        if (pageNumber === MAX_TRANSFER_PAGES) throw new Error(`settlement ${request.id} has more than ${MAX_TRANSFER_PAGES * pageSize} transfers; not summed`);
        const more = (await read(pageNumber)).settlementTransfers;
        detail.settlementTransfers.push(...more);
        last = more.length;
      }
      withScope([detail.settlement], scope);
      withScope(detail.settlementTransfers, scope);
      withScope([...detail.settlementDisputes, ...detail.settlingDisputes], scope);
      (detail.settlement as { [DETAIL]?: SettlementDetail })[DETAIL] = detail;
      return detail;
    } catch (error) {
      if (error instanceof BitGoError && error.status === 404) return null;
      throw error;
    }
  }

  transferQuery(filter: SettlementTransferFilterRequest | null | undefined): WireSettlementTransferListQuery {
    const f = filter ?? {};
    ordered(f.settlementUpdatedOnOrAfter, f.settlementUpdatedBefore, 'filter.settlementUpdatedOnOrAfter');
    return {
      currencies: f.currencies ?? undefined,
      initiatedBy: f.initiatedBy ?? undefined,
      partnerIds: lower(f.partnerIds),
      settlementIds: lower(f.settlementIds),
      settlementStatuses: f.settlementStatuses ?? undefined,
      settlementTransferStatuses: f.statuses ?? undefined,
      settlementUpdatedBefore: iso(f.settlementUpdatedBefore),
      settlementUpdatedOnOrAfter: iso(f.settlementUpdatedOnOrAfter),
    };
  }

  /** The client's settlement transfers, newest update first. */
  async transfers(caller: Caller, request: ListRequest<SettlementTransferFilterRequest>): Promise<RelayPage<WireSettlementTransfer>> {
    const call = callOptions(caller);
    const scope = this.scopeOf(request, 'client');
    const query: WireSettlementTransferListQuery = { ...this.transferQuery(request.filter), sortDirection: 'DESC' };
    const { client, pager } = this.options;
    return relayPage<WireSettlementTransfer>(pager, request, scopeDigest({ list: 'settlementTransfers', ...scope, query }), async (read) =>
      withScope((await listSettlementTransfers(client, scope.enterpriseId, { ...query, ...read }, call)).settlementTransfers, scope),
    );
  }

  disputeQuery(view: WireView, filter: DisputeFilterRequest | null | undefined): WireDisputeListQuery {
    const f = filter ?? {};
    partnerOnly(view, f.settlementExternalIds, 'filter.settlementExternalIds');
    partnerOnly(view, f.showRetracted, 'filter.showRetracted');
    partnerOnly(view, f.clientIds, 'filter.clientIds');
    return {
      disputeIds: lower(f.ids),
      settlementIds: lower(f.settlementIds),
      settledInSettlementIds: lower(f.settledInSettlementIds),
      connectionIds: lower(f.connectionIds),
      partnerIds: lower(f.partnerIds),
      closed: f.closed ?? undefined,
      settlementExternalIds: f.settlementExternalIds ?? undefined,
      showRetracted: f.showRetracted ?? undefined,
      clientIds: lower(f.clientIds),
    };
  }

  async disputes(caller: Caller, view: WireView, request: ListRequest<DisputeFilterRequest>): Promise<RelayPage<WireDispute>> {
    const call = callOptions(caller);
    const scope = this.scopeOf(request, view);
    const query = this.disputeQuery(view, request.filter);
    const { client, pager } = this.options;
    return relayPage<WireDispute>(pager, request, scopeDigest({ list: 'disputes', ...scope, query }), async (read) =>
      withScope((await listDisputes(client, scope.enterpriseId, view, { ...query, ...read }, call)).disputes, scope),
    );
  }

  /** One list call for many settlement ids, in the order asked; unknown ids are null. */
  async loadByIds(caller: Caller, scope: Scope, ids: readonly string[]): Promise<(WireSettlement | null)[]> {
    const unique = [...new Set(ids)];
    const { settlements } = await listSettlements(this.options.client, scope.enterpriseId, scope.view, { settlementIds: unique, pageNumber: 0, pageSize: Math.max(unique.length, 1) }, callOptions(caller));
    const byId = new Map(withScope(settlements, scope).map((s) => [s.id, s]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /**
   * The client's transfers of many settlements, grouped by settlement: one call, or a few more pages when they hold more
   * than one page. Amounts are summed from them, so a list cut short is an error, never a wrong sum.
   */
  async transfersOf(caller: Caller, scope: Scope, settlementIds: readonly string[]): Promise<WireSettlementTransfer[][]> {
    const unique = [...new Set(settlementIds)];
    const { pageSize } = this.options;
    const all: WireSettlementTransfer[] = [];
    for (let pageNumber = 0; ; pageNumber++) {
      if (pageNumber === MAX_TRANSFER_PAGES) throw new Error(`more than ${MAX_TRANSFER_PAGES * pageSize} transfers for ${unique.length} settlements; not summed`);
      const { settlementTransfers } = await listSettlementTransfers(this.options.client, scope.enterpriseId, { settlementIds: unique, pageNumber, pageSize }, callOptions(caller));
      all.push(...settlementTransfers);
      if (settlementTransfers.length < pageSize) break;
    }
    const bySettlement = new Map<string, WireSettlementTransfer[]>();
    for (const t of withScope(all, scope)) bySettlement.set(t.settlementId, [...(bySettlement.get(t.settlementId) ?? []), t]);
    return settlementIds.map((id) => bySettlement.get(id) ?? []);
  }

  /**
   * The latest settlements that moved each connection, newest first, at most `limit` each: one settlements call for
   * every connection asked (partyConnectionIds) and one transfers call to tell which connection's account each moved.
   */
  async latestFor(caller: Caller, scope: Scope, connections: readonly WireConnection[], limit: number): Promise<WireSettlement[][]> {
    const ids = [...new Set(connections.map((c) => c.id.toLowerCase()))];
    const pageSize = Math.min(this.options.pageSize, 100);
    const { settlements } = await listSettlements(this.options.client, scope.enterpriseId, 'client', { partyConnectionIds: ids, pageNumber: 0, pageSize }, callOptions(caller));
    withScope(settlements, scope);
    const newest = [...settlements].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    const transfers = newest.length === 0 ? [] : await this.transfersOf(caller, scope, newest.map((s) => s.id));
    return connections.map((connection) => {
      const account = connection.networkAccountId;
      const mine = newest.filter((s, i) => {
        const moved = transfers[i]!;
        // A settlement with no transfer read (beyond the page) is credited by its partner: one connection per partner is the rule.
        return moved.length === 0 ? s.partnerId === connection.partnerId : moved.some((t) => t.sourceNetworkAccountId === account || t.destinationNetworkAccountId === account);
      });
      return mine.slice(0, limit);
    });
  }

  /** The client's connections to many partners in one call, grouped by partner. */
  async connectionsOfPartners(caller: Caller, scope: Scope, partnerIds: readonly string[]): Promise<WireConnection[][]> {
    const unique = [...new Set(partnerIds.map((id) => id.toLowerCase()))];
    const { connections } = await listConnections(this.options.client, scope.enterpriseId, 'client', { partnerIds: unique, pageNumber: 0, pageSize: this.options.pageSize }, callOptions(caller));
    withScope(connections, { enterpriseId: scope.enterpriseId, view: 'client' });
    return partnerIds.map((id) => connections.filter((c) => c.partnerId.toLowerCase() === id.toLowerCase()));
  }
}
