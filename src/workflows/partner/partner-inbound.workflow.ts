import type { Logger } from '../../common/logger.js';
import type { PartnerLedgerStore, PartnerRequest, PartnerRequestType } from '../../store/partner-ledger.store.js';
import { sameAmount } from '../amount.js';
import type { InboundReservation } from './inbound-body.js';

export interface PartnerInboundOptions {
  ledger: PartnerLedgerStore;
  /** The partner enterprise this gateway receives BitGo's calls for. */
  enterpriseId: string;
  logger: Logger;
}

/** What the partner answers BitGo: the request as it stands, a conflict with its current status, or nothing known. */
export type InboundAnswer =
  | { outcome: 'ok'; request: PartnerRequest; created: boolean }
  | { outcome: 'conflict'; request: PartnerRequest; message: string }
  | { outcome: 'not_found'; message: string };

const article = (type: PartnerRequestType) => (type === 'allocation' ? 'an allocation' : 'a deallocation');

/**
 * The partner's side of "Allocate Assets": BitGo asks to reserve an amount, later says it is safe to credit
 * (clear). Idempotent on BitGo's id, and the idempotency is the ledger's (one row per id whatever races), so a
 * retry, a replica or a restart never reserves twice.
 */
export class PartnerInboundWorkflow {
  constructor(private readonly options: PartnerInboundOptions) {}

  /** A new id is RESERVED; a repeat answers the current state; a final id, or one reused for a different request, is a conflict. */
  async reserve(request: InboundReservation): Promise<InboundAnswer> {
    const { ledger, enterpriseId, logger } = this.options;
    const { echo: _echo, ...fields } = request;
    const { request: row, created } = await ledger.reserve({ ...fields, enterpriseId });
    if (created) {
      logger.info({ id: row.id, type: row.type, connectionId: row.connectionId }, 'partner request reserved');
      return { outcome: 'ok', request: row, created };
    }
    if (row.type !== request.type) return { outcome: 'conflict', request: row, message: `${request.id} is already ${article(row.type)}` };
    const differs = differences(row, request);
    if (differs.length > 0) {
      return { outcome: 'conflict', request: row, message: `${request.type} ${request.id} was received with a different ${differs.join(', ')}` };
    }
    if (row.status !== 'reserved') return { outcome: 'conflict', request: row, message: `${request.type} ${request.id} is already ${row.status}` };
    return { outcome: 'ok', request: row, created };
  }

  /** BitGo says a reservation may be credited: RESERVED → CLEARED; a repeat is fine; released or unknown is not. */
  async clear(type: PartnerRequestType, id: string): Promise<InboundAnswer> {
    const settled = await this.options.ledger.settle(id, { status: 'cleared', type });
    if (!settled || settled.request.type !== type) return { outcome: 'not_found', message: `no ${type} ${id} was reserved here` };
    const { request, moved } = settled;
    if (moved) this.options.logger.info({ id, type }, 'partner request cleared');
    if (request.status === 'cleared') return { outcome: 'ok', request, created: false };
    return { outcome: 'conflict', request, message: `${type} ${id} is already ${request.status}` };
  }
}

/**
 * What makes a repeat a different request: the amount, the client or the connection, on BitGo's side or the
 * partner's (the partner's client id names the account to credit). A partner id sent only once is no difference.
 */
function differences(row: PartnerRequest, request: InboundReservation): string[] {
  const out: string[] = [];
  if (!sameAmount(row, request)) out.push('amount');
  if (row.clientId !== request.clientId) out.push('clientId');
  if (row.connectionId !== request.connectionId) out.push('connectionId');
  if (row.partnersConnectionId !== request.partnersConnectionId) out.push('partnersConnectionId');
  for (const field of ['partnersClientId', 'partnersAllocationId'] as const) {
    if (row[field] !== null && request[field] !== null && row[field] !== request[field]) out.push(field);
  }
  return out;
}
