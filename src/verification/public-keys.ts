import { createPublicKey, type KeyObject } from 'node:crypto';

const PEM_BLOCK = /-----BEGIN ([A-Z ]+)-----[\s\S]*?-----END \1-----/g;

/** BitGo's webhook key is 2048-bit RSA; anything weaker is refused at start-up rather than trusted. */
export const MIN_RSA_BITS = 2048;

/**
 * Every PEM public key in `text` (one, or several during a key rotation), each checked to be RSA of at least
 * 2048 bits. Throws an Error that names the problem and never echoes the text.
 */
export function parseRsaPublicKeys(text: string): KeyObject[] {
  const blocks = text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) throw new Error('holds no PEM public key (-----BEGIN PUBLIC KEY----- … -----END PUBLIC KEY-----)');
  return blocks.map((block, i) => {
    const which = blocks.length > 1 ? ` (key ${i + 1} of ${blocks.length})` : '';
    let key: KeyObject;
    try {
      key = createPublicKey(block);
    } catch {
      throw new Error(`is not a readable PEM public key${which}`);
    }
    if (key.asymmetricKeyType !== 'rsa') throw new Error(`must be an RSA public key for RS256${which} (got ${key.asymmetricKeyType ?? 'unknown'})`);
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < MIN_RSA_BITS) throw new Error(`must be an RSA key of at least ${MIN_RSA_BITS} bits${which} (got ${bits})`);
    return key;
  });
}
