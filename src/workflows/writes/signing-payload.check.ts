import { isDeepStrictEqual } from 'node:util';
import { ALLOCATE_PAYLOAD_KEYS, CONNECT_PAYLOAD_KEYS } from '../../bitgo/payloads.js';
import { SETTLEMENT_PAYLOAD_KEYS } from '../../bitgo/settlement.payloads.js';
import type { WireConnectionKey } from '../../bitgo/network.wire.js';
import { AppError, AppErrorCode } from '../app-error.js';

export interface ExpectedAllocatePayload {
  amount: { currency: string; quantity: string };
  clientExternalId: string;
  nonce: string;
  notes?: string;
  connectionId: string;
  enterpriseId: string;
}

export interface ExpectedConnectPayload {
  partnerId: string;
  name: string;
  connectionKey: WireConnectionKey;
  nonce: string;
  enterpriseId: string;
}

/** True when `payload` is a JSON object with exactly `expected`'s values, under `keys` only. */
function says(payload: string, keys: readonly string[], expected: object): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return false;
  }
  const allowed = new Set<string>(keys);
  // Re-serialising must give the same string: this refuses duplicate keys (JSON.parse keeps the last,
  // another parser may keep the first) and any padding, without imposing a key order.
  return (
    parsed !== null &&
    typeof parsed === 'object' &&
    !Array.isArray(parsed) &&
    JSON.stringify(parsed) === payload &&
    Object.keys(parsed).every((k) => allowed.has(k)) &&
    isDeepStrictEqual({ ...(parsed as object) }, { ...expected })
  );
}

/** True when `payload` says exactly what was asked: our amount, connection, enterprise, key, nonce and notes, and no other key. */
export function payloadMatches(payload: string, expected: ExpectedAllocatePayload): boolean {
  return says(payload, ALLOCATE_PAYLOAD_KEYS, expected);
}

const MISMATCH = 'BitGo returned a signing payload that does not match the request; nothing was signed or submitted';

/** Never sign what we did not ask for: a payload that says anything else is refused before a signer sees it. */
export function checkSigningPayload(payload: string, expected: ExpectedAllocatePayload): void {
  if (!payloadMatches(payload, expected)) throw new AppError(AppErrorCode.UPSTREAM_UNAVAILABLE, MISMATCH);
}

/** The same for a connect: our partner, name, connection key (every field, secrets included), nonce and enterprise. */
export function checkConnectPayload(payload: string, expected: ExpectedConnectPayload): void {
  if (!says(payload, CONNECT_PAYLOAD_KEYS, expected)) throw new AppError(AppErrorCode.UPSTREAM_UNAVAILABLE, MISMATCH);
}

export interface ExpectedSettlementPayload {
  externalId: string;
  notes?: string;
  settlementAmounts: Record<string, Record<string, string>>;
  nonce: string;
  cutoffAt?: string;
  enterpriseId: string;
}

/**
 * The same for a partner's settlement: BitGo's payload must say our externalId, amounts (every connection and
 * currency, nothing more), nonce, notes and cutoffAt; it may add the partner's enterprise (ours) and partner id, and
 * nothing else. Amounts are compared as integers' strings exactly: "-0100" is not "-100".
 */
export function checkSettlementPayload(payload: string, expected: ExpectedSettlementPayload): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    parsed = undefined;
  }
  const allowed = new Set<string>(SETTLEMENT_PAYLOAD_KEYS);
  const fields = parsed as Record<string, unknown> | undefined;
  const { enterpriseId, ...asked } = expected;
  const ok =
    fields !== null &&
    typeof fields === 'object' &&
    !Array.isArray(fields) &&
    JSON.stringify(fields) === payload &&
    Object.keys(fields).every((k) => allowed.has(k)) &&
    (fields.enterpriseId === undefined || fields.enterpriseId === enterpriseId) &&
    (fields.partnerId === undefined || typeof fields.partnerId === 'string') &&
    isDeepStrictEqual(Object.fromEntries(Object.entries(fields).filter(([k]) => k !== 'enterpriseId' && k !== 'partnerId')), { ...asked });
  if (!ok) throw new AppError(AppErrorCode.UPSTREAM_UNAVAILABLE, MISMATCH);
}
