import type { BitGoTransport } from '../../bitgo/allocations.api.js';
import { getClientBalances, getPartnerBalances } from '../../bitgo/connections.api.js';
import type { WireBalanceRecord, WireClientNetworkBalance, WireConnection, WirePartnerNetworkBalance, WireView } from '../../bitgo/wire.types.js';
import { callOptions, type Caller } from '../caller.js';
import { scopeOf, withScope, type Scope, type ScopeRequest } from './read-scope.js';

export interface BalanceReadsOptions {
  client: BitGoTransport;
  defaultEnterpriseId: string | undefined;
  defaultView: WireView;
  /** Connections asked per balances page. */
  pageSize: number;
}

/** One currency's amounts, as BitGo sends them: decimal strings, never numbers. */
export interface CurrencyBalance {
  currency: string;
  available: string;
  held: string;
}

/** What is allocated to one connection, with what the balances report says of the connection. */
export interface NetworkBalance {
  connectionId: string;
  partnerId: string;
  partnersConnectionId: string;
  /** Client report only. */
  name: string | null;
  partnerInstitutionIdentifier: string | null;
  /** Partner report only (the client report is one client's). */
  clientId: string | null;
  balances: CurrencyBalance[];
  /** The connection as far as the report knows it, for when BitGo's connection list no longer shows it. */
  summary: Partial<WireConnection> & { id: string };
}

export interface BalancesReport {
  /** Client report only. */
  clientId: string | null;
  /** The enterprise's own BitGo trading balances; empty when a partner may not see its own. */
  balances: CurrencyBalance[];
  networkBalances: NetworkBalance[];
  /** Connection id → its entry. */
  byConnection: ReadonlyMap<string, NetworkBalance>;
}

/** A page of either report: the client's names each connection, the partner's names each connection's client. */
interface BalancesPage {
  clientId?: string;
  balances?: WireBalanceRecord;
  networkBalances: Record<string, Partial<WireClientNetworkBalance & WirePartnerNetworkBalance> & Pick<WirePartnerNetworkBalance, 'partnerId' | 'partnersConnectionId' | 'balances'>>;
}

/** Pages a balances report can take: far more connections than any enterprise has, and a stop for a route that ignores paging. */
const MAX_PAGES = 100;

function currencyBalances(record: WireBalanceRecord | undefined): CurrencyBalance[] {
  return Object.entries(record ?? {}).map(([currency, b]) => ({ currency, available: b.available, held: b.held }));
}

/** Reads an enterprise's balances report from BitGo. Stateless; the per-request memo (balances.memo.ts) reads each scope once. */
export class BalanceReads {
  constructor(private readonly options: BalanceReadsOptions) {}

  scopeOf(request: ScopeRequest): Scope {
    return scopeOf(request, this.options);
  }

  /** The whole report: BitGo pages networkBalances by connection, so pages are read until one comes back short. */
  async report(caller: Caller, scope: Scope): Promise<BalancesReport> {
    const call = callOptions(caller);
    const { client, pageSize } = this.options;
    const { enterpriseId, view } = scope;
    let clientId: string | null = null;
    let balances: CurrencyBalance[] = [];
    const byConnection = new Map<string, NetworkBalance>();
    for (let pageNumber = 0; pageNumber < MAX_PAGES; pageNumber++) {
      const query = { pageNumber, pageSize };
      const before = byConnection.size;
      // The two reports differ only in what each says of a connection: its name (client) or its client (partner).
      const page: BalancesPage = view === 'client' ? await getClientBalances(client, enterpriseId, query, call) : await getPartnerBalances(client, enterpriseId, query, call);
      if (pageNumber === 0) {
        clientId = page.clientId ?? null;
        balances = currencyBalances(page.balances);
      }
      const ids = Object.keys(page.networkBalances);
      for (const id of ids) {
        const n = page.networkBalances[id]!;
        byConnection.set(id, {
          connectionId: id,
          partnerId: n.partnerId,
          partnersConnectionId: n.partnersConnectionId,
          name: n.name ?? null,
          partnerInstitutionIdentifier: n.partnerInstitutionIdentifier ?? null,
          clientId: n.clientId ?? null,
          balances: currencyBalances(n.balances),
          summary: summary({ id, clientId: n.clientId ?? page.clientId, partnerId: n.partnerId, partnersConnectionId: n.partnersConnectionId, ...(n.name !== undefined ? { name: n.name } : {}) }, scope),
        });
      }
      if (ids.length < pageSize || byConnection.size === before) break;
    }
    // Tagged: each entry's connection is looked up in the scope the report was read in.
    return { clientId, balances, networkBalances: withScope([...byConnection.values()], scope), byConnection };
  }
}

function summary(known: Partial<WireConnection> & { id: string }, scope: Scope): Partial<WireConnection> & { id: string } {
  return withScope([known], scope)[0]!;
}
