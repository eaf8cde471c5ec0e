import type { Pool } from 'undici';

/** What the bench hands every gateway it starts (see ../procs.ts). */
export function benchEnv(): { origin: string; token: string; enterpriseId: string } {
  const { BITGO_BASE_URL, BITGO_ACCESS_TOKEN, BITGO_ENTERPRISE_ID } = process.env;
  if (!BITGO_BASE_URL || !BITGO_ACCESS_TOKEN || !BITGO_ENTERPRISE_ID) throw new Error('BITGO_BASE_URL, BITGO_ACCESS_TOKEN and BITGO_ENTERPRISE_ID are required');
  return { origin: new URL(BITGO_BASE_URL).origin, token: BITGO_ACCESS_TOKEN, enterpriseId: BITGO_ENTERPRISE_ID };
}

/** Shapes one upstream page as the bench's list query expects it. */
export function relayPage(rows: readonly WireRow[], size: number): unknown {
  const edges = rows.slice(0, size).map((n) => ({ cursor: Buffer.from(n.id).toString('base64url'), node: { ...n, type: n.type.toUpperCase(), status: n.status.toUpperCase() } }));
  return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
}

export type WireRow = Record<string, unknown> & { id: string; type: string; status: string };

/** One upstream page of `size` + 1 rows, read on a raw undici Pool. */
export async function readPage(pool: Pool, enterpriseId: string, token: string, size: number): Promise<WireRow[]> {
  const answer = await pool.request({ path: listPath(enterpriseId, size), method: 'GET', headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  return ((await answer.body.json()) as { allocations: WireRow[] }).allocations;
}

export function listPath(enterpriseId: string, size: number): string {
  return `/api/network/v1/enterprises/${enterpriseId}/clients/allocations?types=allocation,deallocation&pageNumber=0&pageSize=${size + 1}`;
}

/** The reference gateways' schema: the bench's selection set, nothing more. */
export const PLAIN_TYPE_DEFS = `#graphql
  type Amount { currency: String! quantity: String! }
  type Allocation { id: ID! type: String! status: String! amount: Amount! connectionId: ID! clientExternalId: String partnerExternalId: String
    initiatedBy: String notes: String createdAt: String! updatedAt: String! retriable: Boolean evaluationId: String pendingApprovalId: String policyResult: String reason: String }
  type Edge { cursor: String! node: Allocation! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type AllocationConnection { edges: [Edge!]! pageInfo: PageInfo! }
  type Query { allocations(first: Int = 25): AllocationConnection! }
`;
