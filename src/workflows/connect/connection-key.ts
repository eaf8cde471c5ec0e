import type { WireConnectionKey, WireConnectionKeySchema } from '../../bitgo/network.wire.js';
import { CONNECTION_KEY_FIELDS, CONNECTION_KEY_SECRETS, connectionKey } from '../../bitgo/payloads.js';
import { userError, UserErrorCode, type UserError } from '../user-error.js';

/**
 * The connection key as the GraphQL input gives it: one member per schema (a tagged input, since the federated schema
 * has no @oneOf), exactly one of them set. Its fields are checked by the input's own rules first.
 */
export interface ConnectionKeyRequest {
  token?: { connectionToken: string } | null;
  tokenAndSignature?: { connectionToken: string; signature: string } | null;
  apiKeyAndSecret?: { apiKey: string; apiSecret: string } | null;
  clearloop?: { apiKey: string; apiSecret: string; clientAccountId: string; companyRegistrationNumber: string } | null;
}

const MEMBERS: readonly WireConnectionKeySchema[] = ['token', 'tokenAndSignature', 'apiKeyAndSecret', 'clearloop'];

/** The key on the wire, or the user error that says which member to give. */
export function wireConnectionKey(request: ConnectionKeyRequest): WireConnectionKey | UserError {
  const given = MEMBERS.filter((m) => request[m] != null);
  if (given.length !== 1) {
    return userError(UserErrorCode.INVALID_INPUT, `connectionKey must set exactly one of ${MEMBERS.join(', ')} (the partner's connectionKeySchema); it sets ${given.length === 0 ? 'none' : given.join(' and ')}`, ['connectionKey']);
  }
  const schema = given[0]!;
  return connectionKey(schema, request[schema] as unknown as Record<string, string>);
}

/** The fields a partner's key takes, in order, and which are secrets: what a connect form asks for. */
export function connectionKeyFields(schema: WireConnectionKeySchema): Array<{ name: string; secret: boolean }> {
  const secrets = new Set(CONNECTION_KEY_SECRETS[schema] ?? []);
  return (CONNECTION_KEY_FIELDS[schema] ?? []).map((name) => ({ name, secret: secrets.has(name) }));
}
