import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GraphQLError } from 'graphql';
import { httpError, networkError, timeoutError } from '../../src/bitgo/errors.js';
import { CursorError } from '../../src/pagination/cursor.js';
import { formatErrorWith, fromBitGoError, toGraphQLError } from '../../src/schema/errors.js';

describe('error mapping', () => {
  const cases: Array<[number, string]> = [
    [400, 'BAD_USER_INPUT'],
    [401, 'UNAUTHENTICATED'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [409, 'CONFLICT'],
    [500, 'UPSTREAM_UNAVAILABLE'],
    [502, 'UPSTREAM_UNAVAILABLE'],
    [503, 'UPSTREAM_UNAVAILABLE'],
  ];
  for (const [status, code] of cases) {
    it(`BitGo ${status} → ${code}, keeping BitGo's message and the request id`, () => {
      const err = fromBitGoError(httpError('GET clients/allocations', status, { error: 'some reason' }, 'req-1'));
      assert.equal(err.extensions.code, code);
      assert.equal(err.extensions.requestId, 'req-1');
      assert.equal(err.extensions.upstreamStatus, status);
      if (status < 500) assert.match(err.message, /some reason/);
    });
  }

  it('timeouts and network failures are UPSTREAM_UNAVAILABLE', () => {
    assert.equal(fromBitGoError(timeoutError('GET x', 'r')).extensions.code, 'UPSTREAM_UNAVAILABLE');
    assert.equal(fromBitGoError(networkError('GET x', 'r')).extensions.code, 'UPSTREAM_UNAVAILABLE');
  });

  it('wire errors serialise without the request body or token', () => {
    const err = httpError('POST allocations', 422, { error: 'insufficient balance', payload: 'SECRET' }, 'r');
    assert.doesNotMatch(JSON.stringify(err), /SECRET/);
    assert.doesNotMatch(err.message, /SECRET/);
  });

  it('cursor errors become BAD_USER_INPUT naming the argument', () => {
    const err = toGraphQLError(new CursorError('bad', 'after'));
    assert.ok(err instanceof GraphQLError);
    assert.equal(err.extensions.code, 'BAD_USER_INPUT');
    assert.deepEqual(err.extensions.field, ['after']);
  });

  it('masks and logs unexpected errors', () => {
    const logged: unknown[] = [];
    const format = formatErrorWith({ error: (obj) => logged.push(obj) });
    const out = format({ message: 'db password is hunter2', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, new Error('db password is hunter2'));
    assert.equal(out.extensions?.code, 'INTERNAL_SERVER_ERROR');
    assert.doesNotMatch(out.message, /hunter2/);
    assert.equal(logged.length, 1);
    assert.doesNotMatch(JSON.stringify(logged), /hunter2/, 'the message is not logged either');
    assert.match(JSON.stringify(logged), /errors\.test/, 'the stack frames are');
  });
});
