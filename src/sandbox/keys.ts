import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { HDKey } from '@scure/bip32';

/**
 * Deterministic trading-account keys for the sandbox's enterprises: the
 * master seed is a hash of a label, so every sandbox (and every test) knows
 * the same xprv without storing one.
 */
export interface SandboxKey {
  xprv: string;
  publicKeyHex: string;
}

const cache = new Map<string, SandboxKey>();

export function sandboxKey(enterpriseId: string): SandboxKey {
  let key = cache.get(enterpriseId);
  if (key === undefined) {
    const hd = HDKey.fromMasterSeed(sha256(utf8ToBytes(`bitgo-sandbox/trading-key/${enterpriseId}`)));
    key = { xprv: hd.privateExtendedKey, publicKeyHex: bytesToHex(hd.publicKey!) };
    cache.set(enterpriseId, key);
  }
  return key;
}
