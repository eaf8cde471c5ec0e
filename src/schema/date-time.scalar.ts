import { GraphQLScalarType } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';

// Already UTC and canonical: what BitGo sends and what clients get, so it passes through untouched.
const CANONICAL_UTC = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?Z$/;

/**
 * graphql-scalars' DateTime (same name, description and input parsing), with
 * an output path that does not parse and re-print every canonical timestamp: a
 * page of 25 allocations serialises 50 of them on every list query.
 */
export const DateTimeScalar = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  serialize(value: unknown): string {
    // The round trip refuses what V8 would silently roll over (2026-02-30 → March 2) and keeps the
    // output exactly graphql-scalars' (milliseconds always present).
    if (typeof value === 'string' && CANONICAL_UTC.test(value) && new Date(value).toISOString() === value) return value;
    const parsed = DateTimeResolver.serialize(value) as Date | string;
    return parsed instanceof Date ? parsed.toISOString() : parsed;
  },
});
