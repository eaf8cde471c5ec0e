import { isLosslessNumber, LosslessNumber, parse } from 'lossless-json';
import { isUuid } from '../../common/patterns.js';
import { quantityProblem, textProblem } from '../input.rules.js';
import type { NewPartnerRequest, PartnerRequestType } from '../../store/partner-ledger.store.js';

/**
 * The body of BitGo's POST /bitgo/v1/allocations (or /deallocations), as the ledger's new row (the enterprise is the
 * gateway's own), read without a trip through a JavaScript number: `quantity` is documented as a JSON number and
 * may exceed 2^53, so numbers are kept as their digits.
 */
export interface InboundReservation extends Omit<NewPartnerRequest, 'enterpriseId'> {
  /** How the request spelled things, so the answer echoes it. */
  echo: { quantityAsNumber: boolean; partnersClientIdKey: string; partnersAllocationIdKey: string };
}

/** A body that is not the documented shape: 400, naming the field at fault (null when no one field is). */
export class InboundBodyError extends Error {
  override readonly name = 'InboundBodyError';

  constructor(
    readonly field: string | null,
    message: string,
  ) {
    super(message);
  }
}

const MAX_PARTNER_TEXT = 256;
const MAX_CURRENCY = 64;

/** Each field and the spellings BitGo uses for it ("partner…" in the partner guide, "partners…" elsewhere). */
function keysOf(type: PartnerRequestType) {
  const Type = type === 'allocation' ? 'Allocation' : 'Deallocation';
  return {
    id: `${type}Id`,
    partnersClientId: ['partnersClientId', 'partnerClientId'],
    partnersAllocationId: type === 'allocation' ? ['partnersAllocationId', 'partnerAllocationId'] : [`partners${Type}Id`, `partner${Type}Id`, 'partnersAllocationId', 'partnerAllocationId'],
  };
}

/** A call's body as a JSON object, its numbers kept as their digits (LosslessNumber); InboundBodyError otherwise. */
export function parseBodyObject(text: string): Record<string, unknown> {
  if (text.trim() === '') throw new InboundBodyError(null, 'a JSON body is required');
  let body: unknown;
  try {
    body = parse(text, null, (digits) => new LosslessNumber(digits));
  } catch (error) {
    // lossless-json's messages say where the JSON broke (and refuse duplicate keys); they echo no value.
    throw new InboundBodyError(null, `the body is not valid JSON: ${error instanceof Error ? error.message.slice(0, 200) : 'unreadable'}`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new InboundBodyError(null, 'the body must be a JSON object');
  return body as Record<string, unknown>;
}

/** A field that must be a UUID, lowercased. */
export function uuidField(fields: Record<string, unknown>, key: string): string {
  const value = fields[key];
  if (value === undefined) throw new InboundBodyError(key, `${key} is required`);
  if (!isUuid(value)) throw new InboundBodyError(key, `${key} must be a UUID`);
  return value.toLowerCase();
}

export function parseInboundBody(text: string, type: PartnerRequestType): InboundReservation {
  const fields = parseBodyObject(text);
  const keys = keysOf(type);
  const known = new Set(['amount', 'clientId', 'connectionId', 'partnersConnectionId', keys.id, ...keys.partnersClientId, ...keys.partnersAllocationId]);
  for (const key of Object.keys(fields)) {
    if (!known.has(key)) throw new InboundBodyError(key.slice(0, 100), `unknown field ${JSON.stringify(key.slice(0, 100))} in a ${type} request`);
  }
  const partnersClient = oneSpelling(fields, keys.partnersClientId);
  const partnersAllocation = oneSpelling(fields, keys.partnersAllocationId);
  const amount = amountOf(fields.amount);
  return {
    type,
    id: uuidField(fields, keys.id),
    currency: amount.currency,
    quantity: amount.quantity,
    clientId: uuidField(fields, 'clientId'),
    connectionId: uuidField(fields, 'connectionId'),
    partnersConnectionId: partnerText(fields.partnersConnectionId, 'partnersConnectionId')!,
    partnersClientId: partnerText(partnersClient.value, partnersClient.key, true),
    partnersAllocationId: partnerText(partnersAllocation.value, partnersAllocation.key, true),
    echo: { quantityAsNumber: amount.asNumber, partnersClientIdKey: partnersClient.key, partnersAllocationIdKey: partnersAllocation.key },
  };
}

/** The field under whichever spelling was sent; two spellings with different values are refused. */
function oneSpelling(fields: Record<string, unknown>, spellings: readonly string[]): { key: string; value: unknown } {
  const sent = spellings.filter((key) => fields[key] !== undefined);
  const first = sent[0];
  if (first === undefined) return { key: spellings[0]!, value: undefined };
  for (const key of sent.slice(1)) {
    if (fields[key] !== fields[first]) throw new InboundBodyError(key, `${key} and ${first} name the same field and must agree`);
  }
  return { key: first, value: fields[first] };
}


function partnerText(value: unknown, key: string, optional = false): string | null {
  if (value === undefined || (optional && value === null)) {
    if (optional) return null;
    throw new InboundBodyError(key, `${key} is required`);
  }
  const problem = textProblem(value, key, MAX_PARTNER_TEXT);
  if (problem) throw new InboundBodyError(key, problem);
  return value as string;
}

function amountOf(value: unknown): { currency: string; quantity: string; asNumber: boolean } {
  if (value === undefined) throw new InboundBodyError('amount', 'amount is required');
  if (value === null || typeof value !== 'object' || Array.isArray(value) || isLosslessNumber(value)) {
    throw new InboundBodyError('amount', 'amount must be an object { currency, quantity }');
  }
  const fields = value as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (key !== 'currency' && key !== 'quantity') throw new InboundBodyError(`amount.${key.slice(0, 100)}`, `unknown field ${JSON.stringify(key.slice(0, 100))} in amount`);
  }
  if (fields.currency === undefined) throw new InboundBodyError('amount.currency', 'amount.currency is required');
  const currencyProblem = textProblem(fields.currency, 'amount.currency', MAX_CURRENCY);
  if (currencyProblem) throw new InboundBodyError('amount.currency', currencyProblem);
  const raw = fields.quantity;
  if (raw === undefined) throw new InboundBodyError('amount.quantity', 'amount.quantity is required');
  const asNumber = isLosslessNumber(raw);
  // A JSON number arrives as its digits; a decimal string is taken as it is. Either must be a positive integer.
  const quantity = asNumber ? (raw as LosslessNumber).value : raw;
  const problem = quantityProblem(quantity);
  if (problem) throw new InboundBodyError('amount.quantity', `amount.${problem}`);
  return { currency: fields.currency as string, quantity: quantity as string, asNumber };
}
