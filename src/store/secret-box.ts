import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Authenticated encryption (AES-256-GCM) of the journal columns that hold a secret: the body of a connect, which
 * carries the connection key's API secret or connection token because BitGo needs it re-sent as it was signed. One
 * 32-byte key the operator holds (JOURNAL_SECRET_KEY), from which HKDF derives the cipher key, the digest key and a
 * short key id written with every sealed value, so a replica holding another key says so instead of failing
 * obscurely. Each value is bound to its row by `context` (the additional authenticated data): sealed bytes copied to
 * another row do not open.
 */

const PREFIX = 'sealed:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

export class SecretBox {
  readonly keyId: string;
  readonly #cipherKey: Buffer;
  readonly #digestKey: Buffer;

  constructor(key: Uint8Array) {
    if (key.length !== 32) throw new SecretBoxError('the journal secret key must be 32 bytes');
    const derive = (label: string) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `bitgo-gateway/journal/${label}`, 32));
    this.#cipherKey = derive('seal');
    this.#digestKey = derive('digest');
    this.keyId = derive('id').subarray(0, 6).toString('hex');
  }

  /** A fresh box with a random key: for a journal that lives in one process's memory and dies with it. */
  static ephemeral(): SecretBox {
    return new SecretBox(randomBytes(32));
  }

  seal(plain: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#cipherKey, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const sealed = Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${PREFIX}${this.keyId}:${sealed.toString('base64url')}`;
  }

  /** The plain text, or SecretBoxError (never the value) when it was sealed under another key, for another row, or altered. */
  open(sealed: string, context: string): string {
    const parts = parse(sealed);
    if (parts.keyId !== this.keyId) throw new SecretBoxError(`sealed under journal key ${parts.keyId}, not this gateway's ${this.keyId}`);
    const iv = parts.bytes.subarray(0, IV_BYTES);
    const tag = parts.bytes.subarray(parts.bytes.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.#cipherKey, iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(parts.bytes.subarray(IV_BYTES, parts.bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('a sealed value did not authenticate: altered, or sealed for another row');
    }
  }

  /**
   * A keyed digest (HMAC-SHA-256) of a secret: two requests carrying the same key are told apart from two that do
   * not, without the secret being stored, and without a digest anyone could test guesses against.
   */
  digest(plain: string): string {
    return createHmac('sha256', this.#digestKey).update(plain, 'utf8').digest('hex');
  }

  /** Constant-time comparison of two digests. */
  static sameDigest(a: string, b: string): boolean {
    return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
  }
}

export function isSealed(text: string): boolean {
  return text.startsWith(PREFIX);
}

function parse(sealed: string): { keyId: string; bytes: Buffer } {
  if (!isSealed(sealed)) throw new SecretBoxError('not a sealed value');
  const rest = sealed.slice(PREFIX.length);
  const colon = rest.indexOf(':');
  const bytes = Buffer.from(rest.slice(colon + 1), 'base64url');
  if (colon < 1 || bytes.length < IV_BYTES + TAG_BYTES) throw new SecretBoxError('a sealed value is malformed');
  return { keyId: rest.slice(0, colon), bytes };
}

/**
 * The boxes this process holds, by key id: a journal row sealed by any gateway of this process opens with the box
 * its key id names, whoever sends it (the mutation, the reconciler, whichever kind). Boxes are added when a gateway
 * is assembled; a key never leaves the process.
 */
const KEYRING = new Map<string, SecretBox>();

export function holdSecretBox(box: SecretBox): void {
  KEYRING.set(box.keyId, box);
}

/** Opens a sealed journal value with the box its key id names; SecretBoxError when this process holds none. */
export function openSealed(sealed: string, context: string): string {
  const { keyId } = parse(sealed);
  const box = KEYRING.get(keyId);
  if (!box) throw new SecretBoxError(`sealed under journal key ${keyId}, which this gateway does not hold: configure the same JOURNAL_SECRET_KEY on every replica`);
  return box.open(sealed, context);
}
