import type { KeyObject } from 'node:crypto';
import { errors, jwtVerify, type JWTPayload } from 'jose';
import { TokenRefusal, type VerifiedWebhookToken, type WebhookTokenVerifier } from './webhook-token.js';

export interface JwtVerifierOptions {
  /** BitGo's public keys (several while a key rotates); a token signed by any of them passes. */
  keys: readonly KeyObject[];
  /** Longest lifetime a token may have, from `iat` to `exp` and from now to `exp`; default 60 s. */
  maxLifetimeSeconds?: number;
  /** Clock difference tolerated between BitGo and this host; default 5 s. */
  clockSkewSeconds?: number;
  /** Milliseconds since the epoch; tests move the clock. */
  now?: () => number;
}

/** Larger than any token BitGo sends; refused before it is parsed. */
const MAX_TOKEN_LENGTH = 8_192;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const MAX_JTI_LENGTH = 256;

/**
 * RS256 only (so `alg: none` and HS256 keyed with the public key are refused before any key is used); `exp` and
 * `jti` required; `exp` in the future, at most `maxLifetime` after `iat` and ahead of now, with the clock skew
 * tolerated on each bound. jose does the signature and the standard claims; the lifetime bounds are ours.
 */
export function createJwtVerifier(options: JwtVerifierOptions): WebhookTokenVerifier {
  const { keys } = options;
  if (keys.length === 0) throw new Error('a JWT verifier needs at least one public key');
  const maxLifetime = options.maxLifetimeSeconds ?? 60;
  const skew = options.clockSkewSeconds ?? 5;
  const now = options.now ?? Date.now;

  return {
    async verify(token: string): Promise<VerifiedWebhookToken> {
      if (token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) throw new TokenRefusal('malformed_token', 'X-BitGo-Signature is not a compact JWT');
      const currentDate = new Date(now());
      let payload: JWTPayload | undefined;
      for (const [i, key] of keys.entries()) {
        try {
          ({ payload } = await jwtVerify(token, key, { algorithms: ['RS256'], clockTolerance: skew, requiredClaims: ['exp', 'jti'], currentDate }));
          break;
        } catch (error) {
          // Another key may have signed it; every other failure is the token's own.
          if (error instanceof errors.JWSSignatureVerificationFailed && i < keys.length - 1) continue;
          throw refusalOf(error);
        }
      }
      return checkLifetime(payload!, currentDate.getTime() / 1000, maxLifetime, skew);
    },
  };
}

function checkLifetime(payload: JWTPayload, nowSeconds: number, maxLifetime: number, skew: number): VerifiedWebhookToken {
  const { exp, iat, jti } = payload;
  if (typeof jti !== 'string' || jti.length === 0 || jti.length > MAX_JTI_LENGTH) {
    throw new TokenRefusal('missing_claim', `the token's jti must be a string of 1 to ${MAX_JTI_LENGTH} characters`);
  }
  // jose has checked that exp is a number in the future (within the skew).
  const expiresAt = exp!;
  if (iat !== undefined) {
    if (iat > nowSeconds + skew) throw new TokenRefusal('not_yet_valid', 'the token was issued in the future');
    if (expiresAt - iat > maxLifetime) throw new TokenRefusal('lifetime_too_long', `the token lives longer than ${maxLifetime} s (exp − iat)`);
  }
  if (expiresAt > nowSeconds + maxLifetime + skew) throw new TokenRefusal('lifetime_too_long', `the token expires more than ${maxLifetime} s from now`);
  return { jti, expiresAt: new Date(expiresAt * 1000) };
}

function refusalOf(error: unknown): TokenRefusal {
  if (error instanceof errors.JOSEAlgNotAllowed) return new TokenRefusal('algorithm_refused', 'the token must be signed RS256');
  if (error instanceof errors.JOSENotSupported) return new TokenRefusal('malformed_token', 'the token uses a JOSE feature this partner does not accept');
  if (error instanceof errors.JWSSignatureVerificationFailed) return new TokenRefusal('bad_signature', 'the token is not signed by BitGo\'s key');
  if (error instanceof errors.JWTExpired) return new TokenRefusal('expired', 'the token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return new TokenRefusal('missing_claim', `the token has no ${error.claim} claim`);
    if (error.claim === 'nbf' || error.claim === 'iat') return new TokenRefusal('not_yet_valid', `the token's ${error.claim} is in the future`);
    return new TokenRefusal('malformed_token', `the token's ${error.claim} claim is invalid`);
  }
  return new TokenRefusal('malformed_token', 'X-BitGo-Signature is not a valid JWT');
}
