import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { getAllocation, getSigningPayload, submitAllocation, updatePartnerRecord } from '../../bitgo/allocations.api.js';
import type { BitGoClient } from '../../bitgo/client.js';
import { BitGoError } from '../../bitgo/errors.js';
import {
  canonicalPayload,
  PARTNER_DEALLOCATION_UPDATE_PAYLOAD_KEYS,
  PARTNER_UPDATE_PAYLOAD_KEYS,
  type WireAllocateResponse,
  type WireAllocation,
  type WireAllocationType,
  type WirePartnerUpdateFields,
} from '../../bitgo/wire.types.js';
import type { Logger } from '../../logger.js';
import { newNonce } from '../../signing/nonce.js';
import type { SignerRegistry } from '../../signing/signer-registry.js';
import type { SigningService } from '../../signing/signing.service.js';
import { ErrorCode, fromBitGoError } from '../errors.js';
import type { AllocateInput } from './allocate.input.js';
import type { AllocatePayload, UpdateAllocationPayload } from './allocate.payload.js';
import type { Allocation } from './allocation.type.js';
import { PendingWrites } from './pending-writes.js';
import { requireEnterpriseId } from './allocation.service.js';
import { checkSigningPayload } from './signing-payload.check.js';
import type { UpdateAllocationInput } from './update-allocation.input.js';
import { userError, UserErrorCode, type UserError } from './user-error.type.js';
import { normaliseAllocateInput, normaliseUpdateInput, validateAllocateInput, validateUpdateInput } from './write-input.validation.js';

export interface AllocationWriteServiceOptions {
  client: BitGoClient;
  signers: SignerRegistry;
  defaultEnterpriseId: string | undefined;
  /** Total time for all attempts of one signed write before the outcome is reported unknown. */
  writeDeadlineMs: number;
  logger: Logger;
  pending?: PendingWrites;
}

const UNSETTLED_CONFLICT =
  'A different request under this clientExternalId has not been settled yet; repeat that one exactly, or use another clientExternalId';

const OUTCOME_UNKNOWN_MESSAGE =
  'BitGo did not confirm the outcome in time. Repeat this mutation with the same clientExternalId: it returns the one allocation that exists, and never makes a second.';

/**
 * allocate / deallocate / updateAllocation: validate, fetch the canonical
 * payload, check it, sign, submit, and turn every BitGo outcome into a payload.
 * One nonce and one signature per request: retries, and repeats after an
 * unknown outcome, re-send those same bytes. Once a signed request may have
 * reached BitGo, no failure is thrown: it is answered with the clientExternalId.
 */
export class AllocationWriteService {
  readonly #pending: PendingWrites;

  constructor(private readonly options: AllocationWriteServiceOptions) {
    this.#pending = options.pending ?? new PendingWrites();
  }

  async allocate(token: string, type: WireAllocationType, raw: AllocateInput): Promise<AllocatePayload> {
    const clientExternalId = raw.clientExternalId ?? randomUUID();
    const problems = validateAllocateInput(raw);
    if (problems.length > 0) return { allocation: null, clientExternalId, userErrors: problems };
    const input = normaliseAllocateInput(raw);
    const enterpriseId = this.#enterprise(input.enterpriseId);
    const key = `${enterpriseId}:${type}:${clientExternalId}`;
    const fingerprint = JSON.stringify([input.connectionId, input.amount.currency, input.amount.quantity, input.notes ?? null]);

    // An unsettled request under this key is re-sent as it is; it may already have reached BitGo.
    let held = this.#pending.peek(key, fingerprint);
    let signed: string | undefined;
    if (!held) {
      const request = await this.#signedRequest(token, type, enterpriseId, clientExternalId, input);
      if (typeof request !== 'string') return { allocation: null, clientExternalId, userErrors: [request] };
      signed = request;
      // A concurrent identical mutation may have claimed the key meanwhile: then its bytes are sent, not ours.
      held = this.#pending.claim(key, fingerprint, signed);
    }
    if ('conflict' in held) {
      return { allocation: null, clientExternalId, userErrors: [userError(UserErrorCode.CONFLICT, UNSETTLED_CONFLICT, ['clientExternalId'])] };
    }
    const body = held.body;
    const replayed = body !== signed;

    let response: WireAllocateResponse;
    try {
      response = await submitAllocation(this.options.client, enterpriseId, input.connectionId, type, body, this.#call(token));
    } catch (error) {
      const answer = this.#submitFailure(error, type, clientExternalId, replayed);
      if (answer.userErrors[0]?.code !== UserErrorCode.OUTCOME_UNKNOWN) this.#pending.release(key, body);
      return answer;
    }
    const allocation = recordIn(response, type);
    if (!allocation) return this.#unknown(clientExternalId, undefined, { type, clientExternalId, why: 'answer without the allocation' });
    this.#pending.release(key, body);
    this.options.logger.info({ type, clientExternalId, allocationId: allocation.id, status: allocation.status }, 'allocation submitted');
    const problem = allocation.status === 'released' ? released(type, allocation, undefined) : differsFrom(allocation, input, type);
    return { allocation: allocation as Allocation, clientExternalId, userErrors: problem ? [problem] : [] };
  }

  async updateAllocation(token: string, raw: UpdateAllocationInput): Promise<UpdateAllocationPayload> {
    const problems = validateUpdateInput(raw);
    if (problems.length > 0) return { allocation: null, userErrors: problems };
    const input = normaliseUpdateInput(raw);
    const enterpriseId = this.#enterprise(input.enterpriseId);
    const signer = this.#signer(enterpriseId);
    const fields: WirePartnerUpdateFields = {
      status: input.status,
      ...(input.rejectReason != null ? { rejectReason: input.rejectReason } : {}),
      allocationId: input.allocationId,
      amount: { currency: input.amount.currency, quantity: input.amount.quantity },
      clientId: input.clientId,
      connectionId: input.connectionId,
      partnersClientId: input.partnersClientId,
      partnersConnectionId: input.partnersConnectionId,
      partnersAllocationId: input.partnersAllocationId,
      nonce: newNonce(),
      ...(input.evaluationId != null ? { evaluationId: input.evaluationId } : {}),
      ...(input.pendingApprovalId != null ? { pendingApprovalId: input.pendingApprovalId } : {}),
      ...(input.policyResult != null ? { policyResult: input.policyResult } : {}),
    };
    const type: WireAllocationType = input.type ?? 'allocation';
    const wire = type === 'allocation' ? fields : deallocationFields(fields);
    const payload = canonicalPayload(type === 'allocation' ? PARTNER_UPDATE_PAYLOAD_KEYS : PARTNER_DEALLOCATION_UPDATE_PAYLOAD_KEYS, wire);
    const signature = await signer.sign(payload);
    let conflict: UserError | undefined;
    try {
      await updatePartnerRecord(this.options.client, enterpriseId, type, JSON.stringify({ ...wire, payload, signature }), this.#call(token));
    } catch (error) {
      if (error instanceof BitGoError && error.outcomeUnknown) {
        // A partner update is idempotent for the same target status: repeating it is safe.
        return {
          allocation: null,
          userErrors: [userError(UserErrorCode.OUTCOME_UNKNOWN, 'BitGo did not confirm the update in time; repeat the mutation: the same status is applied once')],
        };
      }
      if (!(error instanceof BitGoError && error.status === 409)) return { allocation: null, userErrors: [this.#refusal(error, ['allocationId'])] };
      conflict = userError(UserErrorCode.CONFLICT, fromBitGoError(error).message, ['status']);
    }
    if (!conflict) this.options.logger.info({ allocationId: input.allocationId, status: input.status }, 'partner allocation updated');
    return this.#readBack(token, enterpriseId, input.allocationId, conflict);
  }

  /** The allocation as BitGo now holds it; a failed read after an accepted update says so instead of failing the mutation. */
  async #readBack(token: string, enterpriseId: string, allocationId: string, problem: UserError | undefined): Promise<UpdateAllocationPayload> {
    try {
      const { allocation } = await getAllocation(this.options.client, enterpriseId, 'partner', allocationId, { token });
      return { allocation: allocation as Allocation, userErrors: problem ? [problem] : [] };
    } catch {
      const readFailed = userError(UserErrorCode.READ_FAILED, 'The allocation could not be read back from BitGo; query allocation(id) to see its state');
      return { allocation: null, userErrors: problem ? [problem, readFailed] : [readFailed] };
    }
  }

  /** Canonical payload from BitGo, checked, signed: the request body, or the user error that stopped it. */
  async #signedRequest(
    token: string,
    type: WireAllocationType,
    enterpriseId: string,
    clientExternalId: string,
    input: AllocateInput,
  ): Promise<string | UserError> {
    const signer = this.#signer(enterpriseId);
    const amount = { currency: input.amount.currency, quantity: input.amount.quantity };
    const request = { amount, clientExternalId, nonce: newNonce(), ...(input.notes != null ? { notes: input.notes } : {}) };
    let payload: string;
    try {
      ({ payload } = await getSigningPayload(this.options.client, enterpriseId, input.connectionId, type, request, this.#call(token)));
    } catch (error) {
      // Nothing was submitted yet: an upstream failure here is a plain, retryable error.
      return this.#refusal(error, ['connectionId']);
    }
    checkSigningPayload(payload, { ...request, connectionId: input.connectionId, enterpriseId });
    const signature = await signer.sign(payload);
    return JSON.stringify({ ...request, payload, signature });
  }

  #call(token: string) {
    return { token, deadlineMs: this.options.writeDeadlineMs };
  }

  /** Lowercased: ids are compared and keyed that way, whatever case the caller used. */
  #enterprise(given: string | undefined): string {
    return requireEnterpriseId(given, this.options.defaultEnterpriseId).toLowerCase();
  }

  #signer(enterpriseId: string): SigningService {
    const signer = this.options.signers.for(enterpriseId);
    if (!signer) {
      throw new GraphQLError('Signing is not configured on this gateway: set SIGNING_XPRV(_FILE) or SIGNER=express', {
        extensions: { code: ErrorCode.SIGNER_UNAVAILABLE },
      });
    }
    return signer;
  }

  /** A final BitGo refusal of a request that did nothing, as a user error; authentication, permission and outages stay top-level. */
  #refusal(error: unknown, field: string[]): UserError {
    if (!(error instanceof BitGoError)) throw error;
    const gql = fromBitGoError(error);
    const code = gql.extensions.code;
    if (code === ErrorCode.UNAUTHENTICATED || code === ErrorCode.FORBIDDEN || code === ErrorCode.UPSTREAM_UNAVAILABLE) throw gql;
    if (code === ErrorCode.NOT_FOUND) return userError(UserErrorCode.NOT_FOUND, gql.message, field);
    if (code === ErrorCode.CONFLICT) return userError(UserErrorCode.CONFLICT, gql.message, ['clientExternalId']);
    return userError(UserErrorCode.REJECTED, gql.message);
  }

  /**
   * Once the signed request may have reached BitGo nothing is thrown: every answer carries the
   * clientExternalId. Only a definite 401/403 to a first send, which changed nothing, stays top-level.
   * A re-send of held bytes follows an earlier ambiguous send, so only a release or success is definite.
   */
  #submitFailure(error: unknown, type: WireAllocationType, clientExternalId: string, replayed: boolean): AllocatePayload {
    const wire = error instanceof BitGoError ? error : undefined;
    // The freshest record BitGo sent with any attempt, e.g. the reserved one of an earlier 500.
    const record = wire ? [wire.body, ...[...wire.earlierBodies].reverse()].map((b) => recordIn(b, type)).find((r) => r !== undefined) : undefined;
    if (wire?.status === 422 && record) {
      this.options.logger.info({ type, clientExternalId, allocationId: record.id, status: record.status }, 'allocation refused');
      const problem = record.status === 'released' ? released(type, record, wire.bitgoMessage) : userError(UserErrorCode.REJECTED, fromBitGoError(wire).message);
      return { allocation: record as Allocation, clientExternalId, userErrors: [problem] };
    }
    if (!wire || wire.outcomeUnknown || replayed) {
      return this.#unknown(clientExternalId, record, { type, clientExternalId, kind: wire?.kind, status: wire?.status, requestId: wire?.requestId });
    }
    const gql = fromBitGoError(wire);
    const code = gql.extensions.code;
    if (code === ErrorCode.UNAUTHENTICATED || code === ErrorCode.FORBIDDEN) throw gql;
    const mapped =
      code === ErrorCode.NOT_FOUND
        ? userError(UserErrorCode.NOT_FOUND, gql.message, ['connectionId'])
        : code === ErrorCode.CONFLICT
          ? userError(UserErrorCode.CONFLICT, gql.message, ['clientExternalId'])
          : userError(UserErrorCode.REJECTED, gql.message);
    return { allocation: null, clientExternalId, userErrors: [mapped] };
  }

  #unknown(clientExternalId: string, record: WireAllocation | undefined, log: Record<string, unknown>): AllocatePayload {
    this.options.logger.warn(log, 'allocation outcome unknown');
    return {
      allocation: (record as Allocation | undefined) ?? null,
      clientExternalId,
      userErrors: [userError(UserErrorCode.OUTCOME_UNKNOWN, `${OUTCOME_UNKNOWN_MESSAGE} (clientExternalId ${clientExternalId})`, ['clientExternalId'])],
    };
  }
}

/** The deallocation route names its ids for deallocations; everything else is the same. */
function deallocationFields(fields: WirePartnerUpdateFields): Record<string, unknown> {
  const { allocationId, partnersAllocationId, ...rest } = fields;
  return { ...rest, deallocationId: allocationId, partnersDeallocationId: partnersAllocationId };
}

/** The allocation in a BitGo answer, if the answer holds one of the documented shape. */
function recordIn(body: unknown, type: WireAllocationType): WireAllocation | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const response = body as WireAllocateResponse;
  const record: unknown = type === 'allocation' ? response.allocation : (response.deallocation ?? response.allocation);
  if (record === null || typeof record !== 'object') return undefined;
  const r = record as Partial<WireAllocation>;
  const amount = r.amount as Partial<WireAllocation['amount']> | undefined;
  const wellFormed =
    typeof r.id === 'string' &&
    typeof r.connectionId === 'string' &&
    typeof r.status === 'string' &&
    typeof r.type === 'string' &&
    typeof amount?.currency === 'string' &&
    typeof amount.quantity === 'string';
  return wellFormed ? (record as WireAllocation) : undefined;
}

function released(type: WireAllocationType, record: WireAllocation, message: string | undefined): UserError {
  return userError(UserErrorCode.RELEASED, `BitGo released the ${type}: ${message ?? record.reason ?? 'no reason given'}`);
}

/** An idempotent answer for a different request under the same key: say so rather than pretend. */
function differsFrom(record: WireAllocation, input: AllocateInput, type: WireAllocationType): UserError | undefined {
  const same =
    record.type === type &&
    record.connectionId.toLowerCase() === input.connectionId &&
    record.amount.currency === input.amount.currency &&
    record.amount.quantity === input.amount.quantity;
  if (same) return undefined;
  return userError(
    UserErrorCode.CONFLICT,
    'This clientExternalId was already used for a different request; the allocation shown is the one BitGo holds for it',
    ['clientExternalId'],
  );
}
