import { randomUUID } from 'node:crypto';
import { getSigningPayload, submitPath } from '../../bitgo/allocations.api.js';
import { allocateBody, signingRequest } from '../../bitgo/payloads.js';
import type { WireAllocation, WireAllocationType } from '../../bitgo/wire.types.js';
import { newNonce } from '../../signing/nonce.js';
import type { NewSignedRequest, SignedRequestKey } from '../../store/journal.store.js';
import { requireEnterpriseId, requireToken, callerName, type Caller } from '../caller.js';
import { inputProblems } from '../input.rules.js';
import { withScope } from '../reads/read-scope.js';
import { upstreamRefusal } from '../upstream-refusal.js';
import { userError, UserErrorCode, type UserError } from '../user-error.js';
import { AllocateDryRun } from './allocate-dry-run.workflow.js';
import { sendAllocation } from './allocation.signed-kind.js';
import { sendJournaled } from './journaled-send.js';
import type { SendOutcome } from './send-outcome.js';
import { checkSigningPayload } from './signing-payload.check.js';
import { signatureDigest, signerFor, timedSign, writeOptions, type WriteDeps } from './write.deps.js';
import { NO_WRITE_OBSERVER, observed } from './write.observer.js';
import {
  differsFrom,
  KEY_USED_ELSEWHERE,
  refusal,
  released,
  UNSETTLED_CONFLICT,
  unknownOutcome,
  type AllocateResult,
  type Asked,
} from './write-outcome.js';

/** What a client asks to allocate (or deallocate); validated by the rules on its input class first. */
export interface AllocateRequest {
  enterpriseId?: string | null;
  connectionId: string;
  amount: { currency: string; quantity: string };
  clientExternalId?: string | null;
  notes?: string | null;
  /** Check and preview only: no signature, no write, nothing journaled. */
  dryRun?: boolean | null;
}

/**
 * allocate / deallocate: validate, fetch the canonical payload, check it, sign, commit the exact bytes to the
 * journal, submit, and turn every BitGo outcome into an answer. One nonce and one signature per key: retries,
 * repeats and other replicas send the committed bytes. Once a signed request may have reached BitGo, no
 * failure is thrown: the answer carries the clientExternalId.
 */
export class AllocateWorkflow {
  readonly #dryRun: AllocateDryRun;

  constructor(private readonly deps: WriteDeps) {
    this.#dryRun = new AllocateDryRun(deps);
  }

  run(caller: Caller, type: WireAllocationType, input: AllocateRequest): Promise<AllocateResult> {
    return observed(this.deps.observer ?? NO_WRITE_OBSERVER, type === 'allocation' ? 'allocate' : 'deallocate', () => this.#run(caller, type, input));
  }

  async #run(caller: Caller, type: WireAllocationType, input: AllocateRequest): Promise<AllocateResult> {
    const clientExternalId = input.clientExternalId ?? randomUUID();
    const problems = await inputProblems(input);
    if (problems.length > 0) return { allocation: null, clientExternalId, userErrors: problems };
    requireToken(caller);
    const asked: Asked = {
      enterpriseId: requireEnterpriseId(input.enterpriseId, this.deps.defaultEnterpriseId).toLowerCase(),
      // BitGo's UUIDs are lowercase: compared and sent that way, whatever case the caller used.
      connectionId: input.connectionId.toLowerCase(),
      amount: { currency: input.amount.currency, quantity: input.amount.quantity },
      clientExternalId,
      notes: input.notes ?? undefined,
    };
    // Before the journal is even read: a dry run holds nothing and answers for no key.
    if (input.dryRun === true) return this.#dryRun.run(caller, type, asked);
    const key: SignedRequestKey = { enterpriseId: asked.enterpriseId, kind: type === 'allocation' ? 'allocate' : 'deallocate', idempotencyKey: clientExternalId };
    const fingerprint = JSON.stringify([asked.connectionId, asked.amount.currency, asked.amount.quantity, asked.notes ?? null]);

    const sent = await sendJournaled(this.deps, caller, { key, fingerprint, sign: () => this.#sign(caller, type, asked, key, fingerprint), send: sendAllocation });
    if (sent.kind === 'stopped') return { allocation: null, clientExternalId, userErrors: [sent.userError] };
    if (sent.kind === 'conflict') return { allocation: null, clientExternalId, userErrors: [userError(UserErrorCode.CONFLICT, UNSETTLED_CONFLICT, ['clientExternalId'])] };
    const { outcome } = sent;
    // What BitGo definitely holds reaches live subscriptions (an unknown outcome's record may be stale).
    if (outcome.kind === 'accepted' || outcome.kind === 'refused-with-record') {
      await this.deps.changes?.allocationAnswered({ enterpriseId: asked.enterpriseId, view: 'client', source: 'MUTATION', allocation: outcome.record });
    }
    const answer = this.#answer(caller, type, asked, outcome);
    // Fields that read on (its connection) read in the enterprise that wrote it.
    if (answer.allocation) withScope([answer.allocation], { enterpriseId: asked.enterpriseId, view: 'client' });
    // Settled under this key for another request: BitGo's answer to that request's bytes shows what it holds.
    if (sent.different && answer.allocation && !answer.userErrors.some((e) => e.code === UserErrorCode.CONFLICT)) answer.userErrors.push(KEY_USED_ELSEWHERE);
    return answer;
  }

  /** Canonical payload from BitGo, checked, signed: the request to commit, or the user error that stopped it. */
  async #sign(caller: Caller, type: WireAllocationType, asked: Asked, key: SignedRequestKey, fingerprint: string): Promise<NewSignedRequest | UserError> {
    const signer = signerFor(this.deps, asked.enterpriseId);
    const request = signingRequest({ amount: asked.amount, clientExternalId: asked.clientExternalId, nonce: newNonce(), notes: asked.notes });
    // Beside the payload's fetch, not after it: cached, it costs nothing; cold, one round trip more at most.
    const unsupported = this.deps.currencies?.problem(caller, asked.enterpriseId, asked.connectionId, asked.amount.currency);
    let payload: string;
    try {
      ({ payload } = await getSigningPayload(this.deps.client, asked.enterpriseId, asked.connectionId, type, request, writeOptions(this.deps, caller)));
    } catch (error) {
      // Nothing was submitted yet: an upstream failure here is a plain, retryable error (or the currency explains it).
      return (await unsupported) ?? refusal(error, ['connectionId']);
    }
    const problem = await unsupported;
    if (problem) return problem;
    checkSigningPayload(payload, { ...request, connectionId: asked.connectionId, enterpriseId: asked.enterpriseId });
    const signature = await timedSign(this.deps, signer, payload);
    return {
      ...key,
      fingerprint,
      method: 'POST',
      path: submitPath(asked.enterpriseId, asked.connectionId, type),
      body: allocateBody(request, payload, signature),
      payload,
      nonce: request.nonce,
      signatureSha256: signatureDigest(signature),
      caller: callerName(caller),
      clientExternalId: asked.clientExternalId,
      allocationId: null,
      connectionId: asked.connectionId,
      currency: asked.amount.currency,
      quantity: asked.amount.quantity,
    };
  }

  /**
   * BitGo's answer as the mutation's result. Once the signed request may have reached BitGo nothing is thrown: every
   * answer carries the clientExternalId. Only a definite 401/403 to a first send, which changed nothing, stays top-level.
   */
  #answer(caller: Caller, type: WireAllocationType, asked: Asked, outcome: SendOutcome<WireAllocation>): AllocateResult {
    const { logger } = this.deps;
    const { clientExternalId } = asked;
    switch (outcome.kind) {
      case 'accepted': {
        const { record } = outcome;
        logger.info({ requestId: caller.requestId, type, clientExternalId, allocationId: record.id, status: record.status }, 'allocation submitted');
        const problem = record.status === 'released' ? released(type, record, undefined) : differsFrom(record, asked, type);
        return { allocation: record, clientExternalId, userErrors: problem ? [problem] : [] };
      }
      case 'refused-with-record': {
        const { record, error } = outcome;
        logger.info({ requestId: caller.requestId, type, clientExternalId, allocationId: record.id, status: record.status }, 'allocation refused');
        const problem = record.status === 'released' ? released(type, record, error.bitgoMessage) : userError(UserErrorCode.REJECTED, upstreamRefusal(error).message);
        return { allocation: record, clientExternalId, userErrors: [problem] };
      }
      case 'unknown': {
        const { error } = outcome;
        logger.warn(
          { requestId: caller.requestId, type, clientExternalId, kind: error?.kind, status: error?.status, upstreamRequestId: error?.requestId, why: outcome.why },
          'allocation outcome unknown',
        );
        return unknownOutcome(clientExternalId, outcome.record, this.deps.reconciling === true);
      }
      case 'refused':
        // A first send: BitGo holds nothing under the key (the answer released it), so a corrected request may use it.
        // A replay refused for the caller's credentials (401, 403): top-level, and the row is as it was.
        return { allocation: null, clientExternalId, userErrors: [refusal(outcome.error, ['connectionId'])] };
      case 'applied':
        throw new Error('an allocation send answered as a partner update');
    }
  }
}
