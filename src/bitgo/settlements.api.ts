import type { CallOptions, Endpoint, WriteOptions } from './client.js';
import { decimal, enterprisePath, list, type BitGoTransport } from './allocations.api.js';
import type {
  WireSettlementAnswer,
  WireSettlementGet,
  WireSettlementListQuery,
  WireSettlementSigningRequest,
  WireSettlementsList,
  WireSettlementTransferListQuery,
  WireSettlementTransfersList,
} from './settlement.wire.js';
import type { WireSigningPayload, WireView } from './wire.types.js';

/** Settlements: the client's reads, the partner's reads, and the partner's signed settlement (v1, v2). */

const enc = encodeURIComponent;

/** Which partner settlement route: v1 (completed at once, no disputes) or v2 (`cutoffAt`, after the dispute window). */
export type SettlementVersion = 'v1' | 'v2';

const LIST: Record<WireView, Endpoint> = {
  client: { method: 'GET', route: 'clients/settlements' },
  partner: { method: 'GET', route: 'partners/settlements' },
};
const GET_ONE: Record<WireView, Endpoint> = {
  client: { method: 'GET', route: 'clients/settlements/{settlementId}' },
  partner: { method: 'GET', route: 'partners/settlements/{settlementId}' },
};
const TRANSFERS: Endpoint = { method: 'GET', route: 'clients/settlementTransfers' };
const SIGNING: Endpoint = { method: 'POST', route: 'partners/settlements-signing' };
const SUBMIT: Record<SettlementVersion, Endpoint> = {
  v1: { method: 'POST', route: 'partners/settlements' },
  v2: { method: 'POST', route: 'v2/partners/settlements' },
};

export function settlementSearchParams(view: WireView, query: WireSettlementListQuery): Record<string, string | undefined> {
  return {
    settlementIds: list(query.settlementIds),
    partnerIds: list(query.partnerIds),
    partyConnectionIds: list(query.partyConnectionIds),
    counterpartyConnectionIds: list(query.counterpartyConnectionIds),
    onlyShowDisputed: query.onlyShowDisputed ? 'true' : undefined,
    ...(view === 'client'
      ? { statuses: list(query.statuses) }
      : {
          externalIds: list(query.externalIds),
          createdOnOrAfter: query.createdOnOrAfter,
          createdBefore: query.createdBefore,
          updatedOnOrAfter: query.updatedOnOrAfter,
          updatedBefore: query.updatedBefore,
        }),
    pageNumber: decimal(query.pageNumber),
    pageSize: decimal(query.pageSize),
  };
}

export function transferSearchParams(query: WireSettlementTransferListQuery): Record<string, string | undefined> {
  return {
    currencies: list(query.currencies),
    initiatedBy: list(query.initiatedBy),
    partnerIds: list(query.partnerIds),
    settlementIds: list(query.settlementIds),
    settlementStatuses: list(query.settlementStatuses),
    settlementTransferStatuses: list(query.settlementTransferStatuses),
    settlementUpdatedBefore: query.settlementUpdatedBefore,
    settlementUpdatedOnOrAfter: query.settlementUpdatedOnOrAfter,
    sortField: query.sortDirection ? 'updatedAt' : undefined,
    sortDirection: query.sortDirection,
    pageNumber: decimal(query.pageNumber),
    pageSize: decimal(query.pageSize),
  };
}

export function listSettlements(client: BitGoTransport, enterpriseId: string, view: WireView, query: WireSettlementListQuery, options: CallOptions): Promise<WireSettlementsList> {
  const side = view === 'client' ? 'clients' : 'partners';
  return client.get(LIST[view], `${enterprisePath(enterpriseId)}/${side}/settlements`, settlementSearchParams(view, query), options);
}

/** One settlement with its transfers (a page of them: BitGo pages the transfers of one settlement too) and disputes. */
export function getSettlement(
  client: BitGoTransport,
  enterpriseId: string,
  view: WireView,
  settlementId: string,
  query: { currencies?: readonly string[]; pageNumber?: number; pageSize?: number },
  options: CallOptions,
): Promise<WireSettlementGet> {
  const side = view === 'client' ? 'clients' : 'partners';
  return client.get(GET_ONE[view], `${enterprisePath(enterpriseId)}/${side}/settlements/${enc(settlementId)}`, {
    currencies: list(query.currencies),
    pageNumber: decimal(query.pageNumber),
    pageSize: decimal(query.pageSize),
  }, options);
}

export function listSettlementTransfers(client: BitGoTransport, enterpriseId: string, query: WireSettlementTransferListQuery, options: CallOptions): Promise<WireSettlementTransfersList> {
  return client.get(TRANSFERS, `${enterprisePath(enterpriseId)}/clients/settlementTransfers`, transferSearchParams(query), options);
}

/** POST variant of the settlement signing route (some HTTP stacks drop GET bodies). */
export function getSettlementSigningPayload(client: BitGoTransport, enterpriseId: string, request: WireSettlementSigningRequest, options: WriteOptions): Promise<WireSigningPayload> {
  return client.send(SIGNING, `${enterprisePath(enterpriseId)}/partners/settlements-signing`, JSON.stringify(request), options);
}

/** Where a signed settlement goes: v1 or v2 (BitGo's v2 routes live under /api/network/v2). */
export function settlementPath(enterpriseId: string, version: SettlementVersion): string {
  const base = enterprisePath(enterpriseId);
  return `${version === 'v2' ? base.replace('api/network/v1/', 'api/network/v2/') : base}/partners/settlements`;
}

/** Which route a committed settlement's path is (the journal keeps the path; a re-send needs the endpoint). */
export function settlementVersionOf(path: string): SettlementVersion {
  return path.startsWith('api/network/v2/') ? 'v2' : 'v1';
}

/**
 * A signed settlement. BitGo is idempotent on `externalId` (the same body answers the settlement it made), so the
 * committed bytes may be re-sent as they are.
 */
export function submitSettlement(client: BitGoTransport, path: string, body: string, options: WriteOptions): Promise<WireSettlementAnswer> {
  return client.send(SUBMIT[settlementVersionOf(path)], path, body, options);
}
