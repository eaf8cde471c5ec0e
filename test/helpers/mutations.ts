import type { Stack } from './stack.js';

export const ALLOCATE = `
  mutation Allocate($input: AllocateInput!) {
    allocate(input: $input) {
      clientExternalId
      allocation { id type status retriable reason connectionId clientExternalId amount { currency quantity } }
      userErrors { field message code }
    }
  }`;

export const DEALLOCATE = ALLOCATE.replace('mutation Allocate', 'mutation Deallocate').replace('allocate(input', 'deallocate(input');

export const UPDATE = `
  mutation Update($input: UpdateAllocationInput!) {
    updateAllocation(input: $input) {
      allocation { id status reason amount { currency quantity } }
      userErrors { field message code }
    }
  }`;

export interface AllocateResult {
  clientExternalId: string;
  allocation: {
    id: string;
    type: string;
    status: string;
    retriable: boolean;
    reason: string | null;
    connectionId: string;
    clientExternalId: string;
    amount: { currency: string; quantity: string };
  } | null;
  userErrors: Array<{ field: string[] | null; message: string; code: string }>;
}

export async function allocate(stack: Stack, input: Record<string, unknown>, headers?: Record<string, string>) {
  const res = await stack.gql<{ allocate: AllocateResult }>(ALLOCATE, { input }, headers);
  return { ...res, payload: res.data?.allocate };
}

export async function deallocate(stack: Stack, input: Record<string, unknown>) {
  const res = await stack.gql<{ deallocate: AllocateResult }>(DEALLOCATE, { input });
  return { ...res, payload: res.data?.deallocate };
}

/** POSTs that reached the sandbox's write routes (not the signing-payload routes). */
export function writeCalls(stack: Stack): number {
  return stack.sandbox.requests.count({ method: 'POST', path: /\/(allocations|deallocations)$/ });
}
