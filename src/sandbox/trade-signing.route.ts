import { authorize } from './auth.js';
import type { Books } from './books.js';
import { badRequest, HttpError, ok, type Route, type RouteContext, type RouteResult } from './http.js';
import { parseIsoDate } from './list-query.js';
import { checkSupportedCurrency } from './partners.route.js';
import { object, optionalString, requiredString, requiredUuid, type Fields } from './request-body.js';

const BASE = '^/api/network/v1/enterprises/(?<enterpriseId>[^/]+)/partners/trades/signing$';

/** A signed, non-zero decimal quantity (BNSupportedCurrency amounts are BigNumber strings: decimals allowed). */
const SIGNED_DECIMAL = /^-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$/;

/**
 * GET …/partners/trades/signing (JSON body): the canonical payload of a trade a partner reports, checked as the
 * contract types it (InboundTrade: one leg positive, the other negative; the connections the partner's). The
 * contract has no route that takes the signed trade, so this only answers the payload:
 *   { trade: { externalId, externalOrderId, partyConnectionId, counterpartyConnectionId?, tradedAt, base, quote },
 *     tradeCorrection?: { externalId?, correctingUser, reason }, nonce, enterpriseId }
 */
export function tradeSigningRoutes(books: Books): Route[] {
  return [{ method: 'GET', pattern: new RegExp(BASE), handler: (ctx) => tradeSigning(books, ctx) }];
}

function leg(books: Books, trade: Fields, name: 'base' | 'quote', connectionId: string): { currency: string; quantity: string } {
  const raw = trade[name];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw badRequest(`trade.${name} must be an object { currency, quantity }`);
  const f = raw as Fields;
  const currency = requiredString(f, 'currency');
  const quantity = requiredString(f, 'quantity');
  if (!SIGNED_DECIMAL.test(quantity) || /^-?0$/.test(quantity)) throw badRequest(`trade.${name}.quantity must be a non-zero signed decimal string`);
  checkSupportedCurrency(books, books.connection(connectionId)!, currency);
  return { currency, quantity };
}

function partnersConnection(books: Books, enterpriseId: string, id: string, name: string): void {
  const c = books.connection(id);
  if (c === undefined || c.partnerId !== enterpriseId) throw badRequest(`${name} ${id} is not a connection of this partner`);
}

function tradeSigning(books: Books, ctx: RouteContext): RouteResult {
  const enterpriseId = ctx.params.enterpriseId!;
  authorize(books, ctx, enterpriseId, 'read');
  if (books.partner(enterpriseId) === undefined) throw new HttpError(403, 'Enterprise is not a Go Network partner');
  const body = object(ctx.body);
  const trade = object(body.trade ?? null);
  const partyConnectionId = requiredUuid(trade, 'partyConnectionId');
  partnersConnection(books, enterpriseId, partyConnectionId.toLowerCase(), 'partyConnectionId');
  const counterpartyConnectionId = optionalString(trade, 'counterpartyConnectionId');
  if (counterpartyConnectionId !== undefined) partnersConnection(books, enterpriseId, requiredUuid(trade, 'counterpartyConnectionId').toLowerCase(), 'counterpartyConnectionId');
  const tradedAt = requiredString(trade, 'tradedAt');
  if (parseIsoDate(tradedAt) === undefined) throw badRequest('trade.tradedAt must be an ISO 8601 date-time');
  const base = leg(books, trade, 'base', partyConnectionId.toLowerCase());
  const quote = leg(books, trade, 'quote', partyConnectionId.toLowerCase());
  if (base.quantity.startsWith('-') === quote.quantity.startsWith('-')) throw badRequest('trade: one of base and quote must be positive and the other negative');
  let correction: Record<string, string> | undefined;
  if (body.tradeCorrection !== undefined && body.tradeCorrection !== null) {
    const c = object(body.tradeCorrection);
    const externalId = optionalString(c, 'externalId');
    correction = { ...(externalId === undefined ? {} : { externalId }), correctingUser: requiredString(c, 'correctingUser'), reason: requiredString(c, 'reason') };
  }
  const payload = JSON.stringify({
    trade: {
      externalId: requiredString(trade, 'externalId'),
      externalOrderId: requiredString(trade, 'externalOrderId'),
      partyConnectionId,
      ...(counterpartyConnectionId === undefined ? {} : { counterpartyConnectionId }),
      tradedAt,
      base,
      quote,
    },
    ...(correction === undefined ? {} : { tradeCorrection: correction }),
    nonce: requiredString(body, 'nonce'),
    enterpriseId,
  });
  return ok({ payload });
}
