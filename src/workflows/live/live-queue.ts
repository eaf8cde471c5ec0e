/** The last item of a subscription that was ended by the gateway: the transport shows it as an error, then completes. */
export interface LiveFailure {
  readonly failure: Error;
}

export function isLiveFailure(value: unknown): value is LiveFailure {
  return typeof value === 'object' && value !== null && 'failure' in value;
}

/**
 * One subscription's events on their way to its transport: an async iterator over a bounded queue. The
 * transport pulls (graphql-ws, the callback plugin); the hub pushes. A subscriber that falls `limit` events
 * behind is ended with `overflow` rather than skipped silently: it would otherwise miss a status. Failures are
 * yielded as a last item (never thrown from `next`), so a transport answers them as an error result and then
 * completes the one subscription, never the connection it shares with others.
 */
export class LiveQueue<T> implements AsyncIterableIterator<T | LiveFailure> {
  readonly #items: Array<T | LiveFailure> = [];
  #waiter: ((result: IteratorResult<T | LiveFailure>) => void) | undefined;
  #ended = false;
  #released = false;

  constructor(
    private readonly limit: number,
    /** Runs once, when the consumer stops (return/throw) or the queue ends: unregister here. */
    private readonly onRelease: () => void,
    private readonly overflow: () => Error,
  ) {}

  get ended(): boolean {
    return this.#ended;
  }

  push(item: T): void {
    if (this.#ended) return;
    if (this.#items.length >= this.limit) {
      this.fail(this.overflow());
      return;
    }
    this.#offer(item);
  }

  /** No more events: what is queued is still delivered, then the iteration completes. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#release();
    this.#settle();
  }

  /** Drops what is queued, delivers `failure` as the last item, then completes. */
  fail(failure: Error): void {
    if (this.#ended) return;
    this.#items.length = 0;
    this.#offer({ failure });
    this.end();
  }

  next(): Promise<IteratorResult<T | LiveFailure>> {
    if (this.#items.length > 0) return Promise.resolve({ value: this.#items.shift()!, done: false });
    if (this.#ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.#waiter = resolve;
    });
  }

  return(): Promise<IteratorResult<T | LiveFailure>> {
    this.#ended = true;
    this.#items.length = 0;
    this.#release();
    this.#settle();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(): Promise<IteratorResult<T | LiveFailure>> {
    return this.return();
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T | LiveFailure> {
    return this;
  }

  #offer(item: T | LiveFailure): void {
    const waiter = this.#waiter;
    if (waiter) {
      this.#waiter = undefined;
      waiter({ value: item, done: false });
    } else {
      this.#items.push(item);
    }
  }

  #settle(): void {
    const waiter = this.#waiter;
    if (!waiter || this.#items.length > 0) return;
    this.#waiter = undefined;
    waiter({ value: undefined, done: true });
  }

  #release(): void {
    if (this.#released) return;
    this.#released = true;
    this.onRelease();
  }
}
