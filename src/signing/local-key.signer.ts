import { inspect } from 'node:util';
import { signMessage } from './bitcoin-message.js';
import { parseXprv } from './extended-key.js';
import { SigningError, type Signer } from './signer.js';

/** Signs in-process with the trading account's user key. */
export class LocalKeySigner implements Signer {
  readonly kind = 'local' as const;
  readonly publicKeyHex: string;
  // A true private field: not enumerable, not reachable by reflection, not copied by spread or structuredClone.
  readonly #key: Uint8Array;

  constructor(xprv: string) {
    const parsed = parseXprv(xprv);
    if (!parsed.ok) {
      throw new SigningError(
        'SIGNER_MISCONFIGURED',
        parsed.reason === 'public-only'
          ? 'the signing key is an extended public key; the local signer needs the extended private key (xprv…)'
          : 'the signing key is not a BIP32 extended private key (xprv…)',
      );
    }
    this.#key = parsed.privateKey;
    this.publicKeyHex = parsed.publicKeyHex;
  }

  async sign(payload: string): Promise<string> {
    try {
      return signMessage(this.#key, payload);
    } catch {
      // The only inputs that fail are payloads we cannot encode; say so without quoting them.
      throw new SigningError('PAYLOAD_INVALID', 'payload cannot be signed: it must be a well-formed Unicode string');
    }
  }

  // Logging, JSON serialisation and string interpolation all end up in one of these three.
  toJSON(): { kind: 'local'; publicKeyHex: string } {
    return { kind: this.kind, publicKeyHex: this.publicKeyHex };
  }

  [inspect.custom](): string {
    return `LocalKeySigner { kind: 'local', publicKeyHex: '${this.publicKeyHex}' }`;
  }

  toString(): string {
    return `LocalKeySigner(local, ${this.publicKeyHex})`;
  }
}
