import { randomBytes } from 'node:crypto';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { HDKey } from '@scure/bip32';
import { request } from 'undici';
import type { AllocationType, Amount, StartedSandbox } from '../../src/sandbox/index.js';
import { signedMessageDigest } from '../../src/sandbox/message-signature.js';

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

/**
 * The tests' own signer, so the sandbox's tests depend on no gateway code:
 * RFC 6979, low S, header 31 + recovery id. It reproduces signing-vectors.json
 * byte for byte (contract.test.ts).
 */
export function sign(xprv: string, payload: string): string {
  const rec = secp256k1.sign(signedMessageDigest(payload), privateKeyOf(xprv), { prehash: false, lowS: true, format: 'recovered' });
  const out = new Uint8Array(65);
  out[0] = 31 + rec[0]!;
  out.set(rec.subarray(1), 1);
  return bytesToHex(out);
}

/** The tests' own statement of the contract's key orders (pinned by literal strings in contract.test.ts). */
export const ALLOCATE_KEYS = ['amount', 'clientExternalId', 'nonce', 'notes', 'connectionId', 'enterpriseId'] as const;
export const PARTNER_ALLOCATION_KEYS = ['status', 'rejectReason', 'allocationId', 'amount', 'clientId', 'connectionId', 'partnersClientId', 'partnersConnectionId', 'partnersAllocationId', 'nonce'] as const;
export const PARTNER_DEALLOCATION_KEYS = ['status', 'rejectReason', 'deallocationId', 'amount', 'clientId', 'connectionId', 'partnersClientId', 'partnersConnectionId', 'partnersDeallocationId', 'nonce'] as const;

/** JSON of `fields` with `keys` in that order, absent ones left out; `amount` as { currency, quantity }. */
export function ordered(keys: readonly string[], fields: Record<string, unknown>): string {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = fields[key];
    if (value === undefined || value === null) continue;
    out[key] = key === 'amount' ? { currency: (value as Amount).currency, quantity: (value as Amount).quantity } : value;
  }
  return JSON.stringify(out);
}

export const nonce = (): string => randomBytes(32).toString('hex');

export interface AllocateInput {
  connectionId: string;
  amount: Amount;
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
  const payload = ordered(ALLOCATE_KEYS, { ...fields, connectionId: input.connectionId, enterpriseId });
  return { ...fields, payload, signature: sign(xprv, payload) };
}

export function writePath(sb: StartedSandbox, type: AllocationType, connectionId: string, enterpriseId = sb.enterpriseId): string {
  return `${API}/${enterpriseId}/clients/connections/${connectionId}/${type}s`;
}

export async function allocate(sb: StartedSandbox, input: AllocateInput, type: AllocationType = 'allocation'): Promise<Answer> {
  return call(sb, 'POST', writePath(sb, type, input.connectionId), { body: signedBody(sb, input) });
}

/** A signed partner-update body; `overrides` replace fields before signing, `after` after signing. */
export function partnerBody(
  sb: StartedSandbox,
  fields: Record<string, unknown>,
  xprv = sb.partnerSigningXprv,
  keys: readonly string[] = PARTNER_ALLOCATION_KEYS,
): Record<string, unknown> {
  const withNonce = { nonce: nonce(), ...fields };
  const payload = ordered(keys, withNonce);
  return { ...withNonce, payload, signature: sign(xprv, payload) };
}
