import type { WireAllocateResponse, WireAllocation, WireAllocationType } from '../../bitgo/wire.types.js';
import { BitGoError } from '../../bitgo/errors.js';
import { upstreamError, upstreamRefusal } from '../upstream-refusal.js';
import { userError, UserErrorCode, type UserError } from '../user-error.js';

/** What a dry run found: the payload BitGo would have the gateway sign, and the balance it would draw on. */
export interface DryRunResult {
  /** The exact string that would be signed (with a nonce of its own: the real mutation fetches a fresh payload). */
  payload: string;
  /** Base-unit decimal strings. */
  available: string;
  availableAfter: string;
}

/** What allocate and deallocate answer: the allocation as BitGo holds it, the key used, and what went wrong. */
export interface AllocateResult {
  allocation: WireAllocation | null;
  clientExternalId: string;
  userErrors: UserError[];
  /** Only a dry run answers one, and only when every check passed. */
  dryRun?: DryRunResult | null;
}

export const OUTCOME_UNKNOWN_MESSAGE =
  'BitGo did not confirm the outcome in time. Repeat this mutation with the same clientExternalId: it returns the one allocation that exists, and never makes a second.';

/** With the durable journal: where the request is, who keeps at it, and how to look. */
function journaledUnknownMessage(clientExternalId: string): string {
  return (
    `BitGo did not confirm the outcome in time. The gateway's journal holds the signed request and its reconciler keeps re-sending ` +
    `the same bytes until BitGo answers; signedRequests(filter: { clientExternalId: ${JSON.stringify(clientExternalId)} }) shows where it stands. ` +
    `Repeating this mutation with the same clientExternalId is safe: it returns the one allocation that exists, and never makes a second.`
  );
}

/** The same for a partner update, whose key is the allocation and the status. */
export function partnerUpdateUnknownMessage(allocationId: string, reconciling: boolean): string {
  const repeat = 'Repeating the mutation is safe: the same status is applied once.';
  if (!reconciling) return `BitGo did not confirm the update in time. ${repeat}`;
  return (
    `BitGo did not confirm the update in time. The gateway's journal holds the signed update and its reconciler keeps re-sending it ` +
    `until BitGo answers; signedRequests(filter: { allocationId: ${JSON.stringify(allocationId)} }) shows where it stands. ${repeat}`
  );
}

export const UNSETTLED_CONFLICT =
  'A different request under this clientExternalId has not been settled yet; repeat that one exactly, or use another clientExternalId';

/** The allocation in a BitGo answer, if the answer holds one of the documented shape. */
export function recordIn(body: unknown, type: WireAllocationType): WireAllocation | undefined {
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

export function released(type: WireAllocationType, record: WireAllocation, message: string | undefined): UserError {
  return userError(UserErrorCode.RELEASED, `BitGo released the ${type}: ${message ?? record.reason ?? 'no reason given'}`);
}

/** A held key used for a different request: what BitGo holds is shown, and the caller is told it is not theirs. */
export const KEY_USED_ELSEWHERE = userError(
  UserErrorCode.CONFLICT,
  'This clientExternalId was already used for a different request; the allocation shown is the one BitGo holds for it',
  ['clientExternalId'],
);

export interface AskedAllocation {
  connectionId: string;
  amount: { currency: string; quantity: string };
}

/** A validated allocate/deallocate request: ids lowercase, the idempotency key chosen. */
export interface Asked extends AskedAllocation {
  enterpriseId: string;
  clientExternalId: string;
  notes: string | undefined;
}

/** An idempotent answer for a different request under the same key: say so rather than pretend. */
export function differsFrom(record: WireAllocation, asked: AskedAllocation, type: WireAllocationType): UserError | undefined {
  const same =
    record.type === type &&
    record.connectionId.toLowerCase() === asked.connectionId &&
    record.amount.currency === asked.amount.currency &&
    record.amount.quantity === asked.amount.quantity;
  return same ? undefined : KEY_USED_ELSEWHERE;
}

/** `reconciling`: the journal is durable and a reconciler re-sends its unsettled rows. */
export function unknownOutcome(clientExternalId: string, record: WireAllocation | undefined, reconciling: boolean): AllocateResult {
  const message = reconciling ? journaledUnknownMessage(clientExternalId) : `${OUTCOME_UNKNOWN_MESSAGE} (clientExternalId ${clientExternalId})`;
  return {
    allocation: record ?? null,
    clientExternalId,
    userErrors: [userError(UserErrorCode.OUTCOME_UNKNOWN, message, ['clientExternalId'])],
  };
}

/**
 * A final BitGo refusal of a request that did nothing, as a user error; authentication, permission and
 * outages stay top-level (thrown).
 */
export function refusal(error: unknown, field: readonly string[]): UserError {
  if (!(error instanceof BitGoError)) throw error;
  const { userError: code, message } = upstreamRefusal(error);
  if (code === null) throw upstreamError(error);
  if (code === UserErrorCode.NOT_FOUND) return userError(code, message, field);
  if (code === UserErrorCode.CONFLICT) return userError(code, message, ['clientExternalId']);
  return userError(code, message);
}
