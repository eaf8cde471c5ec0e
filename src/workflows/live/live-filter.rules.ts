import { ENTERPRISE_ID, isUuid } from '../../common/patterns.js';
import { badInput } from '../app-error.js';
import { requireEnterpriseId } from '../caller.js';
import { textProblem } from '../input.rules.js';

/**
 * What a subscription's arguments must satisfy before BitGo is asked (type-graphql does not validate a
 * subscription's subscribe step, so the live workflow checks here): bounded lists of well-formed values.
 */

/** Each filter list holds at most this many values. */
export const MAX_FILTER_VALUES = 100;

export function enterpriseOf(given: string | null | undefined, fallback: string | undefined): string {
  const enterpriseId = requireEnterpriseId(given, fallback);
  if (!ENTERPRISE_ID.test(enterpriseId)) throw badInput('enterpriseId must be a BitGo enterprise id (letters, digits and dashes)', 'enterpriseId');
  return enterpriseId.toLowerCase();
}

/** BitGo ids, lower-cased as BitGo sends them. */
export function uuids(values: readonly string[] | null | undefined, name: string): Set<string> {
  if (!values) return new Set();
  if (values.length > MAX_FILTER_VALUES) throw badInput(`${name} may hold at most ${MAX_FILTER_VALUES} values`, name);
  for (const value of values) if (!isUuid(value)) throw badInput(`${name}: every value must be a UUID`, name);
  return new Set(values.map((v) => v.toLowerCase()));
}

/** Idempotency keys, as allocate takes them (printable, at most 256 characters). */
export function externalIds(values: readonly string[] | null | undefined): Set<string> {
  if (!values) return new Set();
  if (values.length > MAX_FILTER_VALUES) throw badInput(`clientExternalIds may hold at most ${MAX_FILTER_VALUES} values`, 'clientExternalIds');
  for (const value of values) {
    const problem = textProblem(value, 'clientExternalIds', 256);
    if (problem) throw badInput(problem, 'clientExternalIds');
  }
  return new Set(values);
}
