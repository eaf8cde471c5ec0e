import { getAllocation, partnerUpdatePath } from '../../bitgo/allocations.api.js';
import { partnerUpdate } from '../../bitgo/payloads.js';
import type { WireAllocation, WireAllocationType, WirePartnerUpdateFields, WirePolicyResult } from '../../bitgo/wire.types.js';
import { newNonce } from '../../signing/nonce.js';
import type { NewSignedRequest, SignedRequestKey } from '../../store/journal.store.js';
import { sameAmount } from '../amount.js';
import { callerName, callOptions, requireEnterpriseId, requireToken, type Caller } from '../caller.js';
import { withScope } from '../reads/read-scope.js';
import { upstreamRefusal } from '../upstream-refusal.js';
import { userError, UserErrorCode, type UserError } from '../user-error.js';
import { sendJournaled } from './journaled-send.js';
import { sendPartnerUpdate } from './partner-update.signed-kind.js';
import { signatureDigest, signerFor, timedSign, type WriteDeps } from './write.deps.js';
import { NO_WRITE_OBSERVER, observed } from './write.observer.js';
import { partnerUpdateUnknownMessage, refusal } from './write-outcome.js';

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
 * the contract's key order, signed, committed to the journal under (partner enterprise, allocation id and
 * target status) and PUT; the answer is the allocation as BitGo then holds it. Journaled like allocate: one
 * nonce and signature per key, and every repeat, replica and reconciler re-send sends the committed bytes.
 */
export class PartnerUpdateWorkflow {
  constructor(private readonly deps: WriteDeps) {}

  run(caller: Caller, input: PartnerUpdateRequest): Promise<PartnerUpdateResult> {
    return observed(this.deps.observer ?? NO_WRITE_OBSERVER, 'update_allocation', () => this.#run(caller, input));
  }

  /**
   * `input` was checked by its one caller, PartnerSettleWorkflow, before the ledger completed it; the fields taken
   * from the ledger were checked when BitGo sent them (inbound-body.ts). No second check here: it repeated the
   * first on the caller's own input, and on an input completed from the ledger (a plain object, which carries no
   * class-validator rules) it checked nothing at all.
   */
  async #run(caller: Caller, input: PartnerUpdateRequest): Promise<PartnerUpdateResult> {
    requireToken(caller);
    const enterpriseId = requireEnterpriseId(input.enterpriseId, this.deps.defaultEnterpriseId).toLowerCase();
    const signer = signerFor(this.deps, enterpriseId);
    const allocationId = input.allocationId.toLowerCase();
    const type: WireAllocationType = input.type ?? 'allocation';
    const fields: Omit<WirePartnerUpdateFields, 'nonce'> = {
      status: input.status,
      ...(input.rejectReason != null ? { rejectReason: input.rejectReason } : {}),
      allocationId,
      amount: { currency: input.amount.currency, quantity: input.amount.quantity },
      clientId: input.clientId.toLowerCase(),
      connectionId: input.connectionId.toLowerCase(),
      partnersClientId: input.partnersClientId,
      partnersConnectionId: input.partnersConnectionId,
      partnersAllocationId: input.partnersAllocationId,
      ...(input.evaluationId != null ? { evaluationId: input.evaluationId } : {}),
      ...(input.pendingApprovalId != null ? { pendingApprovalId: input.pendingApprovalId } : {}),
      ...(input.policyResult != null ? { policyResult: input.policyResult } : {}),
    };
    const key: SignedRequestKey = { enterpriseId, kind: 'update_allocation', idempotencyKey: `${allocationId}:${input.status}` };
    // Everything but the key: a different update under the key is told apart from a repeat.
    const fingerprint = JSON.stringify([type, fields.rejectReason ?? null, fields.amount.currency, fields.amount.quantity, fields.clientId,
      fields.connectionId, fields.partnersClientId, fields.partnersConnectionId, fields.partnersAllocationId, fields.evaluationId ?? null,
      fields.pendingApprovalId ?? null, fields.policyResult ?? null]);

    const sign = async (): Promise<NewSignedRequest> => {
      const nonce = newNonce();
      const { payload, body } = partnerUpdate(type, { ...fields, nonce });
      const signature = await timedSign(this.deps, signer, payload);
      return {
        ...key,
        fingerprint,
        method: 'PUT',
        path: partnerUpdatePath(enterpriseId, type),
        body: body(payload, signature),
        payload,
        nonce,
        signatureSha256: signatureDigest(signature),
        caller: callerName(caller),
        clientExternalId: null,
        allocationId,
        connectionId: fields.connectionId,
        currency: fields.amount.currency,
        quantity: fields.amount.quantity,
      };
    };
    const sent = await sendJournaled(this.deps, caller, { key, fingerprint, sign, send: sendPartnerUpdate });
    if (sent.kind === 'stopped') return { allocation: null, userErrors: [sent.userError] };
    if (sent.kind === 'conflict') return { allocation: null, userErrors: [userError(UserErrorCode.CONFLICT, UNSETTLED_UPDATE_CONFLICT, ['status'])] };
    const { outcome, different } = sent;
    const userErrors: UserError[] = different ? [UPDATE_MADE_OTHERWISE] : [];
    switch (outcome.kind) {
      case 'applied':
        this.deps.logger.info({ requestId: caller.requestId, allocationId, status: input.status }, 'partner allocation updated');
        break;
      case 'unknown':
        this.deps.logger.warn(
          { requestId: caller.requestId, allocationId, status: input.status, kind: outcome.error?.kind, httpStatus: outcome.error?.status, why: outcome.why },
          'partner update outcome unknown',
        );
        return { allocation: null, userErrors: [userError(UserErrorCode.OUTCOME_UNKNOWN, partnerUpdateUnknownMessage(allocationId, this.deps.reconciling === true))] };
      case 'refused': {
        if (outcome.error.status === 409) {
          userErrors.push(userError(UserErrorCode.CONFLICT, upstreamRefusal(outcome.error).message, ['status']));
          break;
        }
        const problem = refusal(outcome.error, ['allocationId']);
        if (problem.code === UserErrorCode.REJECTED && problem.field === null) problem.field = await this.#fieldAtFault(caller, enterpriseId, allocationId, fields);
        return { allocation: null, userErrors: [problem] };
      }
      case 'accepted':
      case 'refused-with-record':
        throw new Error('a partner update answered with a record');
    }
    return this.#readBack(caller, enterpriseId, allocationId, userErrors);
  }

  /**
   * Which input field BitGo's refusal is about, when the allocation as BitGo holds it shows one (BitGo's
   * message names no field): its amount or its connection. Read only after a refusal, so a good update costs
   * nothing more; null when the read fails or nothing differs.
   */
  async #fieldAtFault(caller: Caller, enterpriseId: string, allocationId: string, sent: Omit<WirePartnerUpdateFields, 'nonce'>): Promise<string[] | null> {
    try {
      const { allocation } = await getAllocation(this.deps.client, enterpriseId, 'partner', allocationId, callOptions(caller));
      if (!sameAmount(allocation.amount, sent.amount)) return ['input', 'amount'];
      if (allocation.connectionId.toLowerCase() !== sent.connectionId) return ['input', 'connectionId'];
    } catch {
      // the refusal stands as BitGo gave it
    }
    return null;
  }

  /** The allocation as BitGo now holds it; a failed read after an accepted update says so instead of failing the mutation. */
  async #readBack(caller: Caller, enterpriseId: string, allocationId: string, problems: UserError[]): Promise<PartnerUpdateResult> {
    try {
      const { allocation } = await getAllocation(this.deps.client, enterpriseId, 'partner', allocationId, callOptions(caller));
      withScope([allocation], { enterpriseId, view: 'partner' });
      await this.deps.changes?.allocationAnswered({ enterpriseId, view: 'partner', source: 'PARTNER_UPDATE', allocation });
      return { allocation, userErrors: problems };
    } catch {
      const readFailed = userError(UserErrorCode.READ_FAILED, 'The allocation could not be read back from BitGo; query allocation(id) to see its state');
      return { allocation: null, userErrors: [...problems, readFailed] };
    }
  }
}

const UNSETTLED_UPDATE_CONFLICT =
  'A different update of this allocation to this status has not been settled yet; repeat that one exactly, or wait for it to settle';

/** A repeat under a settled key with other fields: the held update was re-sent, and the caller is told it is not theirs. */
const UPDATE_MADE_OTHERWISE = userError(
  UserErrorCode.CONFLICT,
  'This allocation was already updated to this status with different fields; the allocation shown is as BitGo holds it',
  ['status'],
);
