import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToNumberBE } from '@noble/curves/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { LONE_SURROGATE, SIGNATURE_HEX } from '../common/patterns.js';
import { COMPRESSED_HEADER_BASE, isCompressedHeader, SIGNATURE_BYTES, UNCOMPRESSED_HEADER_BASE } from './signature-format.js';

/**
 * The "Bitcoin signed message" scheme BitGo uses for trading-account payloads:
 * double SHA-256 over the magic prefix, a varint length and the UTF-8 payload;
 * RFC 6979 ECDSA with low-S; a 65-byte compact signature whose header is
 * 31 + recovery id (the compressed-key range), as lowercase hex.
 * Pure functions: no I/O, no logging, and nothing retained but the public-key
 * table a `messageVerifier` keeps.
 */

const MAGIC = utf8ToBytes('\x18Bitcoin Signed Message:\n');

function varint(n: number): Uint8Array {
  if (n < 0xfd) return Uint8Array.of(n);
  if (n <= 0xffff) return Uint8Array.of(0xfd, n & 0xff, n >>> 8);
  if (n <= 0xffffffff) return Uint8Array.of(0xfe, n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24);
  throw new RangeError('message too long');
}

/** The 32-byte digest that is actually signed. */
export function messageHash(payload: string): Uint8Array {
  if (typeof payload !== 'string') throw new TypeError('payload must be a string');
  if (LONE_SURROGATE.test(payload)) throw new TypeError('payload must be well-formed Unicode (no lone surrogates)');
  const body = utf8ToBytes(payload);
  const len = varint(body.length);
  const buf = new Uint8Array(MAGIC.length + len.length + body.length);
  buf.set(MAGIC, 0);
  buf.set(len, MAGIC.length);
  buf.set(body, MAGIC.length + len.length);
  return sha256(sha256(buf));
}

/** Sign `payload` with a 32-byte secp256k1 private key; answers 130 lowercase hex characters. */
export function signMessage(privateKey: Uint8Array, payload: string): string {
  if (!(privateKey instanceof Uint8Array) || privateKey.length !== 32) throw new TypeError('private key must be 32 bytes');
  // noble's 'recovered' format is recovery byte || r || s.
  const rec = secp256k1.sign(messageHash(payload), privateKey, { prehash: false, lowS: true, format: 'recovered' });
  const out = new Uint8Array(SIGNATURE_BYTES);
  out[0] = COMPRESSED_HEADER_BASE + rec[0]!;
  out.set(rec.subarray(1), 1);
  return bytesToHex(out);
}

/** Recover the compressed public key from a compact signature; throws on malformed input. */
export function recoverPublicKey(payload: string, signatureHex: string): Uint8Array {
  if (typeof signatureHex !== 'string' || !SIGNATURE_HEX.test(signatureHex)) {
    throw new TypeError('signature must be 65 bytes of lowercase hex');
  }
  const sig = hexToBytes(signatureHex);
  const header = sig[0]!;
  let recovery: number;
  if (isCompressedHeader(header)) recovery = header - COMPRESSED_HEADER_BASE;
  else if (header >= UNCOMPRESSED_HEADER_BASE && header < UNCOMPRESSED_HEADER_BASE + 4) recovery = header - UNCOMPRESSED_HEADER_BASE;
  else throw new TypeError('signature header byte out of range');
  const rec = new Uint8Array(SIGNATURE_BYTES);
  rec[0] = recovery;
  rec.set(sig.subarray(1), 1);
  return secp256k1.recoverPublicKey(rec, messageHash(payload), { prehash: false });
}

/**
 * True when `signatureHex` is a valid low-S, compressed-key (header 31..34) signature of `payload`
 * by `publicKey` (33 or 65 bytes, or hex).
 */
export function verifyMessage(publicKey: Uint8Array | string, payload: string, signatureHex: string): boolean {
  try {
    if (typeof signatureHex !== 'string' || !SIGNATURE_HEX.test(signatureHex)) return false;
    const expected = typeof publicKey === 'string' ? hexToBytes(publicKey) : publicKey;
    const full = hexToBytes(signatureHex);
    // An uncompressed-range header (27..30) with the same r, s and recovery id would otherwise pass,
    // yet a Bitcoin-message verifier (BitGo's) derives the uncompressed address from it and rejects it.
    if (!isCompressedHeader(full[0]!)) return false;
    // Recovery is one double multiplication, like verify: a key recovered from a
    // low-S signature that equals the expected key proves the signature valid.
    const s = secp256k1.Signature.fromBytes(full.subarray(1), 'compact');
    if (s.hasHighS()) return false;
    const recovered = recoverPublicKey(payload, signatureHex);
    const point = secp256k1.Point.fromBytes(expected);
    return bytesToHex(recovered) === bytesToHex(point.toBytes(true));
  } catch {
    return false;
  }
}

/** Compressed public key for a private key. */
export function publicKeyOf(privateKey: Uint8Array): Uint8Array {
  return secp256k1.getPublicKey(privateKey, true);
}

const { Point } = secp256k1;
const Fn = Point.Fn;

/** Checks signatures for one public key: `verifyMessage` with the key already bound. */
export type MessageVerifier = (payload: string, signatureHex: string) => boolean;

/**
 * `verifyMessage` for one fixed public key, about four times faster: the key's
 * multiplication table is built once, and each check is one double
 * multiplication u1·G + u2·Q (public scalars, so the variable-time path is
 * fine). Besides r and the low S, it checks what recovery would: R's y parity
 * and x range must be the header's recovery id, so it gives exactly
 * verifyMessage's verdicts (a property test holds them side by side).
 */
export function messageVerifier(publicKey: Uint8Array | string): MessageVerifier {
  const key = Point.fromBytes(typeof publicKey === 'string' ? hexToBytes(publicKey) : publicKey);
  key.assertValidity();
  key.precompute(8, false);
  return (payload, signatureHex) => {
    try {
      if (typeof signatureHex !== 'string' || !SIGNATURE_HEX.test(signatureHex)) return false;
      const full = hexToBytes(signatureHex);
      const recovery = full[0]! - COMPRESSED_HEADER_BASE;
      if (recovery < 0 || recovery > 3) return false;
      const r = bytesToNumberBE(full.subarray(1, 33));
      const s = bytesToNumberBE(full.subarray(33, 65));
      if (r === 0n || r >= Fn.ORDER || s === 0n || s > Fn.ORDER >> 1n) return false;
      const w = Fn.inv(s);
      const e = Fn.create(bytesToNumberBE(messageHash(payload)));
      const R = Point.BASE.multiplyUnsafe(Fn.mul(e, w)).add(key.multiplyUnsafe(Fn.mul(r, w)));
      if (R.is0()) return false;
      const { x, y } = R.toAffine();
      return x === r + (recovery & 2 ? Fn.ORDER : 0n) && (y & 1n) === BigInt(recovery & 1);
    } catch {
      return false;
    }
  };
}
