import type { BooksEntry, BooksPersistence } from './persistence.js';

interface Batch {
  /** In the order items were first changed: new records are saved (and so listed after a restart) in that order. */
  entries: Map<string, BooksEntry>;
  done: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function batch(): Batch {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const done = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Every waiter awaits `done` itself; this only keeps a batch nobody waits on from crashing the process.
  done.catch(() => {});
  return { entries: new Map(), done, resolve, reject };
}

/**
 * Write-through to the books' persistence, in order, one save at a time: changes that arrive while a save is
 * running are gathered into the next one (a group commit), the latest state of an item winning. A request's
 * answer waits for `commit`, so nothing a client is told is lost by a crash: not its own changes, and not
 * those of an earlier request it may have read (a repeat answered with a record still being saved).
 */
export class BooksWriter {
  #next: Batch | undefined;
  #running: Promise<void> | undefined;

  constructor(private readonly persistence: BooksPersistence) {}

  /**
   * Queues `changes` and resolves once they and everything queued before are saved; rejects when their save
   * failed (they stay queued, and the next commit tries again: no retry loop of its own against a store that
   * is down). Undefined when nothing is waiting to be saved, so a read in a quiet moment costs nothing.
   */
  commit(changes: readonly BooksEntry[]): Promise<void> | undefined {
    if (changes.length > 0) {
      const next = (this.#next ??= batch());
      for (const change of changes) next.entries.set(`${change.kind}\u0000${change.key}`, change);
    }
    const waitFor = this.#next?.done ?? this.#running;
    if (!this.#running) this.#run();
    return waitFor;
  }

  /** Resolves once no save is running (whether the last ones succeeded or not). */
  async drain(): Promise<void> {
    while (this.#running) await this.#running;
  }

  #run(): void {
    const current = this.#next;
    if (!current) return;
    this.#next = undefined;
    let again = true;
    const running = this.persistence.save([...current.entries.values()]).then(
      () => current.resolve(),
      (error: unknown) => {
        // Tried again at once only for changes that arrived during this save (they have waiters); otherwise
        // on the next commit.
        again = this.#next !== undefined;
        // The failed items go first (a record first saved later than another must not list before it after a
        // restart); newer states of the same items, queued meanwhile, win.
        const next = (this.#next ??= batch());
        const merged = new Map(current.entries);
        for (const [key, change] of next.entries) merged.set(key, change);
        next.entries = merged;
        current.reject(error);
      },
    );
    this.#running = running.then(() => {
      this.#running = undefined;
      if (again) this.#run();
    });
  }
}
