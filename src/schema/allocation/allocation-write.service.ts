import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { getAllocation, getSigningPayload, submitAllocation, updatePartnerAllocation } from '../../bitgo/allocations.api.js';
import type { BitGoClient } from '../../bitgo/client.js';
import { BitGoError } from '../../bitgo/errors.js';
import {
  ALLOCATE_PAYLOAD_KEYS,
  canonicalPayload,
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
import { checkSigningPayload } from './signing-payload.check.js';
import type { UpdateAllocationInput } from './update-allocation.input.js';
import { userError, UserErrorCode, type UserError } from './user-error.type.js';
import { validateAllocateInput, validateUpdateInput } from './write-input.validation.js';

export interface AllocationWriteServiceOptions {
  client: BitGoClient;
  signers: SignerRegistry;
  defaultEnterpriseId: string | undefined;
  /** Total time for all attempts of one signed write before the outcome is reported unknown. */
  writeDeadlineMs: number;
  logger: Logger;
}

const OUTCOME_UNKNOWN_MESSAGE =
  'BitGo did not confirm the outcome in time. Repeat this mutation with the same clientExternalId: it returns the one allocation that exists, and never makes a second.';

/**
 * allocate / deallocate / updateAllocation: validate, fetch the canonical
 * payload, check it, sign, submit, and turn every BitGo outcome into a payload.
 * One nonce and one signature per mutation: retries re-send those same bytes.
 */
export class AllocationWriteService {
  constructor(private readonly options: AllocationWriteServiceOptions) {}

  async allocate(token: string, type: WireAllocationType, input: AllocateInput): Promise<AllocatePayload> {
    const clientExternalId = input.clientExternalId ?? randomUUID();
    const problems = validateAllocateInput(input);
    if (problems.length > 0) return { allocation: null, clientExternalId, userErrors: problems };
    const enterpriseId = this.#enterprise(input.enterpriseId);
    const signer = this.#signer(enterpriseId);
    const { client, writeDeadlineMs } = this.options;
    const call = { token, deadlineMs: writeDeadlineMs };

    const amount = { currency: input.amount.currency, quantity: input.amount.quantity };
    const nonce = newNonce();
    const request = { amount, clientExternalId, nonce, ...(input.notes != null ? { notes: input.notes } : {}) };
    let payload: string;
    try {
      ({ payload } = await getSigningPayload(client, enterpriseId, input.connectionId, type, request, call));
    } catch (error) {
      return { allocation: null, clientExternalId, userErrors: [this.#refusal(error, ['connectionId'])] };
    }
    checkSigningPayload(payload, { ...request, connectionId: input.connectionId, enterpriseId });
    const signature = await signer.sign(payload);
    const body = JSON.stringify({ ...request, payload, signature });

    let response: WireAllocateResponse;
    try {
      response = await submitAllocation(client, enterpriseId, input.connectionId, type, body, call);
    } catch (error) {
      return this.#allocateFailure(error, type, clientExternalId, input);
    }
    const allocation = recordOf(response, type);
    if (!allocation) throw new GraphQLError('BitGo answered without the allocation', { extensions: { code: ErrorCode.UPSTREAM_UNAVAILABLE } });
    this.options.logger.info({ type, clientExternalId, allocationId: allocation.id, status: allocation.status }, 'allocation submitted');
    const mismatch = differsFrom(allocation, input, type);
    return { allocation: allocation as Allocation, clientExternalId, userErrors: mismatch ? [mismatch] : [] };
  }

  async updateAllocation(token: string, input: UpdateAllocationInput): Promise<UpdateAllocationPayload> {
    const problems = validateUpdateInput(input);
    if (problems.length > 0) return { allocation: null, userErrors: problems };
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
    const payload = canonicalPayload(PARTNER_UPDATE_PAYLOAD_KEYS, fields);
    const signature = await signer.sign(payload);
    const call = { token, deadlineMs: this.options.writeDeadlineMs };
    try {
      await updatePartnerAllocation(this.options.client, enterpriseId, JSON.stringify({ ...fields, payload, signature }), call);
    } catch (error) {
      if (error instanceof BitGoError && error.outcomeUnknown) {
        return { allocation: null, userErrors: [userError(UserErrorCode.OUTCOME_UNKNOWN, 'BitGo did not confirm the update in time; read the allocation, then repeat if it is still reserved')] };
      }
      return { allocation: null, userErrors: [this.#refusal(error, ['allocationId'])] };
    }
    this.options.logger.info({ allocationId: input.allocationId, status: input.status }, 'partner allocation updated');
    const { allocation } = await getAllocation(this.options.client, enterpriseId, 'partner', input.allocationId, { token });
    return { allocation: allocation as Allocation, userErrors: [] };
  }

  #enterprise(given: string | undefined): string {
    const enterpriseId = given ?? this.options.defaultEnterpriseId;
    if (!enterpriseId) {
      throw new GraphQLError('enterpriseId is required: pass it, or configure BITGO_ENTERPRISE_ID', { extensions: { code: ErrorCode.BAD_USER_INPUT } });
    }
    return enterpriseId;
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

  /** A final BitGo refusal as a user error; authentication and permission stay top-level. */
  #refusal(error: unknown, field: string[]): UserError {
    if (!(error instanceof BitGoError)) throw error;
    const gql = fromBitGoError(error);
    const code = gql.extensions.code;
    if (code === ErrorCode.UNAUTHENTICATED || code === ErrorCode.FORBIDDEN || code === ErrorCode.UPSTREAM_UNAVAILABLE) throw gql;
    if (code === ErrorCode.NOT_FOUND) return userError(UserErrorCode.NOT_FOUND, gql.message, field);
    if (code === ErrorCode.CONFLICT) return userError(UserErrorCode.CONFLICT, gql.message, ['status']);
    return userError(UserErrorCode.REJECTED, gql.message);
  }

  #allocateFailure(error: unknown, type: WireAllocationType, clientExternalId: string, input: AllocateInput): AllocatePayload {
    if (!(error instanceof BitGoError)) throw error;
    const record = error.body && typeof error.body === 'object' ? recordOf(error.body as WireAllocateResponse, type) : undefined;
    if (error.status === 422 && record) {
      this.options.logger.info({ type, clientExternalId, allocationId: record.id, status: record.status }, 'allocation released');
      const reason = error.bitgoMessage ?? record.reason ?? 'released by BitGo';
      return { allocation: record as Allocation, clientExternalId, userErrors: [userError(UserErrorCode.RELEASED, `BitGo released the ${type}: ${reason}`)] };
    }
    if (error.outcomeUnknown) {
      this.options.logger.warn({ type, clientExternalId, kind: error.kind, status: error.status, requestId: error.requestId }, 'allocation outcome unknown');
      return {
        allocation: (record as Allocation | undefined) ?? null,
        clientExternalId,
        userErrors: [userError(UserErrorCode.OUTCOME_UNKNOWN, `${OUTCOME_UNKNOWN_MESSAGE} (clientExternalId ${clientExternalId})`, ['clientExternalId'])],
      };
    }
    return { allocation: null, clientExternalId, userErrors: [this.#refusal(error, ['connectionId'])] };
  }
}

function recordOf(response: WireAllocateResponse, type: WireAllocationType): WireAllocation | undefined {
  return type === 'allocation' ? response.allocation : (response.deallocation ?? response.allocation);
}

/** An idempotent answer for a different request under the same key: say so rather than pretend. */
function differsFrom(record: WireAllocation, input: AllocateInput, type: WireAllocationType): UserError | undefined {
  const same =
    record.type === type &&
    record.connectionId === input.connectionId &&
    record.amount.currency === input.amount.currency &&
    record.amount.quantity === input.amount.quantity;
  if (same) return undefined;
  return userError(
    UserErrorCode.CONFLICT,
    'This clientExternalId was already used for a different request; the allocation shown is the one BitGo holds for it',
    ['clientExternalId'],
  );
}
