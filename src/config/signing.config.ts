import { ExpressSigner } from '../signing/express.signer.js';
import { parsePublicKey, parseXprv } from '../signing/extended-key.js';
import { LocalKeySigner } from '../signing/local-key.signer.js';
import type { Signer } from '../signing/signer.js';
import { EnvReader, text, type DocumentedSection, type Env, type Variable } from './variables.js';

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

type ReadFile = (path: string) => string;

const SIGNER = text('SIGNER', {
  defaultText: '`local` when SIGNING_XPRV(_FILE) is set, `express` when BITGO_EXPRESS_URL is',
  description: 'Which signer the mutations use: `local` (a key the gateway holds) or `express` (BitGo Express signs).',
});
const SIGNING_XPRV = text('SIGNING_XPRV', { secret: true, trim: true, description: 'The local signer\'s key: the trading account\'s BIP32 `xprv`.' });
const SIGNING_XPRV_FILE = text('SIGNING_XPRV_FILE', { description: 'A file holding SIGNING_XPRV instead (e.g. a mounted secret).' });
const SIGNING_PUBLIC_KEY = text('SIGNING_PUBLIC_KEY', { description: 'The expected signing key (compressed hex or `xpub`): checked against the local key, and pins the Express signer\'s key.' });
const BITGO_EXPRESS_URL = text('BITGO_EXPRESS_URL', { description: 'BitGo Express, which signs with `POST {url}/api/v2/ofc/signPayload`.' });
const BITGO_WALLET_ID = text('BITGO_WALLET_ID', { description: 'The wallet Express signs for.' });
// Passphrases may legitimately start or end with spaces: taken as given.
const BITGO_WALLET_PASSPHRASE = text('BITGO_WALLET_PASSPHRASE', { secret: true, description: 'The wallet passphrase sent to Express.' });
const BITGO_WALLET_PASSPHRASE_FILE = text('BITGO_WALLET_PASSPHRASE_FILE', { description: 'A file holding BITGO_WALLET_PASSPHRASE instead (its final line break dropped).' });
const BITGO_EXPRESS_TOKEN = text('BITGO_EXPRESS_TOKEN', { secret: true, trim: true, description: 'A bearer token for Express, when it requires one.' });

export const SIGNING_SECTION: DocumentedSection = {
  title: 'Signing',
  about: 'The key the mutations sign with. None: allocate, deallocate and updateAllocation answer `SIGNER_UNAVAILABLE` (the embedded sandbox brings its demo keys).',
  entries: { SIGNER, SIGNING_XPRV, SIGNING_XPRV_FILE, SIGNING_PUBLIC_KEY, BITGO_EXPRESS_URL, BITGO_WALLET_ID, BITGO_WALLET_PASSPHRASE, BITGO_WALLET_PASSPHRASE_FILE, BITGO_EXPRESS_TOKEN },
};

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
export function loadSignerConfig(env: Env, readFile?: ReadFile): { config: SignerConfig | undefined; problems: string[] } {
  const reader = new EnvReader(env, readFile);
  const { problems } = reader;
  const kind = signerKind(reader);
  if (kind === undefined) return { config: undefined, problems };

  const publicKeyHex = optionalPublicKey(reader);
  const config = (kind === 'local' ? localConfig : expressConfig)(reader, publicKeyHex);
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

function signerKind(reader: EnvReader): 'local' | 'express' | undefined {
  const signer = reader.get(SIGNER);
  if (signer !== undefined) {
    const normalised = signer.toLowerCase();
    if (normalised === 'local' || normalised === 'express') return normalised;
    reader.problems.push('SIGNER must be "local" or "express"');
    return undefined;
  }
  if (reader.isSet(SIGNING_XPRV) || reader.isSet(SIGNING_XPRV_FILE)) return 'local';
  if (reader.isSet(BITGO_EXPRESS_URL)) return 'express';
  return undefined;
}

function localConfig(reader: EnvReader, publicKeyHex: string | undefined): SignerConfig | undefined {
  const { problems } = reader;
  const xprv = secret(reader, SIGNING_XPRV, SIGNING_XPRV_FILE, (text) => text.trim());
  if (xprv === null) return undefined;
  if (xprv === undefined) {
    problems.push('SIGNER=local needs SIGNING_XPRV or SIGNING_XPRV_FILE');
    return undefined;
  }
  const source = reader.isSet(SIGNING_XPRV) ? 'SIGNING_XPRV' : 'SIGNING_XPRV_FILE';
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

function expressConfig(reader: EnvReader, publicKeyHex: string | undefined): SignerConfig | undefined {
  const { problems } = reader;
  const expressUrl = reader.get(BITGO_EXPRESS_URL);
  const walletId = reader.get(BITGO_WALLET_ID);
  if (expressUrl === undefined) problems.push('SIGNER=express needs BITGO_EXPRESS_URL');
  else if (!isPlainHttpUrl(expressUrl)) {
    problems.push('BITGO_EXPRESS_URL must be an http:// or https:// URL without credentials, query or fragment');
  }
  if (walletId === undefined) problems.push('SIGNER=express needs BITGO_WALLET_ID');
  // A key left in the environment next to Express is either a mistake or an unneeded exposure.
  if (reader.isSet(SIGNING_XPRV) || reader.isSet(SIGNING_XPRV_FILE)) {
    problems.push('SIGNER=express does not use SIGNING_XPRV or SIGNING_XPRV_FILE; unset them');
  }
  // Passphrases may legitimately start or end with spaces: strip only the file's final line break.
  const walletPassphrase = secret(reader, BITGO_WALLET_PASSPHRASE, BITGO_WALLET_PASSPHRASE_FILE, (text) => text.replace(/\r?\n$/, ''));
  const accessToken = reader.get(BITGO_EXPRESS_TOKEN);
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
  reader: EnvReader,
  direct: Variable<string | undefined>,
  file: Variable<string | undefined>,
  clean: (text: string) => string,
): string | undefined | null {
  const { problems } = reader;
  const value = reader.get(direct);
  const path = reader.get(file);
  if (value !== undefined && path !== undefined) {
    problems.push(`Set only one of ${direct.name} and ${file.name}`);
    return null;
  }
  if (path === undefined) {
    const cleaned = value === undefined ? '' : clean(value);
    return cleaned === '' ? undefined : cleaned;
  }
  let text: string;
  try {
    text = reader.readFile(path);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    problems.push(`${file.name} (${path}) could not be read${typeof code === 'string' ? ` (${code})` : ''}`);
    return null;
  }
  const cleaned = clean(text);
  if (cleaned === '') {
    problems.push(`${file.name} (${path}) is empty`);
    return null;
  }
  return cleaned;
}

function optionalPublicKey(reader: EnvReader): string | undefined {
  const text = reader.get(SIGNING_PUBLIC_KEY);
  if (text === undefined) return undefined;
  const key = parsePublicKey(text);
  if (key === undefined) reader.problems.push('SIGNING_PUBLIC_KEY is not a secp256k1 public key (hex) or an xpub');
  return key;
}

function isPlainHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password && !url.search && !url.hash;
  } catch {
    return false;
  }
}
