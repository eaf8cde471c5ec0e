import { isUUID } from 'class-validator';

/**
 * The text rules the gateway applies in more than one place, in one place.
 * The sandbox keeps its own: it is a second, independent reading of BitGo's contract.
 */

/** A BitGo currency code as the list filters and amounts take it: lowercase, e.g. `ofctbtc`. */
export const CURRENCY = /^[a-z0-9][a-z0-9:_-]{0,31}$/;

/** BitGo enterprise ids: letters, digits and dashes. */
export const ENTERPRISE_ID = /^[A-Za-z0-9-]{1,64}$/;

/** A 65-byte compact signature as it travels: lowercase hex. */
export const SIGNATURE_HEX = /^[0-9a-f]{130}$/;

/** With the u flag only unpaired surrogates match: UTF-8 cannot carry them, so a signed text could silently change. */
export const LONE_SURROGATE = /\p{Cs}/u;

/** C0 and C1 control characters: never part of a name, note or reason a person typed. */
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/** `Authorization: Bearer <token>` (RFC 6750's scheme, any case): the token, one word, is group 1. */
export const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

/** Base-unit quantities: ASCII digits only. */
export const ASCII_DIGITS = /^[0-9]+$/;

/** Ids BitGo issues as UUIDs (class-validator's reading, so decorators and plain checks agree). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && isUUID(value, 'all');
}
