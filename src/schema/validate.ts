import { validateSync, type ValidationError } from 'class-validator';
import type { ValidatorFn } from 'type-graphql';
import { badInput } from '../workflows/app-error.js';

function flatten(errors: readonly ValidationError[], prefix: string[] = []): Array<{ path: string[]; message: string }> {
  return errors.flatMap((e) => {
    const path = [...prefix, e.property];
    const own = Object.values(e.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

/**
 * class-validator over every query argument object before any resolver runs, so bad input never reaches
 * BitGo. One BAD_USER_INPUT error naming the first bad field (its path in extensions.field) and listing them
 * all. Mutation inputs opt out: their workflows answer bad input as userErrors.
 */
export const validateArgs: ValidatorFn = (value) => {
  if (value === null || typeof value !== 'object') return;
  // Synchronously: every rule here is (input.rules.ts registers none that is async), so no promise per argument object.
  const errors = validateSync(value as object, { skipMissingProperties: true, forbidUnknownValues: false });
  if (errors.length === 0) return;
  const problems = flatten(errors);
  const first = problems[0]!;
  const message = problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('; ');
  throw badInput(`Invalid argument ${message}`, first.path);
};
