import { SigningError } from './signer.js';

/**
 * BitGo Express (normal mode) signs `JSON.stringify(body.payload)`, so it must receive the payload as the
 * parsed JSON value: a string would be signed with its quotes and escapes. That only yields our exact
 * string when the string is what JSON.stringify would write for its own parse — not true for whitespace,
 * duplicate keys, integer-like keys (JS moves them first), numbers beyond double precision, or escapes.
 * Answers the value to send, or throws PAYLOAD_INVALID without quoting the payload.
 */
export function payloadForExpress(payload: string): Record<string, unknown> {
  if (typeof payload !== 'string') throw invalid('payload must be a string');
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    throw invalid('payload is not JSON, so BitGo Express cannot sign it exactly');
  }
  // Only objects: Express refuses falsy payloads, and newer Express versions treat a JSON string
  // payload as already stringified, so scalars and strings would be signed differently across versions.
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalid('payload must be a JSON object to be signed by BitGo Express');
  }
  if (JSON.stringify(parsed) !== payload) {
    throw invalid(
      'payload does not survive a JSON round trip unchanged (spacing, key order, number precision or escapes), ' +
        'so BitGo Express would sign a different string',
    );
  }
  return parsed as Record<string, unknown>;
}

function invalid(message: string): SigningError {
  return new SigningError('PAYLOAD_INVALID', message);
}
