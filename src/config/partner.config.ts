import { readFileSync } from 'node:fs';
import { parseRsaPublicKeys } from '../verification/public-keys.js';

/** The partner side (BitGo's calls to this gateway) and the durable store it keeps its ledger in. */
export interface PartnerConfig {
  /**
   * BitGo's webhook public key(s), PEM (several blocks during a rotation). Set: BitGo's partner calls are served.
   * In sandbox mode main.ts adds the embedded sandbox's key.
   */
  webhookPublicKeyPem: string | undefined;
  /** A listener of its own for BitGo's partner calls (exposable to BitGo alone); undefined: the gateway's port. */
  webhookPort: number | undefined;
  /** The partner enterprise BitGo's partner calls are for; defaults to BITGO_ENTERPRISE_ID. */
  partnerEnterpriseId: string | undefined;
  /** Where the embedded sandbox sends its partner calls; default: this gateway. */
  sandboxPartnerWebhookUrl: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

function publicKey(env: Env, problems: string[]): string | undefined {
  const inline = env.BITGO_WEBHOOK_PUBLIC_KEY || undefined;
  const file = env.BITGO_WEBHOOK_PUBLIC_KEY_FILE || undefined;
  if (inline && file) {
    problems.push('set BITGO_WEBHOOK_PUBLIC_KEY or BITGO_WEBHOOK_PUBLIC_KEY_FILE, not both');
    return undefined;
  }
  let pem: string | undefined;
  let name = 'BITGO_WEBHOOK_PUBLIC_KEY';
  if (file) {
    name = 'BITGO_WEBHOOK_PUBLIC_KEY_FILE';
    try {
      pem = readFileSync(file, 'utf8');
    } catch {
      problems.push(`BITGO_WEBHOOK_PUBLIC_KEY_FILE names a file that cannot be read (${file})`);
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
    problems.push(`${name} ${(error as Error).message}`);
    return undefined;
  }
  return pem;
}

function httpUrl(env: Env, name: string, problems: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('protocol');
    return url.origin + url.pathname.replace(/\/+$/, '');
  } catch {
    // Not echoed: a URL may carry credentials.
    problems.push(`${name} must be an http(s) URL`);
    return undefined;
  }
}

/** Reads the partner settings; every problem is pushed to `problems` (loadConfig reports them all at once). */
export function loadPartnerConfig(env: Env, context: { sandboxMode: boolean; port: number; enterpriseId: string | undefined }, problems: string[]): PartnerConfig {
  const webhookPublicKeyPem = publicKey(env, problems);
  let webhookPort: number | undefined;
  const rawPort = env.WEBHOOK_PORT;
  if (rawPort !== undefined && rawPort !== '') {
    if (!/^\d+$/.test(rawPort) || Number(rawPort) > 65535) problems.push(`WEBHOOK_PORT must be an integer from 0 to 65535 (got "${rawPort}")`);
    else if (Number(rawPort) !== 0 && Number(rawPort) === context.port) problems.push('WEBHOOK_PORT must differ from PORT (leave it unset to serve BitGo\'s calls on PORT)');
    else webhookPort = Number(rawPort);
  }
  const partnerEnterpriseId = env.BITGO_PARTNER_ENTERPRISE_ID || undefined;
  if (partnerEnterpriseId !== undefined && !/^[A-Za-z0-9-]{1,64}$/.test(partnerEnterpriseId)) {
    problems.push('BITGO_PARTNER_ENTERPRISE_ID must be a BitGo enterprise id (letters, digits and dashes)');
  }
  if (webhookPublicKeyPem && !context.sandboxMode && !partnerEnterpriseId && !context.enterpriseId) {
    problems.push('BITGO_WEBHOOK_PUBLIC_KEY needs BITGO_PARTNER_ENTERPRISE_ID (or BITGO_ENTERPRISE_ID): the partner enterprise BitGo\'s calls are for');
  }
  return {
    webhookPublicKeyPem,
    webhookPort,
    partnerEnterpriseId,
    sandboxPartnerWebhookUrl: httpUrl(env, 'SANDBOX_PARTNER_WEBHOOK_URL', problems),
  };
}
