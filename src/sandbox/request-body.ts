import type { Amount } from './wire.types.js';
import { isKnownCurrency, POSITIVE_QUANTITY } from './currencies.js';
import { badRequest, isUuid } from './http.js';

/** Field checks shared by the write routes; each failure is a 400 naming the field. */

export type Fields = Record<string, unknown>;

export function object(body: unknown): Fields {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest('request body must be a JSON object');
  return body as Fields;
}

export function requiredString(fields: Fields, name: string): string {
  const value = fields[name];
  if (value === undefined || value === null) throw badRequest(`${name} is required`);
  if (typeof value !== 'string' || value.length === 0) throw badRequest(`${name} must be a non-empty string`);
  return value;
}

/** Absent or null (which the canonical payload leaves out too) is undefined; anything else must be a non-empty string. */
export function optionalString(fields: Fields, name: string): string | undefined {
  if (fields[name] === undefined || fields[name] === null) return undefined;
  return requiredString(fields, name);
}

export function requiredUuid(fields: Fields, name: string): string {
  const value = requiredString(fields, name);
  if (!isUuid(value)) throw badRequest(`${name} must be a UUID`);
  return value;
}

export function oneOf<T extends string>(fields: Fields, name: string, allowed: readonly T[], required: boolean): T | undefined {
  if ((fields[name] === undefined || fields[name] === null) && !required) return undefined;
  const value = requiredString(fields, name);
  if (!(allowed as readonly string[]).includes(value)) throw badRequest(`${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** `{ currency, quantity }` with a positive canonical base-unit integer: no sign, exponent, decimals or leading zeros. */
export function amount(fields: Fields, options: { knownCurrency: boolean }): Amount {
  const raw = fields.amount;
  if (raw === undefined || raw === null) throw badRequest('amount is required');
  if (typeof raw !== 'object' || Array.isArray(raw)) throw badRequest('amount must be an object { currency, quantity }');
  const a = raw as Fields;
  const currency = requiredString(a, 'currency');
  const quantity = a.quantity;
  if (typeof quantity !== 'string' || !POSITIVE_QUANTITY.test(quantity)) {
    throw badRequest('amount.quantity must be a positive integer string in base units (no sign, exponent, decimals or leading zeros)');
  }
  if (options.knownCurrency && !isKnownCurrency(currency)) throw badRequest(`unsupported currency "${currency}"`);
  return { currency, quantity };
}

/** Body of the signing routes and the first half of the allocate body. */
export interface SigningFields {
  amount: Amount;
  clientExternalId: string;
  nonce: string;
  notes?: string;
}

export function signingFields(body: unknown): SigningFields {
  const f = object(body);
  const out: SigningFields = {
    amount: amount(f, { knownCurrency: true }),
    clientExternalId: requiredString(f, 'clientExternalId'),
    nonce: requiredString(f, 'nonce'),
  };
  const notes = optionalString(f, 'notes');
  if (notes !== undefined) out.notes = notes;
  return out;
}

export interface AllocateFields extends SigningFields {
  payload: string;
  signature: string;
}

export function allocateFields(body: unknown): AllocateFields {
  const f = object(body);
  return { ...signingFields(f), payload: requiredString(f, 'payload'), signature: requiredString(f, 'signature') };
}
