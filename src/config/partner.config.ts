import { parseRsaPublicKeys } from '../verification/public-keys.js';
import { derived, enterpriseId, httpUrl, optionalInteger, text, type DocumentedSection, type EnvReader } from './variables.js';

const WEBHOOK_PUBLIC_KEY = text('BITGO_WEBHOOK_PUBLIC_KEY', {
  defaultText: 'the sandbox\'s key (sandbox mode)',
  // A PEM keeps its final line break.
  trim: false,
  description: 'BitGo\'s RSA public key (PEM; two blocks during a rotation; literal `\\n` is read as a line break). Set: the gateway serves BitGo\'s partner calls at `/bitgo/v1/…`.',
});
const WEBHOOK_PUBLIC_KEY_FILE = text('BITGO_WEBHOOK_PUBLIC_KEY_FILE', { description: 'A file holding BITGO_WEBHOOK_PUBLIC_KEY instead.' });

/** Inline or from a file, never both; checked as RSA keys of at least 2048 bits, never echoed. */
function publicKey(reader: EnvReader): string | undefined {
  const inline = reader.get(WEBHOOK_PUBLIC_KEY);
  const file = reader.get(WEBHOOK_PUBLIC_KEY_FILE);
  if (inline && file) {
    reader.problems.push('set BITGO_WEBHOOK_PUBLIC_KEY or BITGO_WEBHOOK_PUBLIC_KEY_FILE, not both');
    return undefined;
  }
  let pem: string | undefined;
  let name = WEBHOOK_PUBLIC_KEY.name;
  if (file) {
    name = WEBHOOK_PUBLIC_KEY_FILE.name;
    try {
      pem = reader.readFile(file);
    } catch {
      reader.problems.push(`BITGO_WEBHOOK_PUBLIC_KEY_FILE names a file that cannot be read (${file})`);
      return undefined;
    }
  } else if (inline) {
    // Environments that cannot hold newlines often carry a PEM with literal "\n".
    pem = inline.replace(/\\n/g, '\n');
  }
  if (pem === undefined) return undefined;
  try {
    parseRsaPublicKeys(pem);
  } catch (error) {
    reader.problems.push(`${name} ${(error as Error).message}`);
    return undefined;
  }
  return pem;
}

const PARTNER_ENTRIES = {
  /**
   * BitGo's webhook public key(s), PEM (several blocks during a rotation). Set: BitGo's partner calls are served.
   * In sandbox mode main.ts adds the embedded sandbox's key.
   */
  webhookPublicKeyPem: derived([WEBHOOK_PUBLIC_KEY, WEBHOOK_PUBLIC_KEY_FILE], publicKey),
  /** Undefined: the gateway's port. */
  webhookPort: optionalInteger('WEBHOOK_PORT', {
    min: 0,
    max: 65535,
    defaultText: 'the gateway\'s port',
    description: 'A listener of its own for BitGo\'s partner calls only, which can be exposed to BitGo while the GraphQL port stays internal (`0`: any free port).',
  }),
  partnerEnterpriseId: enterpriseId('BITGO_PARTNER_ENTERPRISE_ID', {
    defaultText: 'BITGO_ENTERPRISE_ID (sandbox mode: Nimbus)',
    description: 'The partner enterprise BitGo\'s partner calls are for.',
  }),
  sandboxPartnerWebhookUrl: httpUrl('SANDBOX_PARTNER_WEBHOOK_URL', {
    defaultText: 'this gateway',
    description: 'Where the embedded sandbox, playing BitGo, sends its partner calls (sandbox mode).',
  }),
} as const;

/** The partner side: BitGo's calls to this gateway. */
export interface PartnerConfig {
  webhookPublicKeyPem: string | undefined;
  webhookPort: number | undefined;
  /** Defaults to BITGO_ENTERPRISE_ID. */
  partnerEnterpriseId: string | undefined;
  /** Default: this gateway. */
  sandboxPartnerWebhookUrl: string | undefined;
}

export const PARTNER_SECTION: DocumentedSection = {
  title: 'Partner side',
  about: 'The endpoints BitGo calls on a partner (see the partner guide).',
  entries: PARTNER_ENTRIES,
};

/** Reads the partner settings; every problem goes to the reader (loadConfig reports them all at once). */
export function loadPartnerConfig(reader: EnvReader, context: { sandboxMode: boolean; port: number; enterpriseId: string | undefined }): PartnerConfig {
  const partner: PartnerConfig = reader.section(PARTNER_ENTRIES);
  if (partner.webhookPort !== undefined && partner.webhookPort !== 0 && partner.webhookPort === context.port) {
    reader.problems.push('WEBHOOK_PORT must differ from PORT (leave it unset to serve BitGo\'s calls on PORT)');
    partner.webhookPort = undefined;
  }
  if (partner.webhookPublicKeyPem && !context.sandboxMode && !partner.partnerEnterpriseId && !context.enterpriseId) {
    reader.problems.push('BITGO_WEBHOOK_PUBLIC_KEY needs BITGO_PARTNER_ENTERPRISE_ID (or BITGO_ENTERPRISE_ID): the partner enterprise BitGo\'s calls are for');
  }
  return partner;
}
