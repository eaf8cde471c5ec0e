import { TokenRefusal, type JwtIdRegistry, type VerifiedWebhookToken, type WebhookTokenVerifier } from './webhook-token.js';

export interface BitGoSignatureDeps {
  verifier: WebhookTokenVerifier;
  jwtIds: JwtIdRegistry;
}

/**
 * The whole check of one inbound call's `X-BitGo-Signature` header: present and single, a token BitGo signed and
 * that is current, and an id never accepted before (the registry makes that durable and shared by replicas).
 * The id is taken only once everything else passed, so a refused token burns nothing.
 */
export async function checkBitGoSignature(header: string | string[] | undefined, deps: BitGoSignatureDeps): Promise<VerifiedWebhookToken> {
  if (header === undefined || header === '') throw new TokenRefusal('missing_signature', 'X-BitGo-Signature header is required');
  if (Array.isArray(header)) throw new TokenRefusal('malformed_token', 'X-BitGo-Signature must be sent once');
  const token = await deps.verifier.verify(header.trim());
  if (!(await deps.jwtIds.accept(token.jti, token.expiresAt))) throw new TokenRefusal('replayed', 'this X-BitGo-Signature was already used');
  return token;
}
