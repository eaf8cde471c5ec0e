/** Something that can produce BitGo trading-account signatures over a payload string. */
export interface Signer {
  readonly kind: 'local' | 'express';
  /** Compressed public key (hex) when known; the local signer always knows it. */
  readonly publicKeyHex: string | undefined;
  /** Sign the exact payload string; answers the 130-char lowercase-hex compact signature. */
  sign(payload: string): Promise<string>;
}

export type SigningErrorCode =
  /** The signer could not be reached or did not answer in time; retrying later may help. */
  | 'SIGNER_UNAVAILABLE'
  /** The signer answered but refused (bad passphrase, token, wallet, request). */
  | 'SIGNER_REJECTED'
  /** A signature came back that does not verify over our payload with the expected key. */
  | 'SIGNATURE_INVALID'
  /** The signer's own configuration is wrong (malformed key, URL, public key). */
  | 'SIGNER_MISCONFIGURED'
  /** The payload itself cannot be signed safely; no signer was asked. */
  | 'PAYLOAD_INVALID';

/**
 * The only error type the signing module lets out.
 * Its message is written by us and never carries a key, passphrase, payload or signature;
 * there is deliberately no `cause`, because underlying errors (HTTP clients in particular)
 * keep the request body, which holds the passphrase and payload.
 */
export class SigningError extends Error {
  readonly code: SigningErrorCode;
  /** HTTP status from BitGo Express, when that is what failed. */
  readonly status: number | undefined;

  constructor(code: SigningErrorCode, message: string, status?: number) {
    super(message);
    this.name = 'SigningError';
    this.code = code;
    this.status = status;
  }
}
