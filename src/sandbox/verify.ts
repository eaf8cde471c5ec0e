import type { Books } from './books.js';
import { HttpError, badRequest } from './http.js';
import { recoverSigner } from './message-signature.js';

const SIGNATURE_HEX = /^[0-9a-fA-F]{130}$/;

/**
 * The payload must be exactly what the server would build from the request:
 * anything else (a different value, or the same fields in another key order)
 * means the signed text and the acted-on fields could differ.
 */
export function checkPayload(sent: string, expected: string): void {
  if (sent !== expected) throw badRequest('payload does not match the request fields; sign the canonical payload from the signing endpoint');
}

/**
 * A signature that is not 65 bytes of hex is malformed input (400, as the
 * spec lists "invalid signature format" under 400); a well-formed one that no
 * registered key of the enterprise produced is an authentication failure
 * (401, as the spec lists "Payload/Signature are not valid" under 401).
 */
export function checkSignature(books: Books, enterpriseId: string, payload: string, signature: string): void {
  if (!SIGNATURE_HEX.test(signature)) throw badRequest('malformed signature: expected 65 bytes as hex');
  const signer = recoverSigner(payload, signature);
  if (signer === undefined || !books.isSigningKey(enterpriseId, signer)) throw new HttpError(401, 'invalid signature');
}
