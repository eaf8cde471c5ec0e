import type { CallOptions, Endpoint, WriteOptions } from './client.js';
import { decimal, enterprisePath, list, type BitGoTransport } from './allocations.api.js';
import type {
  WireConnectionAnswer,
  WireConnectionUpdate,
  WireConnectSigningRequest,
  WirePartnerListQuery,
  WirePartnersList,
  WireSupportedCurrencies,
} from './network.wire.js';
import type { WireSigningPayload } from './wire.types.js';

/** Connecting ("Client Activation"): the partner directory, what each partner accepts, connect, and the connection update. */

const enc = encodeURIComponent;

const PARTNERS: Endpoint = { method: 'GET', route: 'partners' };
const SUPPORTED_CURRENCIES: Endpoint = { method: 'GET', route: 'supportedCurrencies' };
const CONNECT_SIGNING: Endpoint = { method: 'POST', route: 'clients/connections/signing' };
const CONNECT: Endpoint = { method: 'POST', route: 'clients/connections' };
const UPDATE: Endpoint = { method: 'PUT', route: 'clients/connections/{connectionId}' };

export function partnerSearchParams(query: WirePartnerListQuery): Record<string, string | undefined> {
  return {
    ids: list(query.ids),
    names: list(query.names),
    institutionIds: list(query.institutionIds),
    institutionIdentifiers: list(query.institutionIdentifiers),
    active: query.active === undefined ? undefined : String(query.active),
    pageNumber: decimal(query.pageNumber),
    pageSize: decimal(query.pageSize),
  };
}

export function listPartners(client: BitGoTransport, enterpriseId: string, query: WirePartnerListQuery, options: CallOptions): Promise<WirePartnersList> {
  return client.get(PARTNERS, `${enterprisePath(enterpriseId)}/partners`, partnerSearchParams(query), options);
}

/** One call for many partners: BitGo answers partner id → currencies. */
export function getSupportedCurrencies(client: BitGoTransport, enterpriseId: string, partnerIds: readonly string[], options: CallOptions): Promise<WireSupportedCurrencies> {
  return client.get(SUPPORTED_CURRENCIES, `${enterprisePath(enterpriseId)}/supportedCurrencies`, { partnerIds: list(partnerIds) }, options);
}

/** POST variant of the connect signing route (some HTTP stacks drop GET bodies). The body holds the key's secrets. */
export function getConnectSigningPayload(client: BitGoTransport, enterpriseId: string, request: WireConnectSigningRequest, options: WriteOptions): Promise<WireSigningPayload> {
  return client.send(CONNECT_SIGNING, `${enterprisePath(enterpriseId)}/clients/connections/signing`, JSON.stringify(request), options);
}

/** Where a signed connect goes: the journal keeps it beside the (sealed) bytes. */
export function connectPath(enterpriseId: string): string {
  return `${enterprisePath(enterpriseId)}/clients/connections`;
}

/**
 * A signed connect, sent once: BitGo keeps no idempotency key for it, so a re-send of these bytes after an answer
 * that was lost could make a second connection. An unknown outcome is settled by reading the connections.
 */
export function createConnection(client: BitGoTransport, path: string, body: string, options: WriteOptions): Promise<WireConnectionAnswer> {
  return client.send(CONNECT, path, body, { ...options, once: true });
}

/**
 * Rename or (de)activate, sent once: its effect is absolute (the name, the flag), so the caller settles an unknown
 * outcome by reading the connection back, and a repeat of the mutation is harmless.
 */
export function updateConnection(client: BitGoTransport, enterpriseId: string, connectionId: string, update: WireConnectionUpdate, options: WriteOptions): Promise<WireConnectionAnswer> {
  return client.send(UPDATE, `${enterprisePath(enterpriseId)}/clients/connections/${enc(connectionId)}`, JSON.stringify(update), { ...options, once: true });
}
