import { registerDecorator, validate, type ValidationArguments, type ValidationError, type ValidationOptions } from 'class-validator';
import { ASCII_DIGITS, CONTROL_CHARACTER, CURRENCY, ENTERPRISE_ID, isUuid, LONE_SURROGATE } from '../common/patterns.js';
import { userError, UserErrorCode, type UserError } from './user-error.js';

/**
 * What a mutation's input must satisfy before BitGo or a signer is asked: a bad request costs no upstream
 * call and no signature. The rules are class-validator decorators, put on the input classes of the GraphQL
 * surface; `inputProblems` turns their findings into one user error per field, with its path.
 */

export const MAX_QUANTITY = 2n ** 256n - 1n;
const MAX_QUANTITY_DIGITS = MAX_QUANTITY.toString().length;

export function quantityProblem(quantity: unknown): string | undefined {
  if (typeof quantity !== 'string') return 'quantity must be a string of base-unit digits';
  if (quantity.length === 0) return 'quantity is empty';
  if (!ASCII_DIGITS.test(quantity)) {
    return 'quantity must be a base-unit integer of ASCII digits only: no sign, spaces, decimal point, exponent or prefix';
  }
  if (quantity.length > 1 && quantity.startsWith('0')) return 'quantity must not have leading zeros';
  if (/^0+$/.test(quantity)) return 'quantity must be positive';
  if (quantity.length > MAX_QUANTITY_DIGITS || BigInt(quantity) > MAX_QUANTITY) return 'quantity must be at most 2^256 − 1';
  return undefined;
}

/** Printable text a person typed: no control characters or lone surrogates, no padding, bounded. */
export function textProblem(value: unknown, name: string, max: number): string | undefined {
  if (typeof value !== 'string') return `${name} must be text`;
  if (value.length === 0) return `${name} must not be empty`;
  if (value.length > max) return `${name} must be at most ${max} characters`;
  if (CONTROL_CHARACTER.test(value) || LONE_SURROGATE.test(value)) return `${name} must be printable text`;
  if (value.trim() !== value) return `${name} must not start or end with white space`;
  return undefined;
}

/** A decorator whose one check also writes its own message (null/undefined pass when `optional`). */
function rule(name: string, problem: (value: unknown, args: ValidationArguments) => string | undefined, optional: boolean, options?: ValidationOptions) {
  return (target: object, propertyName: string): void => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName,
      ...(options ? { options } : {}),
      validator: {
        validate: (value: unknown, args: ValidationArguments) => (optional && value == null) || problem(value, args) === undefined,
        defaultMessage: (args: ValidationArguments) => problem(args.value, args) ?? 'is invalid',
      },
    });
  };
}

export const IsBaseUnitQuantity = () => rule('isBaseUnitQuantity', quantityProblem, false);

/** A signed base-unit integer (settlements, disputes): an optional minus, digits, no leading zero, not zero, at most 2^256 − 1 in size. */
export function signedQuantityProblem(quantity: unknown): string | undefined {
  if (typeof quantity !== 'string') return 'quantity must be a string of base-unit digits, with a minus when the client pays';
  const digits = quantity.startsWith('-') ? quantity.slice(1) : quantity;
  const problem = quantityProblem(digits);
  return problem === undefined ? undefined : `${problem.replace('no sign, ', 'only a leading minus, no ')}${problem.includes('positive') ? ' or negative (zero moves nothing)' : ''}`;
}

export const IsSignedQuantity = () => rule('isSignedQuantity', signedQuantityProblem, false);

export const IsCurrencyCode = () =>
  rule('isCurrencyCode', (v) => (typeof v === 'string' && CURRENCY.test(v) ? undefined : 'currency must be a lowercase BitGo currency code such as "ofctbtc"'), false);

export const IsBitGoUuid = () => rule('isBitGoUuid', (v, args) => (isUuid(v) ? undefined : `${args.property} must be a UUID`), false);

export const IsEnterpriseId = () =>
  rule('isEnterpriseId', (v) => (typeof v === 'string' && ENTERPRISE_ID.test(v) ? undefined : 'enterpriseId must be a BitGo enterprise id'), true);

export const IsPrintableText = (max: number, optional = true) => rule('isPrintableText', (v, args) => textProblem(v, args.property, max), optional);

/**
 * A reason belongs to a release only: required (and printable) when `status` is `released`, refused otherwise.
 * Registered as always-checked so that its absence is seen.
 */
export const ReasonFitsStatus = (released: string, max: number) =>
  rule(
    'reasonFitsStatus',
    (v, args) => {
      const releasing = (args.object as { status?: unknown }).status === released;
      if (releasing) return v == null ? 'rejectReason is required to release an allocation' : textProblem(v, 'rejectReason', max);
      return v == null ? undefined : 'rejectReason is only allowed when releasing an allocation';
    },
    false,
  );

function flatten(errors: readonly ValidationError[], prefix: readonly string[] = []): UserError[] {
  return errors.flatMap((e) => {
    const path = [...prefix, e.property];
    const own = Object.values(e.constraints ?? {}).map((message) => userError(UserErrorCode.INVALID_INPUT, message, path));
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

/** Every rule broken by `input` (a decorated input class instance), one user error per field, in field order. */
export async function inputProblems(input: object): Promise<UserError[]> {
  return flatten(await validate(input, { forbidUnknownValues: false, stopAtFirstError: true }));
}
