import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LosslessNumber, stringify } from 'lossless-json';
import { isUuid } from '../../common/patterns.js';
import type { PartnerRequest, PartnerRequestType } from '../../store/partner-ledger.store.js';
import { checkBitGoSignature, type BitGoSignatureDeps } from '../../verification/bitgo-signature.check.js';
import { TOKEN_REFUSAL_REASONS, TokenRefusal } from '../../verification/webhook-token.js';
import { InboundBodyError, parseInboundBody, type InboundReservation } from '../../workflows/partner/inbound-body.js';
import type { PartnerConnectionsWorkflow } from '../../workflows/partner/partner-connections.workflow.js';
import type { InboundAnswer, PartnerInboundWorkflow } from '../../workflows/partner/partner-inbound.workflow.js';
import { registerPartnerConnectionRoute } from './partner-connection.route.js';
import { StoreUnavailableError } from '../../store/store-unavailable.error.js';
import { STORE_RETRY_AFTER_SECONDS } from '../../workflows/app-error.js';

/** Why a call from BitGo was not answered 200: the signature's reasons, and the body's and the ledger's. */
export const WEBHOOK_REFUSAL_REASONS = [...TOKEN_REFUSAL_REASONS, 'body_too_large', 'invalid_body', 'conflict', 'not_found', 'connection_token_refused'] as const;
export type WebhookRefusalReason = (typeof WEBHOOK_REFUSAL_REASONS)[number];

/** Told of every refused call (the metrics connect here); must not throw. */
export interface WebhookObserver {
  onRefused(reason: WebhookRefusalReason): void;
}

export interface PartnerWebhookRouteOptions {
  inbound: PartnerInboundWorkflow;
  /** POST /bitgo/v1/connections (partner-connection.route.ts); not served when absent. */
  connections?: PartnerConnectionsWorkflow | undefined;
  signature: BitGoSignatureDeps;
  observer?: WebhookObserver | undefined;
  /** Largest body accepted; default 64 KiB. */
  bodyLimit?: number | undefined;
}

export const WEBHOOK_BODY_LIMIT = 65_536;

/**
 * The endpoints BitGo calls on a partner (the contract's last section): reserve an allocation or deallocation,
 * and clear it. Each call's `X-BitGo-Signature` is checked before its body is read; bodies are parsed without a
 * trip through JavaScript numbers; the application logic is the inbound workflow's.
 */
export function registerPartnerWebhookRoutes(app: FastifyInstance, options: PartnerWebhookRouteOptions): void {
  const bodyLimit = options.bodyLimit ?? WEBHOOK_BODY_LIMIT;
  const refused = (reply: FastifyReply, status: number, reason: WebhookRefusalReason, body: Record<string, unknown>) => {
    options.observer?.onRefused(reason);
    return reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify(body));
  };

  // The id each call's token was accepted under, for the error handler to give back.
  const acceptedIds = new WeakMap<FastifyRequest, string>();
  void app.register(async (scope) => {
    // Only these routes: every body is read as text (whatever its content type) and parsed losslessly below.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit }, (_request, body, done) => done(null, body));
    scope.setErrorHandler(async (error: Error & { code?: string; statusCode?: number }, request, reply) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return refused(reply, 400, 'body_too_large', { error: `the body exceeds ${bodyLimit} bytes` });
      if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
        return refused(reply, 400, 'invalid_body', { error: 'the request could not be read' });
      }
      // The store's outage is logged once, by the store; BitGo is told to come back (503 with Retry-After).
      const storeDown = error instanceof StoreUnavailableError;
      if (!storeDown) request.log.error({ err: error }, 'partner webhook failed');
      // BitGo retries on a 5xx: nothing was decided, so the token's id is given back for a retry that sends it again.
      const jti = acceptedIds.get(request);
      if (jti !== undefined) {
        await options.signature.jwtIds.release(jti).catch((releaseError: unknown) => request.log.warn({ err: { message: (releaseError as Error)?.message } }, 'partner webhook: the token id was not given back'));
      }
      if (storeDown) return reply.code(503).header('retry-after', String(STORE_RETRY_AFTER_SECONDS)).send({ error: 'the gateway\'s store is unavailable; try again later' });
      return reply.code(500).send({ error: 'internal error' });
    });
    scope.addHook('onRequest', async (request, reply) => {
      try {
        acceptedIds.set(request, (await checkBitGoSignature(request.headers['x-bitgo-signature'], options.signature)).jti);
      } catch (error) {
        if (!(error instanceof TokenRefusal)) throw error;
        request.log.warn({ reason: error.reason }, 'partner webhook refused: signature');
        return refused(reply, 401, error.reason, { error: error.message });
      }
      return undefined;
    });

    for (const type of ['allocation', 'deallocation'] as const) {
      scope.post(`/bitgo/v1/${type}s`, async (request, reply) => {
        let reservation: InboundReservation;
        try {
          reservation = parseInboundBody(typeof request.body === 'string' ? request.body : '', type);
        } catch (error) {
          if (!(error instanceof InboundBodyError)) throw error;
          return refused(reply, 400, 'invalid_body', { error: error.message, field: error.field });
        }
        return answer(reply, await options.inbound.reserve(reservation), reservation.echo, refused);
      });
      scope.put(`/bitgo/v1/${type}/:${type}Id/clear`, async (request: FastifyRequest<{ Params: Record<string, string> }>, reply) => {
        const id = request.params[`${type}Id`] ?? '';
        if (!isUuid(id)) return refused(reply, 400, 'invalid_body', { error: `${type}Id must be a UUID`, field: `${type}Id` });
        return answer(reply, await options.inbound.clear(type, id.toLowerCase()), undefined, refused);
      });
    }
    if (options.connections) registerPartnerConnectionRoute(scope, options.connections, refused);
  });
}

type Refuse = (reply: FastifyReply, status: number, reason: WebhookRefusalReason, body: Record<string, unknown>) => FastifyReply;

function answer(reply: FastifyReply, result: InboundAnswer, echo: InboundReservation['echo'] | undefined, refused: Refuse): FastifyReply {
  if (result.outcome === 'not_found') return refused(reply, 404, 'not_found', { error: result.message });
  if (result.outcome === 'conflict') return refused(reply, 409, 'conflict', { error: result.message, status: result.request.status });
  return reply.code(200).type('application/json; charset=utf-8').send(stringify(fieldsOf(result.request, echo)));
}

/**
 * The request as the ledger holds it, in the fields BitGo sent (and their spelling) plus its status. The quantity
 * is a JSON number, as BitGo documents it, unless the request sent it as a string.
 */
function fieldsOf(request: PartnerRequest, echo: InboundReservation['echo'] | undefined): Record<string, unknown> {
  const idKey: Record<PartnerRequestType, string> = { allocation: 'allocationId', deallocation: 'deallocationId' };
  return {
    [idKey[request.type]]: request.id,
    amount: { currency: request.currency, quantity: echo?.quantityAsNumber === false ? request.quantity : new LosslessNumber(request.quantity) },
    clientId: request.clientId,
    connectionId: request.connectionId,
    partnersConnectionId: request.partnersConnectionId,
    ...(request.partnersClientId === null ? {} : { [echo?.partnersClientIdKey ?? 'partnersClientId']: request.partnersClientId }),
    ...(request.partnersAllocationId === null ? {} : { [echo?.partnersAllocationIdKey ?? 'partnersAllocationId']: request.partnersAllocationId }),
    status: request.status,
  };
}
