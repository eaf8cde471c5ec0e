import { isLosslessNumber, LosslessNumber, parse } from 'lossless-json';
import { isUuid } from '../../common/patterns.js';
import { textProblem } from '../input.rules.js';
import { InboundBodyError } from './inbound-body.js';

/** BitGo's POST /bitgo/v1/connections body: `{ clientId, connectionId, connectionToken, partnerId }`. */
export interface InboundConnectionBody {
  clientId: string;
  connectionId: string;
  connectionToken: string;
  partnerId: string;
}

const MAX_TOKEN = 512;

/**
 * The body as BitGo's partner guide shows it, read strictly: UUIDs lowercased, the token printable text. The guide
 * spells the partner id `PartnerId` in one place and lists a `clientWalletId` in another: both are accepted, and a
 * `partnerId` and `PartnerId` that disagree are refused.
 */
export function parseConnectionBody(text: string): InboundConnectionBody {
  if (text.trim() === '') throw new InboundBodyError(null, 'a JSON body is required');
  let body: unknown;
  try {
    body = parse(text, null, (digits) => new LosslessNumber(digits));
  } catch (error) {
    throw new InboundBodyError(null, `the body is not valid JSON: ${error instanceof Error ? error.message.slice(0, 200) : 'unreadable'}`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new InboundBodyError(null, 'the body must be a JSON object');
  const fields = body as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (!['clientId', 'connectionId', 'connectionToken', 'partnerId', 'PartnerId', 'clientWalletId'].includes(key)) {
      throw new InboundBodyError(key.slice(0, 100), `unknown field ${JSON.stringify(key.slice(0, 100))} in a connection request`);
    }
  }
  if (fields.partnerId !== undefined && fields.PartnerId !== undefined && fields.partnerId !== fields.PartnerId) {
    throw new InboundBodyError('PartnerId', 'PartnerId and partnerId name the same field and must agree');
  }
  if (fields.clientWalletId !== undefined) {
    const problem = isLosslessNumber(fields.clientWalletId) ? 'clientWalletId must be text' : textProblem(fields.clientWalletId, 'clientWalletId', 256);
    if (problem) throw new InboundBodyError('clientWalletId', problem);
  }
  const token = fields.connectionToken;
  if (token === undefined) throw new InboundBodyError('connectionToken', 'connectionToken is required');
  // The token is never echoed: the problem names the rule only.
  const problem = textProblem(token, 'connectionToken', MAX_TOKEN);
  if (problem) throw new InboundBodyError('connectionToken', problem);
  return {
    clientId: uuid(fields, 'clientId'),
    connectionId: uuid(fields, 'connectionId'),
    connectionToken: token as string,
    partnerId: uuid(fields, fields.partnerId === undefined && fields.PartnerId !== undefined ? 'PartnerId' : 'partnerId'),
  };
}

function uuid(fields: Record<string, unknown>, key: string): string {
  const value = fields[key];
  if (value === undefined) throw new InboundBodyError(key, `${key} is required`);
  if (!isUuid(value)) throw new InboundBodyError(key, `${key} must be a UUID`);
  return value.toLowerCase();
}
