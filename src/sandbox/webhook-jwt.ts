import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';

/**
 * The sandbox's stand-in for BitGo's webhook key: 2048-bit RSA made on first use (so sandboxes that never call a
 * partner never pay for it), and JWTs signed RS256 with node:crypto, each with a fresh `jti` and a lifetime of
 * `lifetimeSeconds` (one minute, BitGo's documented limit).
 */
export class WebhookSigningKey {
  #keys: { privateKey: KeyObject; publicKeyPem: string } | undefined;

  constructor(private readonly lifetimeSeconds = 60) {}

  /** What a partner configures to trust this sandbox (BITGO_WEBHOOK_PUBLIC_KEY). */
  get publicKeyPem(): string {
    return this.#pair().publicKeyPem;
  }

  /** A new token for one call: iat now, exp iat + lifetime, a fresh jti. */
  token(nowMs = Date.now()): string {
    const iat = Math.floor(nowMs / 1000);
    const input = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ iss: 'bitgo-sandbox', iat, exp: iat + this.lifetimeSeconds, jti: randomUUID() })}`;
    // RS256: RSASSA-PKCS1-v1_5 with SHA-256, node:crypto's default padding for an RSA key.
    return `${input}.${sign('sha256', Buffer.from(input), this.#pair().privateKey).toString('base64url')}`;
  }

  #pair() {
    if (!this.#keys) {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      this.#keys = { privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
    }
    return this.#keys;
  }
}

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
