import type { Logger } from '../../common/logger.js';
import type { WireAllocationType, WirePolicyResult } from '../../bitgo/wire.types.js';
import type { PartnerLedgerStore, PartnerRequest } from '../../store/partner-ledger.store.js';
import { sameAmount } from '../amount.js';
import type { EnterpriseAccess } from '../reads/enterprise-access.js';
import type { Caller } from '../caller.js';
import { inputProblems } from '../input.rules.js';
import { userError, UserErrorCode, type UserError } from '../user-error.js';
import type { PartnerUpdateRequest, PartnerUpdateResult, PartnerUpdateWorkflow } from '../writes/partner-update.workflow.js';

/** updateAllocation's input: beyond the id and the decision, every field may come from the ledger. */
export interface PartnerSettleRequest {
  enterpriseId?: string | null;
  type?: WireAllocationType | null;
  allocationId: string;
  status: 'cleared' | 'released';
  rejectReason?: string | null;
  amount?: { currency: string; quantity: string } | null;
  clientId?: string | null;
  connectionId?: string | null;
  partnersClientId?: string | null;
  partnersConnectionId?: string | null;
  partnersAllocationId?: string | null;
  evaluationId?: string | null;
  pendingApprovalId?: string | null;
  policyResult?: WirePolicyResult | null;
}

export interface PartnerSettleOptions {
  update: Pick<PartnerUpdateWorkflow, 'run'>;
  /** Absent when the gateway keeps no ledger: every field is then required, as BitGo requires it. */
  ledger: PartnerLedgerStore | undefined;
  /** The ledger is read only for a caller BitGo accepts for the partner enterprise (the ledger's reads use the same check). */
  access: Pick<EnterpriseAccess, 'check'>;
  /** The partner enterprise the ledger receives BitGo's calls for: the default `enterpriseId` when the ledger is used. */
  partnerEnterpriseId: string | undefined;
  logger: Logger;
}

const REQUIRED = ['amount', 'clientId', 'connectionId', 'partnersClientId', 'partnersConnectionId', 'partnersAllocationId'] as const;

/**
 * updateAllocation with the ledger's help: when BitGo's reservation request is in the ledger, the partner names
 * only the id and its decision, and the rest (amount, client, connection, the partner's ids and the type) comes
 * from what BitGo sent; the enterprise defaults to the partner enterprise. A field given anyway must agree with the ledger. Once BitGo accepts the
 * update, the ledger moves to the same final status.
 */
export class PartnerSettleWorkflow {
  constructor(private readonly options: PartnerSettleOptions) {}

  async run(caller: Caller, input: PartnerSettleRequest): Promise<PartnerUpdateResult> {
    const problems = await inputProblems(input);
    if (problems.length > 0) return { allocation: null, userErrors: problems };
    const id = input.allocationId.toLowerCase();
    const stored = await this.#stored(caller, input, id);
    const filled = stored ? fromLedger(input, stored) : complete(input, id);
    if (!('allocationId' in filled)) return { allocation: null, userErrors: filled.userErrors };

    const result = await this.options.update.run(caller, filled);
    // Accepted: no user error, or only "accepted but not read back".
    if (stored && this.options.ledger && result.userErrors.every((e) => e.code === UserErrorCode.READ_FAILED)) {
      try {
        await this.options.ledger.settle(id, { status: input.status, rejectReason: input.rejectReason ?? null, type: stored.type });
      } catch (error) {
        // BitGo holds the update; BitGo's own clear call (or a repeat of the mutation) moves the ledger later.
        this.options.logger.error({ id, err: error instanceof Error ? error.message : String(error) }, 'partner ledger not moved after an accepted update');
      }
    }
    return result;
  }

  /**
   * The enterprise's stored request for the id, if any. Nothing of the ledger (not even whether it holds the id)
   * is used before BitGo accepts the caller for the enterprise, so an unvetted caller learns nothing from it.
   */
  async #stored(caller: Caller, input: PartnerSettleRequest, id: string): Promise<PartnerRequest | undefined> {
    const { ledger, access, partnerEnterpriseId } = this.options;
    const enterpriseId = (input.enterpriseId ?? partnerEnterpriseId)?.toLowerCase();
    if (!ledger || !enterpriseId) return undefined;
    await access.check(caller, enterpriseId, 'partner', 'its partner ledger');
    const row = await ledger.find(id);
    return row?.enterpriseId === enterpriseId ? row : undefined;
  }
}

/** The input completed from the stored request, or CONFLICT user errors for every given field that disagrees. */
function fromLedger(input: PartnerSettleRequest, stored: PartnerRequest): PartnerUpdateRequest | { userErrors: UserError[] } {
  const conflicts: UserError[] = [];
  const disagree = (field: string, given: string | null | undefined, held: string | null, same = (a: string, b: string) => a === b) => {
    if (given != null && (held === null || !same(given, held))) {
      conflicts.push(userError(UserErrorCode.CONFLICT, `${field} does not match the request BitGo sent for ${stored.id} (the ledger holds ${held ?? 'none'})`, [field]));
    }
  };
  const caseless = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  disagree('type', input.type, stored.type);
  if (input.amount != null && !sameAmount(input.amount, stored)) {
    conflicts.push(userError(UserErrorCode.CONFLICT, `amount does not match the request BitGo sent for ${stored.id} (the ledger holds ${stored.quantity} ${stored.currency})`, ['amount']));
  }
  disagree('clientId', input.clientId, stored.clientId, caseless);
  disagree('connectionId', input.connectionId, stored.connectionId, caseless);
  disagree('partnersClientId', input.partnersClientId, stored.partnersClientId);
  disagree('partnersConnectionId', input.partnersConnectionId, stored.partnersConnectionId);
  // BitGo need not send the partner's own id: the partner may then name it (its own booking's id), or leave it
  // out and be known by BitGo's id. Only an id BitGo did send must be repeated exactly.
  if (stored.partnersAllocationId !== null) disagree('partnersAllocationId', input.partnersAllocationId, stored.partnersAllocationId);
  if (conflicts.length > 0) return { userErrors: conflicts };
  const partnersClientId = input.partnersClientId ?? stored.partnersClientId;
  if (partnersClientId == null) {
    return { userErrors: [userError(UserErrorCode.INVALID_INPUT, `partnersClientId is required: BitGo's request for ${stored.id} did not carry it`, ['partnersClientId'])] };
  }
  return {
    ...input,
    enterpriseId: stored.enterpriseId,
    type: stored.type,
    amount: input.amount ?? { currency: stored.currency, quantity: stored.quantity },
    clientId: input.clientId ?? stored.clientId,
    connectionId: input.connectionId ?? stored.connectionId,
    partnersClientId,
    partnersConnectionId: input.partnersConnectionId ?? stored.partnersConnectionId,
    partnersAllocationId: input.partnersAllocationId ?? stored.partnersAllocationId ?? stored.id,
  };
}

/** Without a stored request BitGo's fields are all required: one INVALID_INPUT user error per missing one. */
function complete(input: PartnerSettleRequest, id: string): PartnerUpdateRequest | { userErrors: UserError[] } {
  const missing = REQUIRED.filter((field) => input[field] == null);
  if (missing.length > 0) {
    return {
      userErrors: missing.map((field) =>
        userError(UserErrorCode.INVALID_INPUT, `${field} is required: the partner ledger holds no request ${id} to take it from`, [field]),
      ),
    };
  }
  return input as PartnerUpdateRequest;
}
