import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { HDKey } from '@scure/bip32';

export type ParsedXprv =
  | { ok: true; privateKey: Uint8Array; publicKeyHex: string }
  | { ok: false; reason: 'malformed' | 'public-only' };

/**
 * Read a BIP32 `xprv`. Never throws, and never lets the library's error text out:
 * base58 errors can quote characters of the input, which is a secret here.
 */
export function parseXprv(xprv: unknown): ParsedXprv {
  if (typeof xprv !== 'string') return { ok: false, reason: 'malformed' };
  let hd: HDKey;
  try {
    hd = HDKey.fromExtendedKey(xprv);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!hd.privateKey || !hd.publicKey) return { ok: false, reason: 'public-only' };
  // Trading-account signing uses the user key itself, whatever its depth, so no derivation here.
  const privateKey = hd.privateKey.slice();
  const publicKeyHex = bytesToHex(hd.publicKey);
  // HDKey.toJSON exports the xprv; wipe it so a stray reference cannot leak the key.
  hd.wipePrivateData();
  return { ok: true, privateKey, publicKeyHex };
}

/** Normalise a public key given as compressed/uncompressed hex or as an `xpub`; undefined when it is neither. */
export function parsePublicKey(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined;
  const text = input.trim();
  try {
    if (/^[0-9a-fA-F]+$/.test(text)) {
      return bytesToHex(secp256k1.Point.fromHex(text.toLowerCase()).toBytes(true));
    }
    const hd = HDKey.fromExtendedKey(text);
    // An xprv is a secret: refuse it here so nobody puts one in a "public key" variable by habit.
    if (hd.privateKey || !hd.publicKey) return undefined;
    return bytesToHex(hd.publicKey);
  } catch {
    return undefined;
  }
}
