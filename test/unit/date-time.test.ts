import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DateTimeResolver } from 'graphql-scalars';
import { DateTimeScalar } from '../../src/schema/date-time.scalar.js';

describe('DateTime scalar', () => {
  it('serialises exactly as graphql-scalars does, for Dates and any ISO string', () => {
    const reference = (v: unknown) => {
      const out = DateTimeResolver.serialize(v) as Date | string;
      return out instanceof Date ? out.toISOString() : out;
    };
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (d) => {
        assert.equal(DateTimeScalar.serialize(d), reference(d));
        assert.equal(DateTimeScalar.serialize(d.toISOString()), reference(d.toISOString()));
        const noMillis = d.toISOString().replace(/\.\d{3}Z$/, 'Z');
        assert.equal(DateTimeScalar.serialize(noMillis), reference(noMillis));
      }),
    );
  });

  it('refuses impossible dates instead of rolling them over', () => {
    assert.throws(() => DateTimeScalar.serialize('2026-02-30T00:00:00.000Z'));
    assert.throws(() => DateTimeScalar.serialize('not a date'));
  });
});
