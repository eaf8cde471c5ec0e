import { messageVerifier, type MessageVerifier } from './bitcoin-message.js';
import { LONE_SURROGATE, SIGNATURE_HEX } from '../common/patterns.js';
import { SigningError, type Signer } from './signer.js';

export interface SigningServiceOptions {
  /** Largest payload (UTF-8 bytes) worth signing; BitGo payloads are well under 1 KiB. Default 1 MiB. */
  maxPayloadBytes?: number;
}


/**
 * The gateway's one entry point for signatures: screens input before any signer is asked,
 * and re-verifies every signature against the known key so a faulty signer cannot send BitGo garbage.
 */
export class SigningService {
  readonly #signer: Signer;
  readonly #maxPayloadBytes: number;
  /** Built for the signer's key the first time it is known: one table per key makes each check a quarter of a recovery. */
  #verifier: { publicKeyHex: string; verify: MessageVerifier } | undefined;

  constructor(signer: Signer, options: SigningServiceOptions = {}) {
    this.#signer = signer;
    this.#maxPayloadBytes = options.maxPayloadBytes ?? 1024 * 1024;
  }

  get kind(): Signer['kind'] {
    return this.#signer.kind;
  }

  get publicKeyHex(): string | undefined {
    return this.#signer.publicKeyHex;
  }

  async sign(payload: string): Promise<string> {
    checkPayload(payload, this.#maxPayloadBytes);
    let signature: string;
    try {
      signature = await this.#signer.sign(payload);
    } catch (error) {
      if (error instanceof SigningError) throw error;
      // A foreign error may carry request bodies or key material; keep only the fact that it failed.
      throw new SigningError('SIGNER_UNAVAILABLE', 'the signer failed unexpectedly');
    }
    if (typeof signature !== 'string' || !SIGNATURE_HEX.test(signature)) {
      const what = 'a 130-character lowercase hex signature';
      throw new SigningError('SIGNATURE_INVALID', `the ${this.#signer.kind} signer did not answer ${what}`);
    }
    // Read after signing: the Express signer learns its key from its first answer.
    const publicKeyHex = this.#signer.publicKeyHex;
    if (publicKeyHex !== undefined && !this.#verifierFor(publicKeyHex)(payload, signature)) {
      throw new SigningError('SIGNATURE_INVALID', `the ${this.#signer.kind} signer produced a signature that does not verify`);
    }
    return signature;
  }

  #verifierFor(publicKeyHex: string): MessageVerifier {
    if (this.#verifier?.publicKeyHex !== publicKeyHex) {
      let verify: MessageVerifier;
      try {
        verify = messageVerifier(publicKeyHex);
      } catch {
        // A key that is not a point on the curve verifies nothing.
        verify = () => false;
      }
      this.#verifier = { publicKeyHex, verify };
    }
    return this.#verifier.verify;
  }

  toJSON(): { kind: Signer['kind']; publicKeyHex: string | undefined } {
    return { kind: this.kind, publicKeyHex: this.publicKeyHex };
  }
}

function checkPayload(payload: unknown, maxBytes: number): asserts payload is string {
  if (typeof payload !== 'string') throw new SigningError('PAYLOAD_INVALID', 'payload must be a string');
  if (payload.length === 0) throw new SigningError('PAYLOAD_INVALID', 'payload is empty');
  if (LONE_SURROGATE.test(payload)) {
    throw new SigningError('PAYLOAD_INVALID', 'payload is not well-formed Unicode (it has a lone surrogate)');
  }
  if (Buffer.byteLength(payload, 'utf8') > maxBytes) {
    throw new SigningError('PAYLOAD_INVALID', `payload is larger than ${maxBytes} bytes`);
  }
}
