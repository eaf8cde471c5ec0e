import { readFileSync } from 'node:fs';
import { ExpressSigner } from '../signing/express.signer.js';
import { parsePublicKey, parseXprv } from '../signing/extended-key.js';
import { LocalKeySigner } from '../signing/local-key.signer.js';
import type { Signer } from '../signing/signer.js';

export type SignerConfig =
  | { kind: 'local'; xprv: string }
  | {
      kind: 'express';
      expressUrl: string;
      walletId: string;
      walletPassphrase?: string;
      accessToken?: string;
      /** Expected signing key (compressed hex or xpub), from SIGNING_PUBLIC_KEY. */
      publicKeyHex?: string;
    };

type Env = Record<string, string | undefined>;
type ReadFile = (path: string) => string;

const defaultReadFile: ReadFile = (path) => readFileSync(path, 'utf8');

/**
 * Read the signer settings from the environment. Every problem is reported (not just the first),
 * and no message ever contains a key or passphrase. No signer settings at all is not a problem:
 * the gateway then answers mutations with an error of its own.
 *
 * SIGNER=local|express; without SIGNER, SIGNING_XPRV(_FILE) means local and BITGO_EXPRESS_URL means express.
 * Local: SIGNING_XPRV or SIGNING_XPRV_FILE. Express: BITGO_EXPRESS_URL, BITGO_WALLET_ID,
 * BITGO_WALLET_PASSPHRASE or BITGO_WALLET_PASSPHRASE_FILE, BITGO_EXPRESS_TOKEN.
 * Either: SIGNING_PUBLIC_KEY (hex or xpub) to pin the expected key.
 */
export function loadSignerConfig(
  env: Env,
  readFile: ReadFile = defaultReadFile,
): { config: SignerConfig | undefined; problems: string[] } {
  const problems: string[] = [];
  const kind = signerKind(env, problems);
  if (kind === undefined) return { config: undefined, problems };

  const publicKeyHex = optionalPublicKey(env, problems);
  const config = (kind === 'local' ? localConfig : expressConfig)(env, readFile, publicKeyHex, problems);
  return problems.length > 0 ? { config: undefined, problems } : { config, problems };
}

/** Build the signer a configuration describes; throws SigningError('SIGNER_MISCONFIGURED') on bad values. */
export function createSigner(config: SignerConfig): Signer {
  if (config.kind === 'local') return new LocalKeySigner(config.xprv);
  return new ExpressSigner({
    expressUrl: config.expressUrl,
    walletId: config.walletId,
    ...(config.walletPassphrase !== undefined ? { walletPassphrase: config.walletPassphrase } : {}),
    ...(config.accessToken !== undefined ? { accessToken: config.accessToken } : {}),
    ...(config.publicKeyHex !== undefined ? { publicKeyHex: config.publicKeyHex } : {}),
  });
}

function signerKind(env: Env, problems: string[]): 'local' | 'express' | undefined {
  const signer = value(env, 'SIGNER');
  if (signer !== undefined) {
    const normalised = signer.toLowerCase();
    if (normalised === 'local' || normalised === 'express') return normalised;
    problems.push('SIGNER must be "local" or "express"');
    return undefined;
  }
  if (value(env, 'SIGNING_XPRV') !== undefined || value(env, 'SIGNING_XPRV_FILE') !== undefined) return 'local';
  if (value(env, 'BITGO_EXPRESS_URL') !== undefined) return 'express';
  return undefined;
}

function localConfig(
  env: Env,
  readFile: ReadFile,
  publicKeyHex: string | undefined,
  problems: string[],
): SignerConfig | undefined {
  const xprv = secret(env, readFile, 'SIGNING_XPRV', problems, (text) => text.trim());
  if (xprv === null) return undefined;
  if (xprv === undefined) {
    problems.push('SIGNER=local needs SIGNING_XPRV or SIGNING_XPRV_FILE');
    return undefined;
  }
  const source = value(env, 'SIGNING_XPRV') !== undefined ? 'SIGNING_XPRV' : 'SIGNING_XPRV_FILE';
  const parsed = parseXprv(xprv);
  if (!parsed.ok) {
    const subject = source === 'SIGNING_XPRV' ? 'SIGNING_XPRV is' : 'the file named by SIGNING_XPRV_FILE holds';
    problems.push(
      parsed.reason === 'public-only'
        ? `${subject} an extended public key; the local signer needs the extended private key (xprv…)`
        : `${subject} not a BIP32 extended private key (xprv…)`,
    );
    return undefined;
  }
  parsed.privateKey.fill(0);
  if (publicKeyHex !== undefined && publicKeyHex !== parsed.publicKeyHex) {
    problems.push(`SIGNING_PUBLIC_KEY does not match the key in ${source}`);
    return undefined;
  }
  return { kind: 'local', xprv };
}

function expressConfig(
  env: Env,
  readFile: ReadFile,
  publicKeyHex: string | undefined,
  problems: string[],
): SignerConfig | undefined {
  const expressUrl = value(env, 'BITGO_EXPRESS_URL');
  const walletId = value(env, 'BITGO_WALLET_ID');
  if (expressUrl === undefined) problems.push('SIGNER=express needs BITGO_EXPRESS_URL');
  else if (!isPlainHttpUrl(expressUrl)) {
    problems.push('BITGO_EXPRESS_URL must be an http:// or https:// URL without credentials, query or fragment');
  }
  if (walletId === undefined) problems.push('SIGNER=express needs BITGO_WALLET_ID');
  // A key left in the environment next to Express is either a mistake or an unneeded exposure.
  if (value(env, 'SIGNING_XPRV') !== undefined || value(env, 'SIGNING_XPRV_FILE') !== undefined) {
    problems.push('SIGNER=express does not use SIGNING_XPRV or SIGNING_XPRV_FILE; unset them');
  }
  // Passphrases may legitimately start or end with spaces: strip only the file's final line break.
  const walletPassphrase = secret(env, readFile, 'BITGO_WALLET_PASSPHRASE', problems, (text) => text.replace(/\r?\n$/, ''));
  const accessToken = value(env, 'BITGO_EXPRESS_TOKEN');
  if (expressUrl === undefined || walletId === undefined || walletPassphrase === null) return undefined;
  return {
    kind: 'express',
    expressUrl,
    walletId,
    ...(walletPassphrase !== undefined ? { walletPassphrase } : {}),
    ...(accessToken !== undefined ? { accessToken } : {}),
    ...(publicKeyHex !== undefined ? { publicKeyHex } : {}),
  };
}

/** NAME or NAME_FILE; undefined when neither is set, null when a problem was reported. */
function secret(
  env: Env,
  readFile: ReadFile,
  name: string,
  problems: string[],
  clean: (text: string) => string,
): string | undefined | null {
  const direct = env[name];
  const path = value(env, `${name}_FILE`);
  if (direct !== undefined && direct !== '' && path !== undefined) {
    problems.push(`Set only one of ${name} and ${name}_FILE`);
    return null;
  }
  if (path === undefined) {
    const cleaned = direct === undefined ? '' : clean(direct);
    return cleaned === '' ? undefined : cleaned;
  }
  let text: string;
  try {
    text = readFile(path);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    problems.push(`${name}_FILE (${path}) could not be read${typeof code === 'string' ? ` (${code})` : ''}`);
    return null;
  }
  const cleaned = clean(text);
  if (cleaned === '') {
    problems.push(`${name}_FILE (${path}) is empty`);
    return null;
  }
  return cleaned;
}

function optionalPublicKey(env: Env, problems: string[]): string | undefined {
  const text = value(env, 'SIGNING_PUBLIC_KEY');
  if (text === undefined) return undefined;
  const key = parsePublicKey(text);
  if (key === undefined) problems.push('SIGNING_PUBLIC_KEY is not a secp256k1 public key (hex) or an xpub');
  return key;
}

/** A trimmed, non-empty setting; empty strings count as unset, as shells and compose files produce them. */
function value(env: Env, name: string): string | undefined {
  const text = env[name]?.trim();
  return text === undefined || text === '' ? undefined : text;
}

function isPlainHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password && !url.search && !url.hash;
  } catch {
    return false;
  }
}
