import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BooksWriter } from '../../src/sandbox/books-writer.js';
import type { BooksEntry, BooksPersistence } from '../../src/sandbox/persistence.js';

/** A persistence whose saves finish when the test says so: the queue's order is then fully visible. */
class SteppedPersistence implements BooksPersistence {
  readonly saves: BooksEntry[][] = [];
  readonly #pending: Array<{ resolve(): void; reject(e: Error): void }> = [];
  async load(): Promise<BooksEntry[]> {
    return [];
  }
  save(changes: readonly BooksEntry[]): Promise<void> {
    this.saves.push([...changes]);
    return new Promise((resolve, reject) => this.#pending.push({ resolve, reject }));
  }
  finish(error?: Error): void {
    const next = this.#pending.shift();
    assert.ok(next, 'a save is running');
    if (error) next.reject(error);
    else next.resolve();
  }
  get running(): number {
    return this.#pending.length;
  }
}

const e = (key: string, value: string | null): BooksEntry => ({ kind: 'record', key, value });
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('BooksWriter: write-through in order, one save at a time, grouped', () => {
  it('answers each commit only after its own save; commits during a save go together in the next, the latest state winning', async () => {
    const p = new SteppedPersistence();
    const w = new BooksWriter(p);
    const done: string[] = [];
    const first = w.commit([e('a', '1')])!.then(() => done.push('first'));
    const second = w.commit([e('b', '1'), e('a', '2')])!.then(() => done.push('second'));
    const third = w.commit([e('a', '3')])!.then(() => done.push('third'));
    const read = w.commit([])!.then(() => done.push('read'));
    assert.equal(p.running, 1, 'one save at a time');
    p.finish();
    await first;
    await tick();
    assert.deepEqual(done, ['first']);
    assert.deepEqual(p.saves[1], [e('b', '1'), e('a', '3')], 'grouped, latest state of `a`');
    p.finish();
    await Promise.all([second, third, read]);
    assert.deepEqual(done, ['first', 'second', 'third', 'read']);
    assert.equal(w.commit([]), undefined, 'nothing to wait for once all is saved');
  });

  it('a failed save rejects its commits and is carried by the next commit, never retried in a loop', async () => {
    const p = new SteppedPersistence();
    const w = new BooksWriter(p);
    const failed = w.commit([e('a', '1'), e('b', '1')])!;
    p.finish(new Error('disk full'));
    await assert.rejects(failed, /disk full/);
    await tick();
    assert.equal(p.running, 0, 'no retry of its own');
    const next = w.commit([e('b', '2')])!;
    assert.deepEqual(p.saves[1], [e('a', '1'), e('b', '2')], 'the failed items ride along, first; the newer `b` wins');
    p.finish();
    await next;
    await w.drain();
  });

  it('changes queued during a save that then fails are saved at once (they have waiters)', async () => {
    const p = new SteppedPersistence();
    const w = new BooksWriter(p);
    const failed = w.commit([e('a', '1')])!;
    const waiting = w.commit([e('c', '1')])!;
    p.finish(new Error('blip'));
    await assert.rejects(failed);
    await tick();
    assert.equal(p.running, 1);
    assert.deepEqual(p.saves[1], [e('a', '1'), e('c', '1')], 'the failed item first, as it was changed first');
    p.finish();
    await waiting;
  });
});
