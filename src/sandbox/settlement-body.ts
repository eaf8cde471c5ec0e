import { badRequest, isUuid } from './http.js';
import { parseIsoDate } from './list-query.js';
import { object, optionalString, requiredString, type Fields } from './request-body.js';
import type { AmountLine } from './settlement-engine.js';
import type { SettlementPayloadFields } from './settlement-payload.js';
import type { ExpectedTransfers, SettlementAmounts } from './settlement-wire.types.js';

/** Signed, non-zero, canonical base-unit integer: an optional minus, no plus, exponent, decimals or leading zeros. */
export const SIGNED_QUANTITY = /^-?[1-9][0-9]*$/;

export interface SettlementFields extends SettlementPayloadFields {
  lines: AmountLine[];
}

/** The settlement body (signing and POST): each failure a 400 naming the field. */
export function settlementFields(body: unknown, cutoff: 'optional' | 'required' | 'absent'): SettlementFields {
  const f = object(body);
  const amounts = settlementAmounts(f.settlementAmounts);
  const cutoffAt = optionalString(f, 'cutoffAt');
  if (cutoffAt !== undefined && parseIsoDate(cutoffAt) === undefined) throw badRequest('cutoffAt must be an ISO 8601 date-time');
  if (cutoff === 'required' && cutoffAt === undefined) throw badRequest('cutoffAt is required');
  const out: SettlementFields = { externalId: requiredString(f, 'externalId'), settlementAmounts: amounts.record, nonce: requiredString(f, 'nonce'), lines: amounts.lines };
  const notes = optionalString(f, 'notes');
  if (notes !== undefined) out.notes = notes;
  // v1 has no cutoff: a body that carries one was signed for v2.
  if (cutoffAt !== undefined && cutoff !== 'absent') out.cutoffAt = cutoffAt;
  return out;
}

function settlementAmounts(raw: unknown): { record: SettlementAmounts; lines: AmountLine[] } {
  if (raw === undefined || raw === null) throw badRequest('settlementAmounts is required');
  if (typeof raw !== 'object' || Array.isArray(raw)) throw badRequest('settlementAmounts must be an object: connection id → currency → signed quantity');
  const record: SettlementAmounts = {};
  const lines: AmountLine[] = [];
  for (const [connectionId, byCurrency] of Object.entries(raw as Fields)) {
    if (!isUuid(connectionId)) throw badRequest(`settlementAmounts: "${connectionId}" is not a connection id (UUID)`);
    if (byCurrency === null || typeof byCurrency !== 'object' || Array.isArray(byCurrency)) throw badRequest(`settlementAmounts.${connectionId} must be an object: currency → signed quantity`);
    const entries = Object.entries(byCurrency as Fields);
    if (entries.length === 0) throw badRequest(`settlementAmounts.${connectionId} names no currency`);
    record[connectionId] = {};
    for (const [currency, quantity] of entries) {
      if (quantity !== null && typeof quantity === 'object') throw badRequest('settlementAmounts: counterparty settlement amounts (party → counterparty → currency) are not supported by the sandbox');
      if (typeof quantity !== 'string' || !SIGNED_QUANTITY.test(quantity)) {
        throw badRequest(`settlementAmounts.${connectionId}.${currency} must be a non-zero signed integer string in base units (negative: the client pays)`);
      }
      record[connectionId][currency] = quantity;
      lines.push({ connectionId: connectionId.toLowerCase(), currency, quantity: BigInt(quantity) });
    }
  }
  if (lines.length === 0) throw badRequest('settlementAmounts names no connection');
  return { record, lines };
}

/** What makes two requests under one externalId the same settlement: the amounts (in any order), the notes, the cutoff. */
export function fingerprint(f: SettlementFields): string {
  const lines = f.lines.map((l) => [l.connectionId, l.currency, l.quantity.toString()]).sort((a, b) => (a.join('\u0000') < b.join('\u0000') ? -1 : 1));
  return JSON.stringify({ lines, notes: f.notes ?? null, cutoffAt: f.cutoffAt === undefined ? null : parseIsoDate(f.cutoffAt) });
}

/** Currency → signed non-zero quantity; zero is refused, as the contract says. */
export function expectedTransfers(raw: unknown, name: string): ExpectedTransfers {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw badRequest(`${name} must be an object: currency → signed quantity`);
  const out: ExpectedTransfers = {};
  for (const [currency, quantity] of Object.entries(raw as Fields)) {
    if (typeof quantity !== 'string' || !SIGNED_QUANTITY.test(quantity)) throw badRequest(`${name}.${currency} must be a non-zero signed integer string in base units`);
    out[currency] = quantity;
  }
  return out;
}

export function signed(f: Fields): { payload: string; signature: string } {
  return { payload: requiredString(f, 'payload'), signature: requiredString(f, 'signature') };
}
