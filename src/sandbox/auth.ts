import type { Books } from './books.js';
import { HttpError, type RouteContext } from './http.js';
import type { Scope, TokenGrant } from './types.js';

const READ: readonly Scope[] = ['settlement_network_read'];
const READ_WRITE: readonly Scope[] = ['settlement_network_read', 'settlement_network_write'];

/**
 * BitGo's gate, in its order: a known bearer token (401), an enterprise the
 * token belongs to (404, so outsiders cannot probe which ids exist), an OES
 * licence (403), then the route's scopes (403).
 */
export function authorize(books: Books, ctx: RouteContext, enterpriseId: string, access: 'read' | 'write'): TokenGrant {
  const header = ctx.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (match === null) throw new HttpError(401, 'Unauthorized: missing bearer token');
  const grant = books.tokenGrant(match[1]!);
  if (grant === undefined) throw new HttpError(401, 'Unauthorized: invalid or expired token');
  const enterprise = books.enterprise(enterpriseId);
  if (enterprise === undefined || !grant.enterprises.includes(enterpriseId)) {
    throw new HttpError(404, "Enterprise ID doesn't exist or doesn't belong to the client");
  }
  if (!enterprise.oesLicence) throw new HttpError(403, 'Enterprise does not have OES license');
  for (const scope of access === 'read' ? READ : READ_WRITE) {
    if (!grant.scopes.includes(scope)) throw new HttpError(403, `Access token is missing the required scope ${scope}`);
  }
  return grant;
}
