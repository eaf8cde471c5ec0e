import { isLosslessNumber } from 'lossless-json';
import { textProblem } from '../input.rules.js';
import { InboundBodyError, parseBodyObject, uuidField } from './inbound-body.js';

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
  const fields = parseBodyObject(text);
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
    clientId: uuidField(fields, 'clientId'),
    connectionId: uuidField(fields, 'connectionId'),
    connectionToken: token as string,
    partnerId: uuidField(fields, fields.partnerId === undefined && fields.PartnerId !== undefined ? 'PartnerId' : 'partnerId'),
  };
}
