/**
 * What the sandbox needs of a place to keep its books across restarts. The sandbox knows nothing of where that
 * is: whoever starts it passes an implementation (the gateway's `npm start` passes its own database). Entries
 * are plain JSON, so an implementation needs no sandbox types either.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One item of the books (a record, a balance, a nonce, …) as it now stands; `value: null` means it is gone. */
export interface BooksEntry {
  /** What the item is: `record`, `balance`, `nonce`, `connection`, `enterprise`, `token`, `key`. */
  kind: string;
  /** Unique within its kind. */
  key: string;
  value: JsonValue | null;
}

export interface BooksPersistence {
  /** Every item, in the order they were first saved; none for a store that was never written (then the sandbox seeds). */
  load(): Promise<BooksEntry[]>;
  /** Saves the items as they now stand, all or nothing: resolves once they are durable. */
  save(changes: readonly BooksEntry[]): Promise<void>;
}
