import type { CallOptions, Endpoint } from './client.js';
import { decimal, enterprisePath, list, side, type BitGoTransport } from './allocations.api.js';
import type {
  WireBalancesQuery,
  WireClientBalances,
  WireConnectionGet,
  WireConnectionListQuery,
  WireConnectionsList,
  WirePartnerBalances,
  WireView,
} from './wire.types.js';

/** Connections and balances: the reads an allocate screen needs beside the allocations. */

const enc = encodeURIComponent;

const LIST: Record<WireView, Endpoint> = {
  client: { method: 'GET', route: 'clients/connections' },
  partner: { method: 'GET', route: 'partners/connections' },
};
const GET_ONE: Endpoint = { method: 'GET', route: 'clients/connections/{connectionId}' };
const BALANCES: Record<WireView, Endpoint> = {
  client: { method: 'GET', route: 'clients/balances' },
  partner: { method: 'GET', route: 'partners/balances' },
};

/** Query values as BitGo reads them; each view's route is sent only the filters its operation lists. */
export function connectionSearchParams(view: WireView, query: WireConnectionListQuery): Record<string, string | undefined> {
  return {
    connectionIds: list(query.connectionIds),
    partnerIds: list(query.partnerIds),
    active: query.active === undefined ? undefined : String(query.active),
    ...(view === 'client'
      ? { names: list(query.names) }
      : { clientIds: list(query.clientIds), partnersClientIds: list(query.partnersClientIds), partnersConnectionIds: list(query.partnersConnectionIds) }),
    pageNumber: decimal(query.pageNumber),
    pageSize: decimal(query.pageSize),
  };
}

export function balanceSearchParams(view: WireView, query: WireBalancesQuery): Record<string, string | undefined> {
  return {
    connectionIds: list(query.connectionIds),
    partnerIds: list(query.partnerIds),
    ...(view === 'partner' ? { clientIds: list(query.clientIds), partnersConnectionIds: list(query.partnersConnectionIds) } : {}),
    pageNumber: decimal(query.pageNumber),
    pageSize: decimal(query.pageSize),
  };
}

export function listConnections(client: BitGoTransport, enterpriseId: string, view: WireView, query: WireConnectionListQuery, options: CallOptions): Promise<WireConnectionsList> {
  return client.get(LIST[view], `${enterprisePath(enterpriseId)}/${side(view)}/connections`, connectionSearchParams(view, query), options);
}

/** Client side only: BitGo has no partner route for one connection (the partner list filters by connectionIds). */
export function getClientConnection(client: BitGoTransport, enterpriseId: string, connectionId: string, options: CallOptions): Promise<WireConnectionGet> {
  return client.get(GET_ONE, `${enterprisePath(enterpriseId)}/clients/connections/${enc(connectionId)}`, undefined, options);
}

export function getClientBalances(client: BitGoTransport, enterpriseId: string, query: WireBalancesQuery, options: CallOptions): Promise<WireClientBalances> {
  return client.get(BALANCES.client, `${enterprisePath(enterpriseId)}/clients/balances`, balanceSearchParams('client', query), options);
}

export function getPartnerBalances(client: BitGoTransport, enterpriseId: string, query: WireBalancesQuery, options: CallOptions): Promise<WirePartnerBalances> {
  return client.get(BALANCES.partner, `${enterprisePath(enterpriseId)}/partners/balances`, balanceSearchParams('partner', query), options);
}
