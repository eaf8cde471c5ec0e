import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum UserErrorCode {
  /** The input is malformed; nothing was sent to BitGo. */
  INVALID_INPUT = 'INVALID_INPUT',
  /** BitGo knows no such connection or allocation for this enterprise. */
  NOT_FOUND = 'NOT_FOUND',
  /** BitGo refused the request as it stands (e.g. its own validation). */
  REJECTED = 'REJECTED',
  /** BitGo released the allocation (insufficient balance, inactive connection, partner refusal): no funds moved. */
  RELEASED = 'RELEASED',
  /** The allocation is already in another final state, or the idempotency key was used for a different request. */
  CONFLICT = 'CONFLICT',
  /** BitGo did not confirm in time. Repeat the mutation with the same clientExternalId: it returns the one allocation that exists. */
  OUTCOME_UNKNOWN = 'OUTCOME_UNKNOWN',
  /** BitGo accepted the change, but the allocation could not be read back: query allocation(id). */
  READ_FAILED = 'READ_FAILED',
}

registerEnumType(UserErrorCode, { name: 'UserErrorCode', description: 'Why a mutation did not do what was asked.' });

@ObjectType({ description: 'A problem the caller can act on.' })
export class UserError {
  @Field(() => [String], { nullable: true, description: 'Path of the input field at fault, e.g. ["input", "amount", "quantity"].' })
  field?: string[] | null;

  @Field(() => String)
  message!: string;

  @Field(() => UserErrorCode)
  code!: UserErrorCode;
}

export function userError(code: UserErrorCode, message: string, field?: readonly string[]): UserError {
  return { code, message, field: field ? ['input', ...field] : null };
}
