import { inspect } from 'node:util';
import ky from 'ky';
import { bytesToHex } from '@noble/hashes/utils.js';
import { recoverPublicKey, verifyMessage } from './bitcoin-message.js';
import { parsePublicKey } from './extended-key.js';
import { payloadForExpress } from './express-payload.js';
import { SigningError, type Signer } from './signer.js';
import { isCompressedHeader } from './signature-format.js';
import { SIGNATURE_HEX } from '../common/patterns.js';

export interface ExpressSignerOptions {
  /** Base URL of BitGo Express, e.g. `http://localhost:3080`. */
  expressUrl: string;
  /** The OFC (trading account) wallet whose user key signs. */
  walletId: string;
  walletPassphrase?: string;
  /** Bearer token Express forwards to BitGo. */
  accessToken?: string;
  /** Expected signing key (compressed hex or xpub). Without it the first good signature's key is pinned. */
  publicKeyHex?: string;
  /** Per-request limit; default 15 s. */
  timeoutMs?: number;
}

const SIGN_PATH = '/api/v2/ofc/signPayload';
const ERROR_CODE = /^[A-Z][A-Z0-9_]{1,40}$/;

/** Asks BitGo Express to sign with the wallet's trading-account key, then checks what comes back. */
export class ExpressSigner implements Signer {
  readonly kind = 'express' as const;
  readonly walletId: string;
  readonly #endpoint: string;
  readonly #passphrase: string | undefined;
  readonly #accessToken: string | undefined;
  readonly #timeoutMs: number;
  #publicKeyHex: string | undefined;

  constructor(options: ExpressSignerOptions) {
    this.#endpoint = endpointOf(options.expressUrl);
    if (typeof options.walletId !== 'string' || options.walletId.trim() === '') {
      throw new SigningError('SIGNER_MISCONFIGURED', 'BitGo Express signer needs a wallet id');
    }
    this.walletId = options.walletId;
    this.#passphrase = options.walletPassphrase;
    this.#accessToken = options.accessToken;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    if (options.publicKeyHex !== undefined) {
      this.#publicKeyHex = parsePublicKey(options.publicKeyHex);
      if (this.#publicKeyHex === undefined) {
        throw new SigningError('SIGNER_MISCONFIGURED', 'expected signing public key is not a secp256k1 public key or xpub');
      }
    }
  }

  get publicKeyHex(): string | undefined {
    return this.#publicKeyHex;
  }

  async sign(payload: string): Promise<string> {
    // Refuse before any request: a payload Express would re-serialise differently must never be sent.
    const value = payloadForExpress(payload);
    const body: Record<string, unknown> = { walletId: this.walletId, payload: value };
    if (this.#passphrase !== undefined) body['walletPassphrase'] = this.#passphrase;
    const answer = await this.#post(body);
    return this.#checkAnswer(payload, answer);
  }

  async #post(body: Record<string, unknown>): Promise<unknown> {
    let response: Response;
    try {
      response = await ky.post(this.#endpoint, {
        json: body,
        headers: this.#accessToken ? { authorization: `Bearer ${this.#accessToken}` } : {},
        timeout: this.#timeoutMs,
        // Retrying is the caller's decision; ky's errors also carry the request body, so none escape here.
        retry: 0,
        throwHttpErrors: false,
      });
    } catch (error) {
      throw unreachable(error);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw httpFailure(response.status);
    }
    try {
      return JSON.parse(await response.text()) as unknown;
    } catch {
      throw new SigningError('SIGNER_UNAVAILABLE', 'BitGo Express answered something that is not JSON', response.status);
    }
  }

  #checkAnswer(payload: string, answer: unknown): string {
    if (!isSignedAnswer(answer)) {
      throw new SigningError('SIGNATURE_INVALID', 'BitGo Express did not answer a 65-byte hex signature');
    }
    if (answer.payload !== payload) {
      throw new SigningError('SIGNATURE_INVALID', 'BitGo Express signed a different payload string from the one sent');
    }
    const signature = answer.signature.toLowerCase();
    // BitGo verifies with the compressed key; an uncompressed-range header would not verify there.
    if (!isCompressedHeader(Number.parseInt(signature.slice(0, 2), 16))) {
      throw new SigningError('SIGNATURE_INVALID', 'BitGo Express signature is not a compressed-key signature');
    }
    let recovered: string;
    try {
      recovered = bytesToHex(recoverPublicKey(payload, signature));
    } catch {
      throw new SigningError('SIGNATURE_INVALID', 'BitGo Express signature does not recover to a public key');
    }
    const expected = this.#publicKeyHex ?? recovered;
    if (recovered !== expected) {
      throw new SigningError('SIGNATURE_INVALID', 'BitGo Express signed with a key other than the expected one');
    }
    if (!verifyMessage(expected, payload, signature)) {
      throw new SigningError('SIGNATURE_INVALID', 'BitGo Express signature does not verify (not low-S or malformed)');
    }
    // Pin the first key that signed correctly, so a later answer from another key (a misrouted wallet) is caught;
    // a bad first answer must not pin whatever key its garbage happens to recover to.
    this.#publicKeyHex ??= recovered;
    return signature;
  }

  toJSON(): { kind: 'express'; walletId: string; publicKeyHex: string | undefined } {
    return { kind: this.kind, walletId: this.walletId, publicKeyHex: this.#publicKeyHex };
  }

  [inspect.custom](): string {
    const key = this.#publicKeyHex === undefined ? 'undefined' : `'${this.#publicKeyHex}'`;
    return `ExpressSigner { kind: 'express', walletId: '${this.walletId}', publicKeyHex: ${key} }`;
  }

  toString(): string {
    return `ExpressSigner(express, ${this.walletId})`;
  }
}

function isSignedAnswer(answer: unknown): answer is { payload: unknown; signature: string } {
  if (typeof answer !== 'object' || answer === null) return false;
  const signature = (answer as { signature?: unknown }).signature;
  return typeof signature === 'string' && SIGNATURE_HEX.test(signature.toLowerCase());
}

function endpointOf(expressUrl: string): string {
  let url: URL;
  try {
    url = new URL(expressUrl);
  } catch {
    throw new SigningError('SIGNER_MISCONFIGURED', 'BitGo Express URL is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SigningError('SIGNER_MISCONFIGURED', 'BitGo Express URL must be http:// or https://');
  }
  if (url.username || url.password) {
    // fetch refuses such URLs anyway, and they would put a secret in every log line that shows the URL.
    throw new SigningError('SIGNER_MISCONFIGURED', 'BitGo Express URL must not contain credentials; use an access token');
  }
  if (url.search || url.hash) {
    throw new SigningError('SIGNER_MISCONFIGURED', 'BitGo Express URL must not have a query or fragment');
  }
  // Keep any path prefix (Express behind a reverse proxy).
  return url.href.replace(/\/+$/, '') + SIGN_PATH;
}

function unreachable(error: unknown): SigningError {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new SigningError('SIGNER_UNAVAILABLE', 'BitGo Express did not answer in time');
  }
  // Only a bare system code (ECONNREFUSED, ENOTFOUND…) is copied: it cannot hold a secret.
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' && ERROR_CODE.test(cause.code) ? ` (${cause.code})` : '';
  return new SigningError('SIGNER_UNAVAILABLE', `BitGo Express could not be reached${code}`);
}

function httpFailure(status: number): SigningError {
  if (status === 401 || status === 403) {
    const hint = 'check the wallet passphrase and access token';
    return new SigningError('SIGNER_REJECTED', `BitGo Express refused to sign (HTTP ${status}): ${hint}`, status);
  }
  if (status === 404) {
    const hint = 'check the Express URL and wallet id';
    return new SigningError('SIGNER_MISCONFIGURED', `BitGo Express answered HTTP 404: ${hint}`, status);
  }
  if (status === 408 || status === 429 || status >= 500) {
    return new SigningError('SIGNER_UNAVAILABLE', `BitGo Express failed (HTTP ${status})`, status);
  }
  return new SigningError('SIGNER_REJECTED', `BitGo Express refused to sign (HTTP ${status})`, status);
}
