/** The audit trail's query and answer shapes, shared by its tests. */

export const SIGNED_REQUESTS = `
  query($enterpriseId: ID, $filter: SignedRequestFilter, $first: Int, $after: String, $last: Int, $before: String) {
    signedRequests(enterpriseId: $enterpriseId, filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      edges { cursor node { id } }
      nodes {
        id kind state clientExternalId allocationId connectionId amount { currency quantity } payload signatureSha256
        caller attempts createdAt settledAt
        outcome { httpStatus allocationId allocationStatus message }
        events { type at outcome { httpStatus allocationId allocationStatus message } }
      }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;

export interface Outcome {
  httpStatus: number | null;
  allocationId: string | null;
  allocationStatus: string | null;
  message: string | null;
}

export interface Row {
  id: string;
  kind: string;
  state: string;
  clientExternalId: string | null;
  allocationId: string | null;
  connectionId: string | null;
  amount: { currency: string; quantity: string };
  payload: string;
  signatureSha256: string;
  caller: string;
  attempts: number;
  createdAt: string;
  settledAt: string | null;
  outcome: Outcome | null;
  events: Array<{ type: string; at: string; outcome: Outcome | null }>;
}

export interface Page {
  signedRequests: {
    edges: Array<{ cursor: string; node: { id: string } }>;
    nodes: Row[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}
