import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { createEpisode } from '../../src/common/episode-log.js';
import { createLogger } from '../../src/common/logger.js';

function sink(): { stream: Writable; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, lines: () => chunks.join('').trimEnd().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('episode logs', () => {
  it('a burst of failures is one warning, the recovery one info line with its duration and count; a second outage is a second episode', async () => {
    const { stream, lines } = sink();
    let clock = 1_000;
    const episode = createEpisode({ logger: createLogger('info', stream), dependency: 'store', message: 'the store is unavailable', now: () => clock });
    assert.equal(episode.recovered(), false, 'nothing to recover from');
    assert.equal(episode.failed(new Error('connect ECONNREFUSED')), true);
    for (let i = 0; i < 9; i++) assert.equal(episode.failed(new Error('again')), false);
    assert.equal(episode.open, true);
    clock += 2_500;
    assert.equal(episode.recovered(), true);
    assert.equal(episode.recovered(), false);
    assert.equal(episode.failed('timeout'), true);
    await flush();
    const logged = lines();
    assert.equal(logged.length, 3, JSON.stringify(logged));
    assert.deepEqual([logged[0]!.level, logged[0]!.msg, logged[0]!.dependency, logged[0]!.reason], [40, 'the store is unavailable', 'store', 'connect ECONNREFUSED']);
    assert.deepEqual([logged[1]!.level, logged[1]!.msg, logged[1]!.durationMs, logged[1]!.failures], [30, 'store available again', 2_500, 10]);
    assert.deepEqual([logged[2]!.level, logged[2]!.reason], [40, 'timeout']);
  });
});
