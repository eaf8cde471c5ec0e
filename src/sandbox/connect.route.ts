import { createHash, randomUUID } from 'node:crypto';
import { authorize } from './auth.js';
import type { Books } from './books.js';
import { connectFields, connectionUpdateFields, connectSigningFields } from './connect-fields.js';
import { connectionOutput } from './connections.route.js';
import { REFUSED_KEY_PREFIX, type DirectoryPartner } from './demo-partners.js';
import { returnHeld } from './funds.js';
import { HttpError, notFound, ok, uuidParam, type Route, type RouteContext, type RouteResult } from './http.js';
import { connectPayload, type ConnectionKeyFields } from './payload.js';
import { wireRecord } from './records.js';
import { clientConnection } from './signing.route.js';
import type { AnyConnection } from './types.js';
import { checkPayload, checkSignature } from './verify.js';

const BASE = '^/api/network/v1/enterprises/(?<enterpriseId>[^/]+)/clients/connections';

/**
 * Connecting, as the sandbox reads "Client Activation": the signing payload (GET with a JSON body, or POST), the
 * signed connect, and the update (rename, deactivate). Listed before the connection reads: GET …/signing would
 * otherwise be read as a connection id.
 */
export function connectRoutes(books: Books): Route[] {
  return [
    ...(['GET', 'POST'] as const).map((method) => ({
      method,
      pattern: new RegExp(`${BASE}/signing$`),
      handler: (ctx: RouteContext) => signing(books, ctx, method === 'GET' ? 'read' : 'write'),
    })),
    { method: 'POST', pattern: new RegExp(`${BASE}$`), handler: (ctx) => connect(books, ctx) },
    { method: 'PUT', pattern: new RegExp(`${BASE}/(?<connectionId>[^/]+)$`), handler: (ctx) => update(books, ctx) },
  ];
}

function knownPartner(books: Books, partnerId: string): DirectoryPartner {
  const partner = books.partner(partnerId);
  if (partner === undefined) throw notFound(`Partner ${partnerId} doesn't exist`);
  return partner;
}

/** BitGo's business rules (422): the partner takes connections, and this key's schema. */
function acceptable(partner: DirectoryPartner, key: ConnectionKeyFields): void {
  if (!partner.active) throw new HttpError(422, `Partner ${partner.name} is inactive`);
  if (key.schema !== partner.connectionKeySchema) {
    throw new HttpError(422, `Invalid connection key schema for partner: ${partner.name} takes ${partner.connectionKeySchema}, not ${key.schema}`);
  }
}

function signing(books: Books, ctx: RouteContext, access: 'read' | 'write'): RouteResult {
  const enterpriseId = ctx.params.enterpriseId!;
  authorize(books, ctx, enterpriseId, access);
  const fields = connectSigningFields(ctx.body);
  acceptable(knownPartner(books, fields.partnerId), fields.connectionKey);
  return ok({ payload: connectPayload(fields, enterpriseId) });
}

const hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * A connection for every valid signed request: BitGo documents no idempotency key (nor a replay check) for connect,
 * and the sandbox takes the strictest reading, so a re-sent request makes a second connection. Only the client's own
 * care (reading its connections before it re-sends) keeps it to one. A synchronous partner initializes the connection
 * while BitGo waits (refusing a key that starts with `refuse-`); an asynchronous one is asked afterwards
 * (partner-notify.ts), and the connection stays uninitialized until it answers.
 */
function connect(books: Books, ctx: RouteContext): RouteResult {
  const enterpriseId = ctx.params.enterpriseId!;
  authorize(books, ctx, enterpriseId, 'write');
  const body = connectFields(ctx.body);
  const partner = knownPartner(books, body.partnerId);
  checkPayload(body.payload, connectPayload(body, enterpriseId));
  checkSignature(books, enterpriseId, body.payload, body.signature);
  acceptable(partner, body.connectionKey);
  const identity = body.connectionKey.connectionToken ?? body.connectionKey.apiKey ?? '';
  if (!partner.async && identity.startsWith(REFUSED_KEY_PREFIX)) throw new HttpError(422, `${partner.name} refused the connection key`);
  const now = new Date().toISOString();
  const id = randomUUID();
  const base = {
    id,
    name: body.name,
    clientId: enterpriseId,
    partnerId: partner.id,
    networkAccountId: randomUUID(),
    partnerInstitutionIdentifier: partner.institutionIdentifier,
    createdAt: now,
    updatedAt: now,
    active: true,
    proof: hex(`${body.payload}\n${body.signature}`),
    nonce: body.nonce,
    async: partner.async,
    trustOrg: partner.trustOrg,
  };
  const slug = partner.institutionIdentifier.split('-')[0]!.toLowerCase();
  const connection: AnyConnection = partner.async
    ? { ...base, partnersConnectionId: null, partnersClientId: null, initialized: false }
    : { ...base, partnersConnectionId: `${slug}-conn-${id.slice(0, 8)}`, partnersClientId: `${slug}-acct-${hex(identity).slice(0, 10)}`, initialized: true };
  books.addConnection(connection);
  return ok({ connection: connectionOutput(connection) });
}

/**
 * Rename and (de)activate. Deactivating releases what is in flight on the connection (its reserved allocations and
 * deallocations go back where they came from); what is allocated stays, and can still be deallocated.
 */
function update(books: Books, ctx: RouteContext): RouteResult {
  const enterpriseId = ctx.params.enterpriseId!;
  authorize(books, ctx, enterpriseId, 'write');
  const connectionId = uuidParam(ctx, 'connectionId');
  const changes = connectionUpdateFields(ctx.body);
  const before = clientConnection(books, enterpriseId, connectionId);
  const after = books.changeConnection(connectionId, changes);
  if (before.active && !after.active) {
    const now = new Date().toISOString();
    for (const stored of books.visible(enterpriseId, 'client')) {
      if (stored.wire.connectionId !== connectionId || stored.wire.status !== 'reserved') continue;
      returnHeld(books.ledger, stored.wire, stored.ownerId);
      books.updateRecord(stored, wireRecord({ ...stored.wire, status: 'released', retriable: false, reason: 'connection deactivated', updatedAt: now }));
    }
  }
  return ok({ connection: connectionOutput(after) });
}
