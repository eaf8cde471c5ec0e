import { isDeepStrictEqual } from 'node:util';
import { GraphQLError } from 'graphql';
import { ALLOCATE_PAYLOAD_KEYS } from '../../bitgo/wire.types.js';
import { ErrorCode } from '../errors.js';

export interface ExpectedAllocatePayload {
  amount: { currency: string; quantity: string };
  clientExternalId: string;
  nonce: string;
  notes?: string;
  connectionId: string;
  enterpriseId: string;
}

/**
 * Never sign what we did not ask for: the payload BitGo hands back must say
 * exactly our amount, connection, enterprise, idempotency key, nonce and notes,
 * with no other key. Anything else is refused before a signer sees it.
 */
export function checkSigningPayload(payload: string, expected: ExpectedAllocatePayload): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    parsed = undefined;
  }
  const allowed = new Set<string>(ALLOCATE_PAYLOAD_KEYS);
  // Re-serialising must give the same string: this refuses duplicate keys (JSON.parse keeps the last,
  // another parser may keep the first) and any padding, without imposing a key order.
  const ok =
    parsed !== null &&
    JSON.stringify(parsed) === payload &&
    typeof parsed === 'object' &&
    !Array.isArray(parsed) &&
    Object.keys(parsed).every((k) => allowed.has(k)) &&
    isDeepStrictEqual({ ...(parsed as object) }, { ...expected });
  if (!ok) {
    throw new GraphQLError('BitGo returned a signing payload that does not match the request; nothing was signed or submitted', {
      extensions: { code: ErrorCode.UPSTREAM_UNAVAILABLE },
    });
  }
}
