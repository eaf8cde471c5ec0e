/**
 * What the gateway checks of BitGo's signed calls to a partner (`X-BitGo-Signature`: a JWT, RS256, short-lived,
 * with a one-time id). The checks are small functions behind two ports: a verifier of the token itself, and a
 * registry of ids already accepted (durable and shared by every replica: the store implements it).
 */

/** Why a call's signature was refused; stable, for logs and the refusal metric. Never carries the token. */
export const TOKEN_REFUSAL_REASONS = [
  'missing_signature',
  'malformed_token',
  'algorithm_refused',
  'bad_signature',
  'missing_claim',
  'expired',
  'lifetime_too_long',
  'not_yet_valid',
  'replayed',
] as const;
export type TokenRefusalReason = (typeof TOKEN_REFUSAL_REASONS)[number];

export class TokenRefusal extends Error {
  override readonly name = 'TokenRefusal';

  constructor(
    readonly reason: TokenRefusalReason,
    message: string,
  ) {
    super(message);
  }
}

/** The claims the gateway relies on, once the token is proven BitGo's and current. */
export interface VerifiedWebhookToken {
  jti: string;
  expiresAt: Date;
}

export interface WebhookTokenVerifier {
  /** The token's one-time id and expiry; throws TokenRefusal for anything else. Reads nothing but the token and the clock. */
  verify(token: string): Promise<VerifiedWebhookToken>;
}

/** Ids of tokens already accepted: `accept` is true exactly once per id, across replicas and restarts. */
export interface JwtIdRegistry {
  accept(jti: string, expiresAt: Date): Promise<boolean>;
  /**
   * Gives back an id whose call failed on our side (a 5xx: nothing was decided, BitGo may retry it). Safe because
   * every inbound write is idempotent: a retry of a call whose write did commit answers what it wrote.
   */
  release(jti: string): Promise<void>;
}
