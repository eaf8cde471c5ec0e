import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AcceptAnswer } from '../../store/partner-connections.store.js';
import { parseConnectionBody, type InboundConnectionBody } from '../../workflows/partner/connection-body.js';
import { InboundBodyError } from '../../workflows/partner/inbound-body.js';
import type { PartnerConnectionsWorkflow } from '../../workflows/partner/partner-connections.workflow.js';
/** The refusal reasons this route reports (a subset of partner-webhook.route.ts's WEBHOOK_REFUSAL_REASONS). */
type Refuse = (reply: FastifyReply, status: number, reason: 'invalid_body' | 'conflict' | 'connection_token_refused', body: Record<string, unknown>) => FastifyReply;

/** Why a connection token was refused, as the answer says it. */
const TOKEN_REFUSALS = {
  unknown_token: 'the connection token is not one this partner issued',
  expired_token: 'the connection token has expired: ask the partner\'s platform for a new one',
  used_token: 'the connection token was already used for another connection',
} as const;

/**
 * POST /bitgo/v1/connections, on the scope of BitGo's other calls (the same `X-BitGo-Signature` check and one-time
 * jti). 200 `{ clientId, connectionId, partnersClientId, partnersConnectionId }` for an accepted connection, again for
 * every retry of it. BitGo's guide names no status for a refusal: a token that is unknown, expired or already used is
 * 422 (the request is well formed, and cannot be processed); an account that already has a connection, or a connection
 * id accepted for another client or token, is 409. Both carry `{ error, reason }`.
 */
export function registerPartnerConnectionRoute(scope: FastifyInstance, connections: PartnerConnectionsWorkflow, refused: Refuse): void {
  scope.post('/bitgo/v1/connections', async (request, reply) => {
    let body: InboundConnectionBody;
    try {
      body = parseConnectionBody(typeof request.body === 'string' ? request.body : '');
    } catch (error) {
      if (!(error instanceof InboundBodyError)) throw error;
      return refused(reply, 400, 'invalid_body', { error: error.message, field: error.field });
    }
    return answer(reply, body, await connections.accept(body), refused);
  });
}

function answer(reply: FastifyReply, body: InboundConnectionBody, result: AcceptAnswer, refused: Refuse): FastifyReply {
  const { connection } = result;
  if (result.outcome === 'conflict') return refused(reply, 409, 'conflict', { error: result.message, reason: 'conflict' });
  if (result.outcome === 'refused') {
    const refusal = connection.refusal ?? 'unknown_token';
    if (refusal === 'account_connected') {
      return refused(reply, 409, 'conflict', { error: 'the account this token stands for already has a connection: one connection per account', reason: refusal });
    }
    return refused(reply, 422, 'connection_token_refused', { error: TOKEN_REFUSALS[refusal], reason: refusal });
  }
  return reply.code(200).send({
    clientId: body.clientId,
    connectionId: connection.connectionId,
    partnersClientId: connection.partnersClientId,
    partnersConnectionId: connection.partnersConnectionId,
  });
}
