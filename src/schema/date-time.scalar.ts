import { GraphQLScalarType } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';

// Already UTC, canonical and with milliseconds: what BitGo sends and exactly what graphql-scalars would print.
const CANONICAL_UTC_MS = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/**
 * graphql-scalars' DateTime (same name, description and input parsing), with
 * an output path that does not parse and re-print every canonical timestamp: a
 * page of 25 allocations serialises 50 of them on every list query.
 */
export const DateTimeScalar = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  serialize(value: unknown): string {
    if (typeof value === 'string') {
      const m = CANONICAL_UTC_MS.exec(value);
      // The day check refuses what V8 would silently roll over (2026-02-30 → March 2).
      if (m && Number(m[3]) <= daysIn(Number(m[1]), Number(m[2]))) return value;
    }
    const parsed = DateTimeResolver.serialize(value) as Date | string;
    return parsed instanceof Date ? parsed.toISOString() : parsed;
  },
});
