import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CursorError } from '../../src/pagination/cursor.js';
import { KeysetCursorCodec } from '../../src/pagination/keyset-cursor.js';

describe('keyset cursors', () => {
  const codec = new KeysetCursorCodec('a-secret-of-enough-length');

  it('round-trip any position within their scope (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8.64e15 }), fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), fc.uuid(), (ms, scope, id) => {
        const cursor = codec.encode({ at: new Date(ms), id }, scope);
        assert.match(cursor, /^[A-Za-z0-9_-]+$/);
        const back = codec.decode(cursor, scope, 'after');
        assert.equal(back.at.getTime(), ms);
        assert.equal(back.id, id);
      }),
    );
  });

  it('refuse another scope, another key, edits and garbage, naming the argument', () => {
    const cursor = codec.encode({ at: new Date(1_700_000_000_123), id: '0c6d1e8a-2b3f-4c5d-9e6f-7a8b9c0d1e2f' }, 'scope-a');
    const refused = (value: string, scope = 'scope-a', pattern = /not a cursor issued by this API/) =>
      assert.throws(() => codec.decode(value, scope, 'before'), (e: unknown) => e instanceof CursorError && e.argument === 'before' && pattern.test(e.message));
    refused(cursor, 'scope-b', /different filter or enterprise/);
    refused(new KeysetCursorCodec('another-secret-value').encode({ at: new Date(1), id: 'x' }, 'scope-a'));
    const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('.');
    parts[1] = (parseInt(parts[1]!, 36) + 1).toString(36);
    refused(Buffer.from(parts.join('.')).toString('base64url'));
    refused('');
    refused('bm90IGEgY3Vyc29y');
    // An offset cursor of the allocations list is not a keyset cursor.
    refused(Buffer.from('c1.5.scope-a.mac').toString('base64url'));
  });
});
