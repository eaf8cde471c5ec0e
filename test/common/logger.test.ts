import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { createLogger, readableLogs } from '../../src/common/logger.js';

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('logs', () => {
  it('are readable at a terminal in development, JSON in production and whenever piped; LOG_FORMAT says it outright', () => {
    assert.equal(readableLogs('auto', { tty: true, production: false }), true);
    assert.equal(readableLogs('auto', { tty: false, production: false }), false);
    assert.equal(readableLogs('auto', { tty: true, production: true }), false);
    assert.equal(readableLogs('json', { tty: true, production: false }), false);
    assert.equal(readableLogs('pretty', { tty: false, production: true }), true);
  });

  it('readable: one line per entry with its time, level, message and fields, secrets redacted as in JSON', async () => {
    const { stream, text } = sink();
    const logger = createLogger('info', stream, { readable: true });
    logger.info({ requestId: 'req-1', headers: { authorization: 'Bearer s3cret-token' }, signing: { xprv: 'xprv-s3cret' } }, 'gateway ready');
    logger.debug('not at info');
    await flush();
    const lines = text().trimEnd().split('\n');
    assert.equal(lines.length, 1, text());
    assert.match(lines[0]!, /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: gateway ready .*"requestId":"req-1"/);
    assert.doesNotMatch(text(), /s3cret/);
    assert.throws(() => JSON.parse(lines[0]!), 'not JSON');
  });

  it('JSON otherwise, redacted', async () => {
    const { stream, text } = sink();
    createLogger('info', stream).info({ call: { accessToken: 's3cret' }, x: 1 }, 'hello');
    await flush();
    const entry = JSON.parse(text()) as Record<string, unknown>;
    assert.equal(entry.msg, 'hello');
    assert.doesNotMatch(text(), /s3cret/);
  });
});
