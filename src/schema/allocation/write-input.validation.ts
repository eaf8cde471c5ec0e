import { isUUID } from 'class-validator';
import type { AllocateInput } from './allocate.input.js';
import type { AmountInput } from './amount.input.js';
import { CURRENCY_PATTERN } from './allocation-filter.input.js';
import { ENTERPRISE_ID_PATTERN } from './allocations.args.js';
import { AllocationUpdateStatus, type UpdateAllocationInput } from './update-allocation.input.js';
import { userError, UserErrorCode, type UserError } from './user-error.type.js';

/**
 * Everything checked before BitGo or a signer is asked: a bad request costs no
 * upstream call and no signature. Pure functions, one UserError per problem.
 */

export const MAX_QUANTITY = 2n ** 256n - 1n;
const MAX_QUANTITY_DIGITS = MAX_QUANTITY.toString().length;
const ASCII_DIGITS = /^[0-9]+$/;
// Printable text: no control characters, no lone surrogates.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /\p{Cs}/u;

export function quantityProblem(quantity: string): string | undefined {
  if (quantity.length === 0) return 'quantity is empty';
  if (!ASCII_DIGITS.test(quantity)) {
    return 'quantity must be a base-unit integer of ASCII digits only: no sign, spaces, decimal point, exponent or prefix';
  }
  if (quantity.length > 1 && quantity.startsWith('0')) return 'quantity must not have leading zeros';
  if (/^0+$/.test(quantity)) return 'quantity must be positive';
  if (quantity.length > MAX_QUANTITY_DIGITS || BigInt(quantity) > MAX_QUANTITY) return 'quantity must be at most 2^256 − 1';
  return undefined;
}

function textProblem(value: string, name: string, max: number): string | undefined {
  if (value.length === 0) return `${name} must not be empty`;
  if (value.length > max) return `${name} must be at most ${max} characters`;
  if (CONTROL.test(value) || LONE_SURROGATE.test(value)) return `${name} must be printable text`;
  if (value.trim() !== value) return `${name} must not start or end with white space`;
  return undefined;
}

type Check = [problem: string | undefined, field: string[]];

function collect(checks: Check[]): UserError[] {
  return checks.filter(([p]) => p !== undefined).map(([p, field]) => userError(UserErrorCode.INVALID_INPUT, p!, field));
}

function amountChecks(amount: AmountInput): Check[] {
  return [
    [CURRENCY_PATTERN.test(amount.currency) ? undefined : 'currency must be a lowercase BitGo currency code such as "ofctbtc"', ['amount', 'currency']],
    [quantityProblem(amount.quantity), ['amount', 'quantity']],
  ];
}

function idCheck(value: string, name: string): Check {
  return [isUUID(value) ? undefined : `${name} must be a UUID`, [name]];
}

function enterpriseCheck(value: string | undefined): Check {
  return [value === undefined || ENTERPRISE_ID_PATTERN.test(value) ? undefined : 'enterpriseId must be a BitGo enterprise id', ['enterpriseId']];
}

export function validateAllocateInput(input: AllocateInput): UserError[] {
  return collect([
    enterpriseCheck(input.enterpriseId),
    idCheck(input.connectionId, 'connectionId'),
    ...amountChecks(input.amount),
    [input.clientExternalId == null ? undefined : textProblem(input.clientExternalId, 'clientExternalId', 256), ['clientExternalId']],
    [input.notes == null ? undefined : textProblem(input.notes, 'notes', 1000), ['notes']],
  ]);
}

export function validateUpdateInput(input: UpdateAllocationInput): UserError[] {
  const reason = input.rejectReason;
  const reasonCheck: Check =
    input.status === AllocationUpdateStatus.RELEASED
      ? [reason == null ? 'rejectReason is required to release an allocation' : textProblem(reason, 'rejectReason', 1000), ['rejectReason']]
      : [reason == null ? undefined : 'rejectReason is only allowed when releasing an allocation', ['rejectReason']];
  const optional = (value: string | undefined, name: string): Check => [value == null ? undefined : textProblem(value, name, 256), [name]];
  return collect([
    enterpriseCheck(input.enterpriseId),
    idCheck(input.allocationId, 'allocationId'),
    idCheck(input.clientId, 'clientId'),
    idCheck(input.connectionId, 'connectionId'),
    reasonCheck,
    ...amountChecks(input.amount),
    [textProblem(input.partnersClientId, 'partnersClientId', 256), ['partnersClientId']],
    [textProblem(input.partnersConnectionId, 'partnersConnectionId', 256), ['partnersConnectionId']],
    [textProblem(input.partnersAllocationId, 'partnersAllocationId', 256), ['partnersAllocationId']],
    optional(input.evaluationId, 'evaluationId'),
    optional(input.pendingApprovalId, 'pendingApprovalId'),
  ]);
}

/** BitGo's UUIDs are lowercase: compare and send them that way, whatever case the caller used. */
export function normaliseAllocateInput(input: AllocateInput): AllocateInput {
  return { ...input, connectionId: input.connectionId.toLowerCase() };
}

export function normaliseUpdateInput(input: UpdateAllocationInput): UpdateAllocationInput {
  return {
    ...input,
    allocationId: input.allocationId.toLowerCase(),
    clientId: input.clientId.toLowerCase(),
    connectionId: input.connectionId.toLowerCase(),
  };
}
