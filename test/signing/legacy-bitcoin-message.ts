import { createRequire } from 'node:module';
import { sha256 } from '@noble/hashes/sha2.js';
import { ripemd160 } from '@noble/hashes/legacy.js';

/** The CommonJS `bitcoinjs-message` package (no bundled types): an implementation independent of ours. */
export interface BitcoinjsMessage {
  sign(message: string, privateKey: Buffer, compressed: boolean): Buffer;
  verify(message: string, address: string, signature: Buffer | string): boolean;
}

export const bitcoinjsMessage = createRequire(import.meta.url)('bitcoinjs-message') as BitcoinjsMessage;

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** P2PKH (mainnet) address of a public key, written here so the cross-check does not lean on our own code. */
export function p2pkhAddress(publicKey: Uint8Array): string {
  const payload = new Uint8Array(21);
  payload.set(ripemd160(sha256(publicKey)), 1);
  const checksum = sha256(sha256(payload)).subarray(0, 4);
  const bytes = new Uint8Array(25);
  bytes.set(payload);
  bytes.set(checksum, 21);
  let n = 0n;
  for (const b of bytes) n = n * 256n + BigInt(b);
  let out = '';
  while (n > 0n) {
    out = ALPHABET[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = '1' + out;
  }
  return out;
}
