import { getAllocation, partnerUpdatePath, updatePartnerRecord } from '../../bitgo/allocations.api.js';
import { BitGoError } from '../../bitgo/errors.js';
import { partnerUpdate } from '../../bitgo/payloads.js';
import type { WireAllocation, WireAllocationType, WirePartnerUpdateFields, WirePolicyResult } from '../../bitgo/wire.types.js';
import { newNonce } from '../../signing/nonce.js';
import { callOptions, requireEnterpriseId, requireToken, type Caller } from '../caller.js';
import { inputProblems } from '../input.rules.js';
import { withScope } from '../reads/read-scope.js';
import { upstreamRefusal } from '../upstream-refusal.js';
import { userError, UserErrorCode, type UserError } from '../user-error.js';
import { signerFor, timedSign, writeOptions, type WriteDeps } from './write.deps.js';
import { NO_WRITE_OBSERVER, observed } from './write.observer.js';
import { refusal } from './write-outcome.js';

/** A partner's decision on a reserved allocation (or deallocation), as the partner's operator gives it. */
export interface PartnerUpdateRequest {
  enterpriseId?: string | null;
  type?: WireAllocationType | null;
  allocationId: string;
  status: 'cleared' | 'released';
  rejectReason?: string | null;
  amount: { currency: string; quantity: string };
  clientId: string;
  connectionId: string;
  partnersClientId: string;
  partnersConnectionId: string;
  partnersAllocationId: string;
  evaluationId?: string | null;
  pendingApprovalId?: string | null;
  policyResult?: WirePolicyResult | null;
}

export interface PartnerUpdateResult {
  allocation: WireAllocation | null;
  userErrors: UserError[];
}

/**
 * updateAllocation: a partner with asynchronous allocations clears or releases one. The payload is built in
 * the contract's key order, signed and PUT; the answer is the allocation as BitGo then holds it.
 */
export class PartnerUpdateWorkflow {
  constructor(private readonly deps: WriteDeps) {}

  run(caller: Caller, input: PartnerUpdateRequest): Promise<PartnerUpdateResult> {
    return observed(this.deps.observer ?? NO_WRITE_OBSERVER, 'update_allocation', () => this.#run(caller, input));
  }

  async #run(caller: Caller, input: PartnerUpdateRequest): Promise<PartnerUpdateResult> {
    const problems = await inputProblems(input);
    if (problems.length > 0) return { allocation: null, userErrors: problems };
    requireToken(caller);
    const enterpriseId = requireEnterpriseId(input.enterpriseId, this.deps.defaultEnterpriseId).toLowerCase();
    const signer = signerFor(this.deps, enterpriseId);
    const allocationId = input.allocationId.toLowerCase();
    const fields: WirePartnerUpdateFields = {
      status: input.status,
      ...(input.rejectReason != null ? { rejectReason: input.rejectReason } : {}),
      allocationId,
      amount: { currency: input.amount.currency, quantity: input.amount.quantity },
      clientId: input.clientId.toLowerCase(),
      connectionId: input.connectionId.toLowerCase(),
      partnersClientId: input.partnersClientId,
      partnersConnectionId: input.partnersConnectionId,
      partnersAllocationId: input.partnersAllocationId,
      nonce: newNonce(),
      ...(input.evaluationId != null ? { evaluationId: input.evaluationId } : {}),
      ...(input.pendingApprovalId != null ? { pendingApprovalId: input.pendingApprovalId } : {}),
      ...(input.policyResult != null ? { policyResult: input.policyResult } : {}),
    };
    const type: WireAllocationType = input.type ?? 'allocation';
    const { payload, body } = partnerUpdate(type, fields);
    const signature = await timedSign(this.deps, signer, payload);
    let conflict: UserError | undefined;
    try {
      await updatePartnerRecord(this.deps.client, type, partnerUpdatePath(enterpriseId, type), body(payload, signature), writeOptions(this.deps, caller));
    } catch (error) {
      if (error instanceof BitGoError && error.outcomeUnknown) {
        // A partner update is idempotent for the same target status: repeating it is safe.
        return {
          allocation: null,
          userErrors: [userError(UserErrorCode.OUTCOME_UNKNOWN, 'BitGo did not confirm the update in time; repeat the mutation: the same status is applied once')],
        };
      }
      if (!(error instanceof BitGoError && error.status === 409)) {
        const problem = refusal(error, ['allocationId']);
        if (problem.code === UserErrorCode.REJECTED && problem.field === null) problem.field = await this.#fieldAtFault(caller, enterpriseId, allocationId, fields);
        return { allocation: null, userErrors: [problem] };
      }
      conflict = userError(UserErrorCode.CONFLICT, upstreamRefusal(error).message, ['status']);
    }
    if (!conflict) this.deps.logger.info({ requestId: caller.requestId, allocationId, status: input.status }, 'partner allocation updated');
    return this.#readBack(caller, enterpriseId, allocationId, conflict);
  }

  /**
   * Which input field BitGo's refusal is about, when the allocation as BitGo holds it shows one (BitGo's
   * message names no field): its amount or its connection. Read only after a refusal, so a good update costs
   * nothing more; null when the read fails or nothing differs.
   */
  async #fieldAtFault(caller: Caller, enterpriseId: string, allocationId: string, sent: WirePartnerUpdateFields): Promise<string[] | null> {
    try {
      const { allocation } = await getAllocation(this.deps.client, enterpriseId, 'partner', allocationId, callOptions(caller));
      if (allocation.amount.currency !== sent.amount.currency || BigInt(allocation.amount.quantity) !== BigInt(sent.amount.quantity)) return ['input', 'amount'];
      if (allocation.connectionId.toLowerCase() !== sent.connectionId) return ['input', 'connectionId'];
    } catch {
      // the refusal stands as BitGo gave it
    }
    return null;
  }

  /** The allocation as BitGo now holds it; a failed read after an accepted update says so instead of failing the mutation. */
  async #readBack(caller: Caller, enterpriseId: string, allocationId: string, problem: UserError | undefined): Promise<PartnerUpdateResult> {
    try {
      const { allocation } = await getAllocation(this.deps.client, enterpriseId, 'partner', allocationId, callOptions(caller));
      withScope([allocation], { enterpriseId, view: 'partner' });
      return { allocation, userErrors: problem ? [problem] : [] };
    } catch {
      const readFailed = userError(UserErrorCode.READ_FAILED, 'The allocation could not be read back from BitGo; query allocation(id) to see its state');
      return { allocation: null, userErrors: problem ? [problem, readFailed] : [readFailed] };
    }
  }
}
