import { randomBytes } from 'node:crypto';
import { HDKey } from '@scure/bip32';
import { request } from 'undici';
import { ALLOCATE_PAYLOAD_KEYS, canonicalPayload, PARTNER_UPDATE_PAYLOAD_KEYS } from '../../src/bitgo/payloads.js';
import type { WireAllocationType, WireAmount } from '../../src/bitgo/wire.types.js';
import type { StartedSandbox } from '../../src/sandbox/index.js';
import { signMessage } from '../../src/signing/bitcoin-message.js';

export const API = '/api/network/v1/enterprises';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/** One real HTTP call to the sandbox. `query` values are sent as-is (arrays repeat the key). */
export async function call(
  sb: StartedSandbox,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  options: { query?: Record<string, string | string[]>; body?: unknown; token?: string | null; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(options.query ?? {})) for (const item of Array.isArray(v) ? v : [v]) qs.append(k, item);
  const search = qs.toString();
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? sb.token : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await request(`${sb.url}${path}${search ? `?${search}` : ''}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
  });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, body: text === '' ? undefined : JSON.parse(text) };
}

export function listPath(sb: StartedSandbox, view: 'client' | 'partner' = 'client', enterpriseId?: string): string {
  return `${API}/${enterpriseId ?? (view === 'client' ? sb.enterpriseId : sb.partnerEnterpriseId)}/${view}s/allocations`;
}

export async function list(sb: StartedSandbox, query: Record<string, string | string[]> = {}, view: 'client' | 'partner' = 'client'): Promise<Answer> {
  return call(sb, 'GET', listPath(sb, view), { query });
}

export function privateKeyOf(xprv: string): Uint8Array {
  return HDKey.fromExtendedKey(xprv).privateKey!;
}

export const nonce = (): string => randomBytes(32).toString('hex');

export interface AllocateInput {
  connectionId: string;
  amount: WireAmount;
  clientExternalId?: string;
  nonce?: string;
  notes?: string;
}

/** A signed allocate/deallocate body, built and signed the way a client would. */
export function signedBody(sb: StartedSandbox, input: AllocateInput, enterpriseId = sb.enterpriseId, xprv = sb.signingXprv): Record<string, unknown> {
  const fields = {
    amount: input.amount,
    clientExternalId: input.clientExternalId ?? `test-${randomBytes(8).toString('hex')}`,
    nonce: input.nonce ?? nonce(),
    ...(input.notes === undefined ? {} : { notes: input.notes }),
  };
  const payload = canonicalPayload(ALLOCATE_PAYLOAD_KEYS, { ...fields, connectionId: input.connectionId, enterpriseId });
  return { ...fields, payload, signature: signMessage(privateKeyOf(xprv), payload) };
}

export function writePath(sb: StartedSandbox, type: WireAllocationType, connectionId: string, enterpriseId = sb.enterpriseId): string {
  return `${API}/${enterpriseId}/clients/connections/${connectionId}/${type}s`;
}

export async function allocate(sb: StartedSandbox, input: AllocateInput, type: WireAllocationType = 'allocation'): Promise<Answer> {
  return call(sb, 'POST', writePath(sb, type, input.connectionId), { body: signedBody(sb, input) });
}

/** A signed partner-update body; `overrides` replace fields before signing, `after` after signing. */
export function partnerBody(
  sb: StartedSandbox,
  fields: Record<string, unknown>,
  xprv = sb.partnerSigningXprv,
  keys: readonly string[] = PARTNER_UPDATE_PAYLOAD_KEYS,
): Record<string, unknown> {
  const withNonce = { nonce: nonce(), ...fields };
  const payload = canonicalPayload(keys, withNonce);
  return { ...withNonce, payload, signature: signMessage(privateKeyOf(xprv), payload) };
}
