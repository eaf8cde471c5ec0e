import { randomUUID } from 'node:crypto';
import { connectionSearchParams, balanceSearchParams } from '../../src/bitgo/connections.api.js';
import type { WireBalancesQuery, WireClientBalances, WireConnection, WireConnectionListQuery, WirePartnerBalances, WireView } from '../../src/bitgo/wire.types.js';
import type { Connection, StartedSandbox } from '../../src/sandbox/index.js';

const API = '/api/network/v1/enterprises';

async function get<T>(sandbox: StartedSandbox, path: string, params: Record<string, string | undefined>, token = sandbox.token): Promise<T> {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) search.set(k, v);
  const res = await fetch(`${sandbox.url}${API}/${path}?${search}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`reference ${path} answered ${res.status}`);
  return (await res.json()) as T;
}

/** Every connection straight from the sandbox's REST list, in its order: the reference the gateway must reproduce. */
export async function restConnections(
  sandbox: StartedSandbox,
  query: WireConnectionListQuery = {},
  view: WireView = 'client',
  enterpriseId = view === 'client' ? sandbox.enterpriseId : sandbox.partnerEnterpriseId,
  token = sandbox.token,
): Promise<WireConnection[]> {
  const out: WireConnection[] = [];
  for (let pageNumber = 0; ; pageNumber++) {
    const params = connectionSearchParams(view, { ...query, pageNumber, pageSize: 1000 });
    const { connections } = await get<{ connections: WireConnection[] }>(sandbox, `${enterpriseId}/${view}s/connections`, params, token);
    out.push(...connections);
    if (connections.length < 1000) return out;
  }
}

export function restClientBalances(sandbox: StartedSandbox, query: WireBalancesQuery = {}, enterpriseId = sandbox.enterpriseId, token = sandbox.token): Promise<WireClientBalances> {
  return get(sandbox, `${enterpriseId}/clients/balances`, balanceSearchParams('client', { pageSize: 1000, ...query }), token);
}

export function restPartnerBalances(sandbox: StartedSandbox, query: WireBalancesQuery = {}, enterpriseId = sandbox.partnerEnterpriseId): Promise<WirePartnerBalances> {
  return get(sandbox, `${enterpriseId}/partners/balances`, balanceSearchParams('partner', { pageSize: 1000, ...query }));
}

/** A wire balance record as the GraphQL list of CurrencyBalance, in BitGo's order. */
export function asCurrencyBalances(record: Record<string, { available: string; held: string }> | undefined): Array<{ currency: string; available: string; held: string }> {
  return Object.entries(record ?? {}).map(([currency, b]) => ({ currency, available: b.available, held: b.held }));
}

export type ConnectionSeed = Pick<Connection, 'name' | 'partnerId' | 'createdAt' | 'active'> & Partial<Connection>;

/**
 * A client enterprise of its own in the sandbox, with a token that sees only it and exactly `connections`
 * (initialized, so they appear in the balances report too). Nothing of the demo cast changes.
 */
export function freshClient(sandbox: StartedSandbox, connections: readonly ConnectionSeed[]): { enterpriseId: string; token: string; ids: string[] } {
  const enterpriseId = randomUUID();
  const token = `test-token-${randomUUID()}`;
  sandbox.books.addEnterprise({ id: enterpriseId, name: `Client ${enterpriseId.slice(0, 8)}`, oesLicence: true });
  sandbox.books.addToken(token, { enterprises: [enterpriseId], scopes: ['settlement_network_read'], userId: 'test-user' });
  const ids = connections.map((seed, i) => {
    const id = seed.id ?? randomUUID();
    sandbox.books.addConnection({
      clientId: enterpriseId,
      networkAccountId: randomUUID(),
      partnerInstitutionIdentifier: `PARTNER-${seed.partnerId.slice(0, 4)}`,
      updatedAt: seed.createdAt,
      proof: `proof-${i}`,
      nonce: `nonce-${i}`,
      async: false,
      trustOrg: 'BitGo Trust',
      partnersConnectionId: `pc-${id}`,
      partnersClientId: `pcl-${enterpriseId}`,
      initialized: true,
      ...seed,
      id,
    } as Connection);
    return id;
  });
  return { enterpriseId, token, ids };
}
