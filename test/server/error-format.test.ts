import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GraphQLError } from 'graphql';
import { BitGoError } from '../../src/bitgo/errors.js';
import { CursorError } from '../../src/pagination/cursor.js';
import { toGraphQLError } from '../../src/schema/graphql-errors.js';
import { errorFormatter } from '../../src/server/plugins/error-format.plugin.js';
import { SigningError } from '../../src/signing/signer.js';
import { AppError, AppErrorCode } from '../../src/workflows/app-error.js';

describe('errors as clients see them', () => {
  it('BitGo failures keep a stable code, BitGo\'s message and the request id', () => {
    const err = toGraphQLError(new BitGoError({ kind: 'http', operation: 'GET clients/allocations', status: 404, body: { error: 'no such thing' }, requestId: 'req-9' }));
    assert.ok(err instanceof GraphQLError);
    assert.equal(err.extensions.code, 'NOT_FOUND');
    assert.equal(err.extensions.requestId, 'req-9');
    assert.equal(err.extensions.upstreamStatus, 404);
    assert.match(err.message, /no such thing/);
  });

  it('application errors keep their code and field path', () => {
    const err = toGraphQLError(new AppError(AppErrorCode.BAD_USER_INPUT, 'nope', { field: ['filter', 'clientIds'] }));
    assert.equal(err?.extensions.code, 'BAD_USER_INPUT');
    assert.deepEqual(err?.extensions.field, ['filter', 'clientIds']);
  });

  it('cursor errors become BAD_USER_INPUT naming the argument', () => {
    const err = toGraphQLError(new CursorError('bad', 'after'));
    assert.equal(err?.extensions.code, 'BAD_USER_INPUT');
    assert.deepEqual(err?.extensions.field, ['after']);
  });

  it('signer failures are SIGNER_UNAVAILABLE with the signer\'s own safe message', () => {
    const err = toGraphQLError(new SigningError('SIGNER_UNAVAILABLE', 'BitGo Express could not be reached'));
    assert.equal(err?.extensions.code, 'SIGNER_UNAVAILABLE');
    assert.match(err!.message, /could not be reached/);
  });

  it('masks and logs unexpected errors', () => {
    const logged: unknown[] = [];
    const format = errorFormatter({ logger: { error: (obj: unknown) => logged.push(obj) } as never });
    const out = format({ message: 'db password is hunter2', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, new Error('db password is hunter2'));
    assert.equal(out.extensions?.code, 'INTERNAL_SERVER_ERROR');
    assert.doesNotMatch(out.message, /hunter2/);
    assert.equal(logged.length, 1);
    assert.doesNotMatch(JSON.stringify(logged), /hunter2/, 'the message is not logged either');
    assert.match(JSON.stringify(logged), /error-format\.test/, 'the stack frames are');
  });

  it('keeps Apollo\'s own request-level codes', () => {
    const format = errorFormatter({ logger: { error: () => assert.fail('nothing to log') } as never });
    const out = format({ message: 'Syntax Error', extensions: { code: 'GRAPHQL_PARSE_FAILED', stacktrace: ['x'] } }, new GraphQLError('Syntax Error'));
    assert.deepEqual(out.extensions, { code: 'GRAPHQL_PARSE_FAILED' });
  });
});
