import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CursorCodec, CursorError, scopeDigest } from '../../src/pagination/cursor.js';

describe('cursor codec', () => {
  const codec = new CursorCodec('a-test-secret-of-some-length');
  const scope = scopeDigest({ enterpriseId: 'e1', view: 'client', query: { types: ['allocation'] } });

  it('round-trips any offset for its own scope', () => {
    fc.assert(
      fc.property(fc.nat({ max: Number.MAX_SAFE_INTEGER }), (offset) => {
        assert.equal(codec.decode(codec.encode(offset, scope), scope, 'after'), offset);
      }),
    );
  });

  it('is opaque: the cursor text shows neither the offset in decimal nor JSON', () => {
    const cursor = codec.encode(123456, scope);
    assert.doesNotMatch(cursor, /123456|\{/);
    assert.match(cursor, /^[A-Za-z0-9_-]+$/);
  });

  it('refuses a cursor issued for another filter or order, naming the argument', () => {
    const other = scopeDigest({ enterpriseId: 'e1', view: 'client', query: { types: ['deallocation'] } });
    const cursor = codec.encode(10, other);
    assert.throws(
      () => codec.decode(cursor, scope, 'before'),
      (e: unknown) => e instanceof CursorError && e.argument === 'before' && /different filter/.test(e.message),
    );
  });

  it('refuses forged and edited cursors', () => {
    const cursor = codec.encode(10, scope);
    const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
    const edited = Buffer.from(decoded.replace(/^c1\.a\./, 'c1.b.'), 'utf8').toString('base64url');
    for (const bad of [edited, 'abc', '', Buffer.from('c1.1.x.y').toString('base64url'), cursor.slice(0, -2)]) {
      assert.throws(() => codec.decode(bad, scope, 'after'), CursorError, bad);
    }
    fc.assert(
      fc.property(fc.string(), (s) => {
        assert.throws(() => codec.decode(s, scope, 'after'), CursorError);
      }),
    );
  });

  it('refuses cursors of another gateway secret', () => {
    const foreign = new CursorCodec('another-secret-entirely').encode(3, scope);
    assert.throws(() => codec.decode(foreign, scope, 'after'), CursorError);
  });

  it('scope digests ignore key order but not values', () => {
    assert.equal(scopeDigest({ a: 1, b: [1, 2] }), scopeDigest({ b: [1, 2], a: 1 }));
    assert.notEqual(scopeDigest({ a: 1, b: [1, 2] }), scopeDigest({ a: 1, b: [2, 1] }));
    assert.equal(scopeDigest({ a: 1, c: undefined }), scopeDigest({ a: 1 }));
  });
});
