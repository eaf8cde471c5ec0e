import { randomUUID } from 'node:crypto';
import { disputeClosePath, disputePath, disputeUpdatePath } from '../../bitgo/disputes.api.js';
import { disputeCloseRequest, disputeRequest, disputeUpdateRequest } from '../../bitgo/settlement.payloads.js';
import type { WireDispute, WireDisputeClosure, WireSettlement } from '../../bitgo/settlement.wire.js';
import { newNonce } from '../../signing/nonce.js';
import type { SignedRequestKey, SignedRequestKind } from '../../store/journal.store.js';
import { callerName, requireEnterpriseId, requireToken, type Caller } from '../caller.js';
import { inputProblems } from '../input.rules.js';
import { withScope } from '../reads/read-scope.js';
import { resendHold } from '../reconcile.workflow.js';
import { userError, UserErrorCode, type UserError } from '../user-error.js';
import { sendDispute, sendDisputeClose, sendDisputeUpdate } from '../writes/dispute.signed-kind.js';
import { sendJournaled } from '../writes/journaled-send.js';
import type { SignedKind } from '../writes/signed-kind.js';
import { signatureDigest, signerFor, timedSign, type WriteDeps } from '../writes/write.deps.js';
import { NO_WRITE_OBSERVER, observed } from '../writes/write.observer.js';
import { refusal, UNSETTLED_CONFLICT } from '../writes/write-outcome.js';
import { DisputeChecks, windowRefusal } from './dispute-window.js';

type Amounts = readonly { currency: string; quantity: string }[];

interface Common {
  enterpriseId?: string | null;
  clientRequestId?: string | null;
  dryRun?: boolean | null;
}

export interface DisputeSettlementRequest extends Common {
  settlementId: string;
  /** The client's connection the settlement moved; defaults to the one the settlement's partner has. */
  connectionId: string;
  reason?: string | null;
  /** What the client expected per currency (signed: negative, it expected to pay); may be empty (expected nothing). */
  expectedTransfers: Amounts;
}

export interface UpdateSettlementDisputeRequest extends Common {
  disputeId: string;
  retracted: boolean;
  reason?: string | null;
  expectedTransfers?: Amounts | null;
}

export interface CloseSettlementDisputeRequest extends Common {
  disputeId: string;
  notes: string;
}

export interface DisputeDryRun {
  payload: string;
  settlement: WireSettlement;
  windowClosesAt: Date | null;
}

export interface DisputeResult<R> {
  record: R | null;
  clientRequestId: string;
  userErrors: UserError[];
  dryRun?: DisputeDryRun | null;
}

/** What one of the three asks, once checked: the journal row's parts and the dry run's view. */
interface Prepared {
  enterpriseId: string;
  settlement: WireSettlement;
  windowClosesAt: Date | null;
  path: string;
  connectionId: string;
  subjectId: string;
  request: (nonce: string) => { payload: string; body: (signature: string) => string };
}

function expectedOf(amounts: Amounts, field: string): { map: Record<string, string> } | { error: UserError } {
  const map: Record<string, string> = {};
  for (const [i, { currency, quantity }] of amounts.entries()) {
    if (map[currency] !== undefined) return { error: userError(UserErrorCode.INVALID_INPUT, `currency ${currency} is named twice`, [field, String(i), 'currency']) };
    map[currency] = quantity;
  }
  return { map: Object.fromEntries(Object.keys(map).sort().map((c) => [c, map[c]!])) };
}

const UNKNOWN = (id: string) =>
  `BitGo did not confirm the dispute request in time. Repeat this mutation with the same clientRequestId: the gateway first reads BitGo's disputes for what ` +
  `this request did and re-sends the signed request only when it finds nothing. signedRequests(filter: { clientExternalId: ${JSON.stringify(id)} }) shows where it stands.`;

/**
 * disputeSettlement, updateSettlementDispute (retract, un-retract) and closeSettlementDispute: each checked (the
 * settlement the client's, pending, inside its window), its payload built as the contract defines it (BitGo has no
 * signing route for them), signed, journaled under the caller's key (or one the gateway makes), and sent.
 */
export class DisputeWorkflow {
  readonly #checks: DisputeChecks;

  constructor(private readonly deps: WriteDeps) {
    this.#checks = new DisputeChecks(deps.client);
  }

  dispute(caller: Caller, input: DisputeSettlementRequest): Promise<DisputeResult<WireDispute>> {
    return this.#run<WireDispute>(caller, input, 'dispute_settlement', sendDispute, () => JSON.stringify([input.settlementId.toLowerCase(), input.connectionId.toLowerCase(), input.reason ?? null, expectedOf(input.expectedTransfers, 'expectedTransfers')]), async (enterpriseId) => {
      const expected = expectedOf(input.expectedTransfers, 'expectedTransfers');
      if ('error' in expected) return expected.error;
      const settlementId = input.settlementId.toLowerCase();
      const checked = await this.#checks.settlement(caller, enterpriseId, settlementId, ['settlementId']);
      if ('code' in checked) return checked;
      const connectionId = input.connectionId.toLowerCase();
      return {
        enterpriseId,
        ...checked,
        path: disputePath(enterpriseId, settlementId),
        connectionId,
        subjectId: settlementId,
        request: (nonce) => disputeRequest({ connectionId, reason: input.reason ?? undefined, expectedTransfers: expected.map, nonce, settlementId, enterpriseId }),
      };
    });
  }

  update(caller: Caller, input: UpdateSettlementDisputeRequest): Promise<DisputeResult<WireDispute>> {
    return this.#run<WireDispute>(caller, input, 'update_settlement_dispute', sendDisputeUpdate, () => JSON.stringify([input.disputeId.toLowerCase(), input.retracted, input.reason ?? null, input.expectedTransfers ? expectedOf(input.expectedTransfers, 'expectedTransfers') : null]), async (enterpriseId) => {
      const expected = input.expectedTransfers ? expectedOf(input.expectedTransfers, 'expectedTransfers') : undefined;
      if (expected && 'error' in expected) return expected.error;
      const disputeId = input.disputeId.toLowerCase();
      const dispute = await this.#checks.dispute(caller, enterpriseId, disputeId, ['disputeId']);
      if ('code' in dispute) return dispute;
      if (dispute.disputeClosureId || dispute.disputeClosure) return userError(UserErrorCode.CONFLICT, `dispute ${disputeId} is closed: it can no longer be retracted or un-retracted`, ['disputeId']);
      const checked = await this.#checks.settlement(caller, enterpriseId, dispute.disputedSettlementId, ['disputeId']);
      if ('code' in checked) return checked;
      const { connectionId, disputedSettlementId: settlementId } = dispute;
      const map = expected?.map;
      return {
        enterpriseId,
        ...checked,
        path: disputeUpdatePath(enterpriseId, disputeId),
        connectionId,
        subjectId: disputeId,
        request: (nonce) => disputeUpdateRequest({ connectionId, retracted: input.retracted, reason: input.reason ?? undefined, expectedTransfers: map, nonce, disputeId, settlementId, enterpriseId }),
      };
    });
  }

  close(caller: Caller, input: CloseSettlementDisputeRequest): Promise<DisputeResult<WireDisputeClosure>> {
    return this.#run<WireDisputeClosure>(caller, input, 'close_settlement_dispute', sendDisputeClose, () => JSON.stringify([input.disputeId.toLowerCase(), input.notes]), async (enterpriseId) => {
      const disputeId = input.disputeId.toLowerCase();
      const dispute = await this.#checks.dispute(caller, enterpriseId, disputeId, ['disputeId']);
      if ('code' in dispute) return dispute;
      if (dispute.disputeClosureId || dispute.disputeClosure) return userError(UserErrorCode.CONFLICT, `dispute ${disputeId} is closed already`, ['disputeId']);
      const checked = await this.#checks.settlement(caller, enterpriseId, dispute.disputedSettlementId, ['disputeId']);
      if ('code' in checked) return checked;
      return {
        enterpriseId,
        ...checked,
        path: disputeClosePath(enterpriseId, disputeId),
        connectionId: dispute.connectionId,
        subjectId: disputeId,
        request: (nonce) => disputeCloseRequest({ enterpriseId, disputeId, notes: input.notes, nonce }),
      };
    });
  }

  #run<R extends object>(
    caller: Caller,
    input: Common,
    kind: SignedRequestKind,
    send: SignedKind<R>['send'],
    /** What was asked, from the input alone (a repeat is told from a different request before anything is read). */
    fingerprintOf: () => string,
    prepare: (enterpriseId: string) => Promise<Prepared | UserError>,
  ): Promise<DisputeResult<R>> {
    return observed(this.deps.observer ?? NO_WRITE_OBSERVER, kind, async () => {
      const clientRequestId = input.clientRequestId ?? randomUUID();
      const failed = (userErrors: UserError[]): DisputeResult<R> => ({ record: null, clientRequestId, userErrors, ...(input.dryRun ? { dryRun: null } : {}) });
      const problems = await inputProblems(input);
      if (problems.length > 0) return failed(problems);
      requireToken(caller);
      const enterpriseId = requireEnterpriseId(input.enterpriseId, this.deps.defaultEnterpriseId).toLowerCase();
      const signer = signerFor(this.deps, enterpriseId);
      const key: SignedRequestKey = { enterpriseId, kind, idempotencyKey: clientRequestId };
      const fingerprint = fingerprintOf();
      let ready: Prepared | undefined;
      // The checks run before signing, and a repeat (the row already committed) skips them: its bytes are what counts.
      const held = input.dryRun ? undefined : await this.deps.journal.find(key);
      if (!held || input.dryRun) {
        const prepared = await prepare(enterpriseId);
        if ('code' in prepared) return failed([prepared]);
        if (input.dryRun) {
          const { payload } = prepared.request(newNonce());
          return { record: null, clientRequestId, userErrors: [], dryRun: { payload, settlement: prepared.settlement, windowClosesAt: prepared.windowClosesAt } };
        }
        ready = prepared;
      }
      const sent = await sendJournaled<R>(this.deps, caller, {
        key,
        fingerprint,
        ...(kind === 'update_settlement_dispute' ? {} : { exclusive: resendHold(this.deps.writeDeadlineMs) }),
        send,
        sign: async () => {
          // Only called when no row holds the key, which `ready` was prepared for (a row committed since: its bytes are sent instead).
          if (!ready) return userError(UserErrorCode.CONFLICT, 'the request changed while it was being signed; repeat it', ['clientRequestId']);
          const prepared = ready;
          const nonce = newNonce();
          const { payload, body } = prepared.request(nonce);
          const signature = await timedSign(this.deps, signer, payload);
          return {
            ...key,
            fingerprint,
            method: kind === 'update_settlement_dispute' ? 'PUT' : 'POST',
            path: prepared.path,
            body: body(signature),
            payload,
            nonce,
            signatureSha256: signatureDigest(signature),
            caller: callerName(caller),
            clientExternalId: clientRequestId,
            allocationId: null,
            connectionId: prepared.connectionId,
            subjectId: prepared.subjectId,
            currency: null,
            quantity: null,
          };
        },
      });
      if (sent.kind === 'stopped') return failed([sent.userError]);
      if (sent.kind === 'conflict') return failed([userError(UserErrorCode.CONFLICT, UNSETTLED_CONFLICT.replaceAll('clientExternalId', 'clientRequestId'), ['clientRequestId'])]);
      const { outcome } = sent;
      switch (outcome.kind) {
        case 'accepted': {
          const settlementId = ready?.settlement.id ?? (outcome.record as { disputedSettlementId?: string }).disputedSettlementId;
          if (settlementId) await this.deps.changes?.settlementTouched({ enterpriseId, view: 'client', source: 'MUTATION', settlementId });
          this.deps.logger.info({ requestId: caller.requestId, clientRequestId, kind, recordId: (outcome.record as { id?: string }).id }, 'dispute request settled');
          return { record: withScope([outcome.record], { enterpriseId, view: 'client' })[0]!, clientRequestId, userErrors: [] };
        }
        case 'unknown':
          this.deps.logger.warn({ requestId: caller.requestId, clientRequestId, kind, status: outcome.error?.status, why: outcome.why }, 'dispute outcome unknown');
          return failed([userError(UserErrorCode.OUTCOME_UNKNOWN, UNKNOWN(clientRequestId), ['clientRequestId'])]);
        case 'refused':
          return failed([windowRefusal(outcome.error) ?? refusal(outcome.error, ['clientRequestId'])]);
        default:
          throw new Error(`a ${kind} send answered ${outcome.kind}`);
      }
    });
  }
}

