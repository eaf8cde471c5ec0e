import type { CallOptions, Endpoint, WriteOptions } from './client.js';
import { decimal, enterprisePath, list, type BitGoTransport } from './allocations.api.js';
import type { WireDisputeAnswer, WireDisputeClosureAnswer, WireDisputeListQuery, WireDisputesList } from './settlement.wire.js';
import type { WireView } from './wire.types.js';

/** Settlement disputes: both sides' lists, and the client's signed dispute, update (retract, un-retract) and close. */

const enc = encodeURIComponent;

const LIST: Record<WireView, Endpoint> = {
  client: { method: 'GET', route: 'clients/settlement/disputes' },
  partner: { method: 'GET', route: 'partners/settlement/disputes' },
};
const CREATE: Endpoint = { method: 'POST', route: 'clients/settlements/{settlementId}/disputes' };
const UPDATE: Endpoint = { method: 'PUT', route: 'clients/settlements/disputes/{disputeId}' };
const CLOSE: Endpoint = { method: 'POST', route: 'clients/settlements/disputes/{disputeId}/close' };

export function disputeSearchParams(view: WireView, query: WireDisputeListQuery): Record<string, string | undefined> {
  return {
    settlementIds: list(query.settlementIds),
    settledInSettlementIds: list(query.settledInSettlementIds),
    connectionIds: list(query.connectionIds),
    partnerIds: list(query.partnerIds),
    closed: query.closed === undefined ? undefined : String(query.closed),
    disputeIds: list(query.disputeIds),
    ...(view === 'partner'
      ? {
          settlementExternalIds: list(query.settlementExternalIds),
          showRetracted: query.showRetracted === undefined ? undefined : String(query.showRetracted),
          clientIds: list(query.clientIds),
        }
      : {}),
    pageNumber: decimal(query.pageNumber),
    pageSize: decimal(query.pageSize),
  };
}

export function listDisputes(client: BitGoTransport, enterpriseId: string, view: WireView, query: WireDisputeListQuery, options: CallOptions): Promise<WireDisputesList> {
  const side = view === 'client' ? 'clients' : 'partners';
  return client.get(LIST[view], `${enterprisePath(enterpriseId)}/${side}/settlement/disputes`, disputeSearchParams(view, query), options);
}

export function disputePath(enterpriseId: string, settlementId: string): string {
  return `${enterprisePath(enterpriseId)}/clients/settlements/${enc(settlementId)}/disputes`;
}

export function disputeUpdatePath(enterpriseId: string, disputeId: string): string {
  return `${enterprisePath(enterpriseId)}/clients/settlements/disputes/${enc(disputeId)}`;
}

export function disputeClosePath(enterpriseId: string, disputeId: string): string {
  return `${disputeUpdatePath(enterpriseId, disputeId)}/close`;
}

/** A signed dispute, sent once: BitGo keeps no idempotency key for it; an unknown outcome is settled by reading the disputes. */
export function createDispute(client: BitGoTransport, path: string, body: string, options: WriteOptions): Promise<WireDisputeAnswer> {
  return client.send(CREATE, path, body, { ...options, once: true });
}

/** Retract or un-retract: absolute (the flag), so a re-send of the same bytes is harmless. */
export function updateDispute(client: BitGoTransport, path: string, body: string, options: WriteOptions): Promise<WireDisputeAnswer> {
  return client.send(UPDATE, path, body, options);
}

/** Close, sent once: a second close is refused; an unknown outcome is settled by reading the dispute's closure. */
export function closeDispute(client: BitGoTransport, path: string, body: string, options: WriteOptions): Promise<WireDisputeClosureAnswer> {
  return client.send(CLOSE, path, body, { ...options, once: true });
}
