import type { BitGoTransport } from '../../bitgo/allocations.api.js';
import { listPartners } from '../../bitgo/connect.api.js';
import { listDisputes } from '../../bitgo/disputes.api.js';
import { BitGoError } from '../../bitgo/errors.js';
import type { WireDispute, WireSettlement } from '../../bitgo/settlement.wire.js';
import { getSettlement } from '../../bitgo/settlements.api.js';
import { callOptions, type Caller } from '../caller.js';
import { userError, UserErrorCode, type UserError } from '../user-error.js';
import { refusal } from '../writes/write-outcome.js';

/**
 * What a dispute request checks before anything is signed: the settlement (and the dispute) as BitGo holds them for
 * the client, and the settlement's dispute window. The window runs from the later of the settlement's creation and its
 * cutoffAt for the partner's `clientDisputeWindowMinutes`; only a pending settlement can be disputed. BitGo checks it
 * again (its clock is the one that counts): a refusal that says so is answered as DISPUTE_WINDOW_CLOSED too.
 */

export interface DisputedSettlement {
  settlement: WireSettlement;
  /** When the window closes; null when BitGo gives the partner no window (BitGo alone decides then). */
  windowClosesAt: Date | null;
}

/** The end of a settlement's dispute window, given the partner's window in minutes. */
export function windowEnd(settlement: WireSettlement, windowMinutes: number | undefined): Date | null {
  if (windowMinutes === undefined) return null;
  const from = Math.max(Date.parse(settlement.createdAt), settlement.cutoffAt ? Date.parse(settlement.cutoffAt) : 0);
  return new Date(from + windowMinutes * 60_000);
}

/** A BitGo refusal that is about the window (its words), told apart from other refusals. */
export function windowRefusal(error: BitGoError): UserError | undefined {
  const said = error.bitgoMessage ?? '';
  return !error.outcomeUnknown && (error.status === 400 || error.status === 409 || error.status === 422) && /window|no longer pending|not pending/i.test(said)
    ? userError(UserErrorCode.DISPUTE_WINDOW_CLOSED, `BitGo refused: ${said}`)
    : undefined;
}

export class DisputeChecks {
  constructor(
    private readonly client: BitGoTransport,
    private readonly now: () => number = Date.now,
  ) {}

  /** The client's settlement and its window, or the user error (not found, not pending, the window passed). */
  async settlement(caller: Caller, enterpriseId: string, settlementId: string, field: readonly string[]): Promise<DisputedSettlement | UserError> {
    const call = callOptions(caller);
    let settlement: WireSettlement;
    try {
      ({ settlement } = await getSettlement(this.client, enterpriseId, 'client', settlementId, { pageNumber: 0, pageSize: 1 }, call));
    } catch (error) {
      if (error instanceof BitGoError && error.status === 404) return userError(UserErrorCode.NOT_FOUND, `BitGo knows no settlement ${settlementId} of enterprise ${enterpriseId}`, field);
      return refusal(error, field);
    }
    let windowMinutes: number | undefined;
    try {
      const { partners } = await listPartners(this.client, enterpriseId, { ids: [settlement.partnerId], pageNumber: 0, pageSize: 1 }, call);
      windowMinutes = partners.find((p) => p.id.toLowerCase() === settlement.partnerId.toLowerCase())?.clientDisputeWindowMinutes;
    } catch (error) {
      return refusal(error, field);
    }
    const closesAt = windowEnd(settlement, windowMinutes);
    if (settlement.status !== 'pending') {
      return userError(UserErrorCode.DISPUTE_WINDOW_CLOSED, `settlement ${settlement.id} is ${settlement.status}: only a pending settlement, inside its dispute window, can be disputed`, field);
    }
    if (closesAt && this.now() >= closesAt.getTime()) {
      return userError(UserErrorCode.DISPUTE_WINDOW_CLOSED, `the dispute window of settlement ${settlement.id} closed at ${closesAt.toISOString()}`, field);
    }
    return { settlement, windowClosesAt: closesAt };
  }

  /** The client's dispute, or NOT_FOUND. */
  async dispute(caller: Caller, enterpriseId: string, disputeId: string, field: readonly string[]): Promise<WireDispute | UserError> {
    try {
      const { disputes } = await listDisputes(this.client, enterpriseId, 'client', { disputeIds: [disputeId], pageNumber: 0, pageSize: 1 }, callOptions(caller));
      return disputes.find((d) => d.id.toLowerCase() === disputeId) ?? userError(UserErrorCode.NOT_FOUND, `BitGo knows no dispute ${disputeId} of enterprise ${enterpriseId}`, field);
    } catch (error) {
      return refusal(error, field);
    }
  }
}
