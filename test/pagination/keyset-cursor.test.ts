import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CursorCodec, CursorError, scopeDigest } from '../../src/pagination/cursor.js';
import { KeysetCursorCodec } from '../../src/pagination/keyset-cursor.js';

describe('keyset cursor codec', () => {
  const secret = 'a-test-secret-of-some-length';
  const codec = new KeysetCursorCodec(secret);
  const scope = scopeDigest({ list: 'signedRequests', enterpriseId: 'e1', filter: { kinds: ['allocate'] } });
  const position = fc.record({ atMs: fc.nat({ max: Number.MAX_SAFE_INTEGER }), id: fc.bigInt({ min: 1n, max: 2n ** 63n - 1n }).map(String) });

  it('round-trips any position for its own scope, and the same secret decodes it in another process', () => {
    const again = new KeysetCursorCodec(secret);
    fc.assert(
      fc.property(position, (p) => {
        assert.deepEqual(codec.decode(codec.encode(p, scope), scope, 'after'), { ...p });
        assert.deepEqual(again.decode(codec.encode(p, scope), scope, 'after'), { ...p });
      }),
    );
  });

  it('refuses a cursor of another scope, naming the argument', () => {
    const other = scopeDigest({ list: 'signedRequests', enterpriseId: 'e2', filter: { kinds: ['allocate'] } });
    assert.throws(
      () => codec.decode(codec.encode({ atMs: 1, id: '1' }, other), scope, 'before'),
      (e: unknown) => e instanceof CursorError && e.argument === 'before' && /different filter or enterprise/.test(e.message),
    );
  });

  it('refuses forged and edited cursors, another secret\'s, and the offset cursors made with the same secret', () => {
    const cursor = codec.encode({ atMs: 1_700_000_000_000, id: '42' }, scope);
    const text = Buffer.from(cursor, 'base64url').toString('utf8');
    const edit = (from: RegExp, to: string) => Buffer.from(text.replace(from, to), 'utf8').toString('base64url');
    const offsetCursor = new CursorCodec(secret).encode(42, scope);
    for (const bad of [edit(/\.42\./, '.43.'), edit(/^k1\./, 'k2.'), 'abc', '', cursor.slice(0, -2), new KeysetCursorCodec('another-secret-value').encode({ atMs: 1, id: '42' }, scope), offsetCursor]) {
      assert.throws(() => codec.decode(bad, scope, 'after'), (e: unknown) => e instanceof CursorError && /not a cursor issued by this API/.test(e.message), bad);
    }
    fc.assert(
      fc.property(fc.string(), (junk) => {
        assert.throws(() => codec.decode(Buffer.from(junk).toString('base64url'), scope, 'after'), CursorError);
      }),
    );
  });

  it('will not encode a position it could not read back', () => {
    assert.throws(() => codec.encode({ atMs: -1, id: '1' }, scope), RangeError);
    assert.throws(() => codec.encode({ atMs: 1, id: 'a.b' }, scope), RangeError);
  });
});
