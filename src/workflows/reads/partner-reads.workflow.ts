import type { BitGoTransport } from '../../bitgo/allocations.api.js';
import { getSupportedCurrencies, listPartners } from '../../bitgo/connect.api.js';
import type { WirePartner, WirePartnerListQuery } from '../../bitgo/network.wire.js';
import { scopeDigest } from '../../pagination/cursor.js';
import { relayPage, type RelayArgs, type RelayPage, type RelayPager } from '../../pagination/relay-page.js';
import { callOptions, requireEnterpriseId, type Caller } from '../caller.js';
import { withScope } from './read-scope.js';

export interface PartnerReadsOptions {
  client: BitGoTransport;
  pager: RelayPager;
  defaultEnterpriseId: string | undefined;
}

/** BitGo's partner directory filters; lists match any of their values, absent means no filter. */
export interface PartnerFilterRequest {
  ids?: readonly string[] | null;
  names?: readonly string[] | null;
  institutionIds?: readonly string[] | null;
  institutionIdentifiers?: readonly string[] | null;
  active?: boolean | null;
}

export interface PartnerListRequest extends RelayArgs {
  enterpriseId?: string | null | undefined;
  filter?: PartnerFilterRequest | null | undefined;
}

/** A currency a partner accepts, as the GraphQL type shows it. */
export interface SupportedCurrencyView {
  ofcCurrency: string;
  backingCurrency: string | null;
}

/**
 * The partner directory (GET …/partners) as Relay pages over BitGo's pageNumber/pageSize, and what partners accept
 * (GET …/supportedCurrencies), many partners to one call. Stateless: one instance serves every request.
 */
export class PartnerReads {
  constructor(private readonly options: PartnerReadsOptions) {}

  enterpriseOf(enterpriseId: string | null | undefined): string {
    return requireEnterpriseId(enterpriseId, this.options.defaultEnterpriseId).toLowerCase();
  }

  async list(caller: Caller, request: PartnerListRequest): Promise<RelayPage<WirePartner>> {
    const call = callOptions(caller);
    const enterpriseId = this.enterpriseOf(request.enterpriseId);
    const f = request.filter;
    const lower = (ids: readonly string[] | null | undefined) => ids?.map((id) => id.toLowerCase());
    const query: WirePartnerListQuery = {
      ids: lower(f?.ids),
      names: f?.names ?? undefined,
      institutionIds: lower(f?.institutionIds),
      institutionIdentifiers: f?.institutionIdentifiers ?? undefined,
      active: f?.active ?? undefined,
    };
    const { client, pager } = this.options;
    // Partners read on (their supported currencies) in the enterprise they were listed for.
    const scope = { enterpriseId, view: 'client' as const };
    return relayPage<WirePartner>(pager, request, scopeDigest({ list: 'partners', enterpriseId, query }), async (read) =>
      withScope((await listPartners(client, enterpriseId, { ...query, ...read }, call)).partners, scope),
    );
  }

  /** One call for every partner asked: partner id → what it accepts (empty for a partner BitGo names none for). */
  async supportedCurrencies(caller: Caller, enterpriseId: string, partnerIds: readonly string[]): Promise<Map<string, SupportedCurrencyView[]>> {
    const unique = [...new Set(partnerIds.map((id) => id.toLowerCase()))];
    const { supportedCurrencies } = await getSupportedCurrencies(this.options.client, enterpriseId, unique, callOptions(caller));
    const byPartner = new Map<string, SupportedCurrencyView[]>();
    for (const id of unique) {
      const entries = supportedCurrencies?.[id] ?? [];
      byPartner.set(
        id,
        entries.filter((e) => typeof e?.ofcCurrency === 'string' && e.ofcCurrency.length > 0).map((e) => ({ ofcCurrency: e.ofcCurrency!, backingCurrency: e.backingCurrency ?? null })),
      );
    }
    return byPartner;
  }
}
