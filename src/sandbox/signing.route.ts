import { authorize } from './auth.js';
import type { Books } from './books.js';
import { HttpError, notFound, ok, uuidParam, type Route, type RouteContext, type RouteResult } from './http.js';
import { checkSupportedCurrency } from './partners.route.js';
import { allocatePayload } from './payload.js';
import { signingFields } from './request-body.js';
import type { AnyConnection } from './types.js';
import type { AllocationType } from './wire.types.js';

const BASE = '^/api/network/v1/enterprises/(?<enterpriseId>[^/]+)/clients/connections/(?<connectionId>[^/]+)';

/** The enterprise's own connection, or 404 (an existing connection of someone else is just as unknown). */
export function clientConnection(books: Books, enterpriseId: string, connectionId: string): AnyConnection {
  const connection = books.connection(connectionId);
  if (connection === undefined || connection.clientId !== enterpriseId) {
    throw notFound(`Connection ${connectionId} doesn't exist or doesn't belong to this client`);
  }
  return connection;
}

/** GET (JSON body, or query parameters as a fallback) and POST …/{allocations|deallocations}/signing. */
export function signingRoutes(books: Books): Route[] {
  return (['allocation', 'deallocation'] as const).flatMap((type): Route[] =>
    (['GET', 'POST'] as const).map((method) => ({
      method,
      pattern: new RegExp(`${BASE}/${type}s/signing$`),
      handler: (ctx: RouteContext) => signing(books, ctx, type, method === 'GET' ? 'read' : 'write'),
    })),
  );
}

function signing(books: Books, ctx: RouteContext, type: AllocationType, access: 'read' | 'write'): RouteResult {
  const enterpriseId = ctx.params.enterpriseId!;
  authorize(books, ctx, enterpriseId, access);
  const connectionId = uuidParam(ctx, 'connectionId');
  const fields = signingFields(ctx.body === undefined && ctx.method === 'GET' ? fromQuery(ctx.query) : ctx.body);
  const connection = clientConnection(books, enterpriseId, connectionId);
  checkSupportedCurrency(books, connection, fields.amount.currency);
  // Only the deallocation signing routes list 422 (connection inactive) in the spec; allocation signing
  // still answers, and the POST then stores the allocation as released. A connection the partner has
  // not initialized cannot hold funds, so it counts as inactive here.
  if (type === 'deallocation' && !(connection.active && connection.initialized)) throw new HttpError(422, 'connection is inactive');
  return ok({ payload: allocatePayload(fields, connection.id, enterpriseId) });
}

/** For HTTP clients that cannot send a GET body: currency, quantity, clientExternalId, nonce, notes. */
function fromQuery(query: Record<string, string[]>): Record<string, unknown> {
  const one = (name: string): string | undefined => query[name]?.[0];
  const currency = one('currency');
  const quantity = one('quantity');
  return {
    ...(currency === undefined && quantity === undefined ? {} : { amount: { currency, quantity } }),
    clientExternalId: one('clientExternalId'),
    nonce: one('nonce'),
    notes: one('notes'),
  };
}
