import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * BitGo's check of a trading-account signature, written from the contract
 * (README "Signatures") and not shared with the gateway's signer, so the two
 * can disagree and a test will see it: double SHA-256 of
 * "\x18Bitcoin Signed Message:\n" + varint(byte length) + UTF-8 payload; a
 * 65-byte compact signature, header 31 + recovery id (compressed key), r, s;
 * low S only. A deliberate twin of src/signing/bitcoin-message.ts.
 */

const PREFIX = utf8ToBytes('\x18Bitcoin Signed Message:\n');
const COMPRESSED_BASE = 31;

/** Bitcoin's CompactSize: one byte below 0xfd, else a marker and a little-endian 16-, 32- or 64-bit length. */
export function compactSize(n: number): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError('length must be a non-negative integer');
  if (n < 0xfd) return Uint8Array.of(n);
  const width = n <= 0xffff ? 2 : n <= 0xffffffff ? 4 : 8;
  const out = new Uint8Array(1 + width);
  out[0] = width === 2 ? 0xfd : width === 4 ? 0xfe : 0xff;
  let rest = BigInt(n);
  for (let i = 1; i <= width; i++) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return out;
}

/**
 * The digest that is signed. TextEncoder turns a lone surrogate into U+FFFD,
 * as Node's Buffer does on BitGo's side, so both hash the same bytes.
 */
export function signedMessageDigest(payload: string): Uint8Array {
  const body = utf8ToBytes(payload);
  const size = compactSize(body.length);
  const message = new Uint8Array(PREFIX.length + size.length + body.length);
  message.set(PREFIX, 0);
  message.set(size, PREFIX.length);
  message.set(body, PREFIX.length + size.length);
  return sha256(sha256(message));
}

/**
 * The compressed public key (hex) that produced `signature` over `payload`,
 * or undefined when the signature is not an acceptable one: not 65 bytes, a
 * header outside 31..34 (27..30 claim an uncompressed key, whose address
 * BitGo's verifier would not match), r or s out of range, or a high S.
 */
export function recoverSigner(payload: string, signatureHex: string): string | undefined {
  if (!/^[0-9a-fA-F]{130}$/.test(signatureHex)) return undefined;
  const bytes = hexToBytes(signatureHex.toLowerCase());
  const recovery = bytes[0]! - COMPRESSED_BASE;
  if (recovery < 0 || recovery > 3) return undefined;
  try {
    const sig = secp256k1.Signature.fromBytes(bytes.subarray(1), 'compact');
    if (sig.hasHighS()) return undefined;
    return bytesToHex(sig.addRecoveryBit(recovery).recoverPublicKey(signedMessageDigest(payload)).toBytes(true));
  } catch {
    return undefined; // r or s zero or not below the group order, or no point for this r
  }
}

/** A registered key (33 or 65 bytes as hex) in the compressed form recovery yields; undefined when it is not a curve point. */
export function compressedKeyHex(publicKeyHex: string): string | undefined {
  try {
    return bytesToHex(secp256k1.Point.fromBytes(hexToBytes(publicKeyHex.toLowerCase())).toBytes(true));
  } catch {
    return undefined;
  }
}

/** True when `signatureHex` is an acceptable signature of `payload` by the key `publicKeyHex`. */
export function verifySignedMessage(publicKeyHex: string, payload: string, signatureHex: string): boolean {
  const signer = recoverSigner(payload, signatureHex);
  return signer !== undefined && signer === compressedKeyHex(publicKeyHex);
}
