/** Why a mutation did not do what was asked: answered as data, beside whatever did happen. */
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
  /** Dry run: the balance the request draws on does not cover the amount. */
  INSUFFICIENT_BALANCE = 'INSUFFICIENT_BALANCE',
  /** Dry run: the connection is deactivated, or its partner has not initialized it yet. */
  CONNECTION_INACTIVE = 'CONNECTION_INACTIVE',
  /** The connection's partner does not accept this currency (Partner.supportedCurrencies); nothing was signed. */
  UNSUPPORTED_CURRENCY = 'UNSUPPORTED_CURRENCY',
  /** connect: the partner takes no new connections (Partner.active is false); nothing was signed. */
  PARTNER_INACTIVE = 'PARTNER_INACTIVE',
  /** connect: the connection key is not of the partner's schema (Partner.connectionKeySchema); nothing was signed. */
  KEY_SCHEMA_MISMATCH = 'KEY_SCHEMA_MISMATCH',
  /** disputeSettlement and its updates: the settlement's dispute window has passed (or it is no longer pending); nothing was signed. */
  DISPUTE_WINDOW_CLOSED = 'DISPUTE_WINDOW_CLOSED',
  /** settle: BitGo refused the v1 route (the partner has disputes enabled): give cutoffAt, or set SETTLEMENT_VERSION=v2. */
  SETTLEMENT_VERSION_REFUSED = 'SETTLEMENT_VERSION_REFUSED',
}

export interface UserError {
  /** Path of the input field at fault, e.g. ["input", "amount", "quantity"]; null when no one field is. */
  field: string[] | null;
  message: string;
  code: UserErrorCode;
}

/** `field` is the path inside the mutation's `input` argument. */
export function userError(code: UserErrorCode, message: string, field?: readonly string[]): UserError {
  return { code, message, field: field ? ['input', ...field] : null };
}
