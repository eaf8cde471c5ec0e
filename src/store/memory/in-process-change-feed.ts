import type { Change, ChangeFeed, ChangeListener, FeedChange } from '../change-feed.js';

/**
 * The change feed of one process (the in-memory journal or the embedded store, which one process holds):
 * changes go to the listeners as they are, in publish order. Delivery waits for the event loop's next turn
 * (setImmediate), so the publisher's own work (a mutation's answer) is not held up behind the fan-out to
 * every subscriber.
 */
export class InProcessChangeFeed implements ChangeFeed {
  readonly #listeners = new Set<ChangeListener>();
  #seq = 0n;
  #closed = false;

  async publish(change: Change): Promise<void> {
    if (this.#closed) return;
    const event: FeedChange = { ...change, seq: String(++this.#seq) };
    setImmediate(() => {
      for (const listener of this.#listeners) listener.change(event);
    });
  }

  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Listeners currently subscribed (tests check that nothing leaks). */
  get listenerCount(): number {
    return this.#listeners.size;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#listeners.clear();
  }
}
