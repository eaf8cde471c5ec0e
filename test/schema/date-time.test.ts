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
      fc.property(fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
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

describe('DateTime scalar on calendar edges', () => {
  it('passes leap days through and refuses the days a month does not have', () => {
    assert.equal(DateTimeScalar.serialize('2024-02-29T10:00:00.000Z'), '2024-02-29T10:00:00.000Z');
    assert.equal(DateTimeScalar.serialize('2000-02-29T10:00:00.000Z'), '2000-02-29T10:00:00.000Z');
    for (const impossible of ['2026-02-29T10:00:00.000Z', '1900-02-29T10:00:00.000Z', '2026-04-31T10:00:00.000Z', '2026-13-01T10:00:00.000Z']) {
      assert.throws(() => DateTimeScalar.serialize(impossible), /invalid date-time/, impossible);
    }
  });

  it('prints a timestamp without milliseconds in the canonical form', () => {
    assert.equal(DateTimeScalar.serialize('2026-03-01T10:00:00Z'), '2026-03-01T10:00:00.000Z');
  });
});
