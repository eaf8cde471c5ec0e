import type { ConnectionKeySchema } from './demo-partners.js';
import { badRequest } from './http.js';
import type { ConnectionKeyFields, ConnectPayloadFields } from './payload.js';
import { object, requiredString, requiredUuid, type Fields } from './request-body.js';

/** Each ConnectionKey schema's fields after `schema`, in the OpenAPI's order; all required here (see below). */
const KEY_FIELDS: Readonly<Record<ConnectionKeySchema, readonly string[]>> = {
  token: ['connectionToken'],
  tokenAndSignature: ['connectionToken', 'signature'],
  apiKeyAndSecret: ['apiKey', 'apiSecret'],
  clearloop: ['apiKey', 'apiSecret', 'clientAccountId', 'companyRegistrationNumber'],
};

const MAX_NAME = 256;

/**
 * `connectionKey` as one of the four ConnectionKey shapes, rebuilt in its schema's field order. TokenConnectionKey
 * lists `connectionToken` as optional; the sandbox requires it (a token partner has nothing else to know the client
 * by). A field of another schema is refused: `oneOf` would otherwise match no schema, or two.
 */
function connectionKey(raw: unknown): ConnectionKeyFields {
  if (raw === undefined || raw === null) throw badRequest('connectionKey is required');
  if (typeof raw !== 'object' || Array.isArray(raw)) throw badRequest('connectionKey must be an object');
  const fields = raw as Fields;
  const schema = requiredString(fields, 'schema');
  const names = KEY_FIELDS[schema as ConnectionKeySchema];
  if (!Object.hasOwn(KEY_FIELDS, schema) || names === undefined) throw badRequest(`connectionKey.schema must be one of ${Object.keys(KEY_FIELDS).join(', ')}`);
  for (const name of Object.keys(fields)) {
    if (name !== 'schema' && !names.includes(name)) throw badRequest(`connectionKey.${name} is not a field of a ${schema} connection key`);
  }
  const key: ConnectionKeyFields = { schema };
  for (const name of names) {
    const value = fields[name];
    if (typeof value !== 'string' || value.length === 0) throw badRequest(`connectionKey.${name} is required: a non-empty string`);
    key[name] = value;
  }
  return key;
}

/** Body of the connect signing routes and the first half of the connect body. */
export function connectSigningFields(body: unknown): ConnectPayloadFields {
  const f = object(body);
  const name = requiredString(f, 'name');
  if (name.length > MAX_NAME) throw badRequest(`name must be at most ${MAX_NAME} characters`);
  return { partnerId: requiredUuid(f, 'partnerId').toLowerCase(), name, connectionKey: connectionKey(f.connectionKey), nonce: requiredString(f, 'nonce') };
}

export interface ConnectFields extends ConnectPayloadFields {
  payload: string;
  signature: string;
}

export function connectFields(body: unknown): ConnectFields {
  const f = object(body);
  return { ...connectSigningFields(f), payload: requiredString(f, 'payload'), signature: requiredString(f, 'signature') };
}

/** Body of PUT …/clients/connections/{connectionId}: `name`, `active`, at least one, nothing else. */
export function connectionUpdateFields(body: unknown): { name?: string; active?: boolean } {
  const f = object(body);
  for (const key of Object.keys(f)) if (key !== 'name' && key !== 'active') throw badRequest(`${key} cannot be updated`);
  const out: { name?: string; active?: boolean } = {};
  if (f.name !== undefined) {
    const name = requiredString(f, 'name');
    if (name.length > MAX_NAME) throw badRequest(`name must be at most ${MAX_NAME} characters`);
    out.name = name;
  }
  if (f.active !== undefined) {
    if (typeof f.active !== 'boolean') throw badRequest('active must be a boolean');
    out.active = f.active;
  }
  if (out.name === undefined && out.active === undefined) throw badRequest('nothing to update: send name, active, or both');
  return out;
}
