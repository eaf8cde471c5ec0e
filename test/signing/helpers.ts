import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { HDKey } from '@scure/bip32';
import fc from 'fast-check';

export interface SigningVector {
  xprv: string;
  xpub: string;
  publicKeyHex: string;
  address: string;
  payload: string;
  signatureHex: string;
}

/**
 * BitGo's signing vectors, copied verbatim into docs/bitgo/ (see docs/bitgo/ORIGIN.md). Resolved from this
 * file's own location (dist/test/signing/ when compiled) so any working directory works.
 */
export const VECTORS_PATH = fileURLToPath(new URL('../../../docs/bitgo/signing-vectors.json', import.meta.url));

export function loadVectors(): SigningVector[] {
  const vectors = JSON.parse(readFileSync(VECTORS_PATH, 'utf8')) as SigningVector[];
  if (!Array.isArray(vectors) || vectors.length === 0) throw new Error(`no signing vectors in ${VECTORS_PATH}`);
  return vectors;
}

const N = secp256k1.Point.CURVE().n;

/** Any valid secp256k1 private key, edge scalars included. */
export const privateKeyArb = fc
  .oneof(fc.bigInt({ min: 1n, max: N - 1n }), fc.constantFrom(1n, 2n, N - 1n, N - 2n))
  .map((k) => Uint8Array.from(Buffer.from(k.toString(16).padStart(64, '0'), 'hex')));

/**
 * One Unicode scalar value, weighted towards the classes that stress UTF-8 (ASCII, controls, 2- and 3-byte BMP,
 * 4-byte astral). Built by hand because fast-check's own `unit: 'binary'` costs ~0.8 s to construct per process.
 */
export const unicodeCharArb = fc
  .oneof(
    fc.integer({ min: 0x20, max: 0x7e }),
    fc.integer({ min: 0x00, max: 0x1f }),
    fc.integer({ min: 0x80, max: 0x7ff }),
    fc.integer({ min: 0x800, max: 0xd7ff }),
    fc.integer({ min: 0xe000, max: 0xffff }),
    fc.integer({ min: 0x10000, max: 0x10ffff }),
  )
  .map((cp) => String.fromCodePoint(cp));

/** Well-formed strings over all of Unicode. */
export function unicodeStringArb(constraints: { minLength?: number; maxLength?: number } = {}): fc.Arbitrary<string> {
  return fc.string({ unit: unicodeCharArb, ...constraints });
}

/** Full Unicode (astral code points included), always well-formed. */
export const payloadArb = fc.oneof(
  { weight: 4, arbitrary: unicodeStringArb({ maxLength: 300 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 60, maxLength: 120 }) },
  { weight: 1, arbitrary: fc.json() },
);

/** An xprv (depth 0) for a raw private key, as BitGo would store a trading-account user key. */
export function xprvOf(privateKey: Uint8Array, chainCode: Uint8Array = new Uint8Array(32).fill(1)): string {
  return new HDKey({ privateKey, chainCode }).privateExtendedKey;
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** Payloads past the 3-byte (≥ 253 bytes) and 5-byte (> 65 535 bytes) varint thresholds, from random full-Unicode pieces. */
export const longPayloadArb = fc
  .tuple(unicodeStringArb({ minLength: 1, maxLength: 40 }), fc.constantFrom(253, 254, 300, 65_535, 65_536, 70_000))
  .map(([piece, minBytes]) => {
    const bytes = Buffer.byteLength(piece);
    return piece.repeat(Math.ceil(minBytes / bytes));
  });

/** Every way an error reaches a log: none may contain any of the secrets. */
export function assertNoLeak(error: unknown, secrets: string[]): void {
  const e = error as Error & { cause?: unknown };
  const renderings = [
    String(e?.message),
    String(e?.stack),
    inspect(e?.cause, { depth: 20, showHidden: true }),
    inspect(error, { depth: 20, showHidden: true }),
    JSON.stringify(error) ?? '',
  ];
  for (const secret of secrets) {
    for (const text of renderings) assert.ok(!text.includes(secret), `error leaks a secret: ${e?.message}`);
  }
}
