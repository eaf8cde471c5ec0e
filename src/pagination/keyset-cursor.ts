import { CursorError } from './cursor.js';
import { CursorSeal } from './cursor-seal.js';

/**
 * Opaque, versioned keyset cursors: a row's position in a list ordered by (time, id), bound to the scope
 * (enterprise, filter) it was issued for and MAC'd with the same secret as the offset cursors. The version
 * tag differs from theirs (`k1` against `c1`), so neither kind is ever taken for the other.
 */

const VERSION = 'k1';
/** Ids a keyset cursor carries: no dot (the field separator), bounded length. */
const ID = /^[0-9A-Za-z_-]{1,64}$/;

export interface KeysetPosition {
  /** Milliseconds since the epoch: the list's time key, exact to the millisecond. */
  atMs: number;
  id: string;
}

export class KeysetCursorCodec {
  readonly #seal: CursorSeal;

  /** `secret`: CURSOR_SECRET, as the offset cursors use it; random per process when unset. */
  constructor(secret?: string) {
    this.#seal = new CursorSeal(secret);
  }

  encode(position: KeysetPosition, scope: string): string {
    if (!Number.isSafeInteger(position.atMs) || position.atMs < 0 || !ID.test(position.id)) {
      throw new RangeError('a keyset position needs a non-negative integer time and a plain id');
    }
    return this.#seal.seal(`${VERSION}.${position.atMs.toString(36)}.${position.id}.${scope}`);
  }

  /** The position a cursor names; throws CursorError naming `argument` when it is not ours or not for this scope. */
  decode(cursor: string, scope: string, argument: string): KeysetPosition {
    const notOurs = () => new CursorError(`\`${argument}\` is not a cursor issued by this API`, argument);
    const fields = this.#seal.open(cursor, 4);
    if (!fields || fields[0] !== VERSION) throw notOurs();
    const [, at36, id, cursorScope] = fields as [string, string, string, string];
    if (!/^[0-9a-z]{1,11}$/.test(at36) || !ID.test(id)) throw notOurs();
    if (cursorScope !== scope) {
      throw new CursorError(`\`${argument}\` was issued for a different filter or enterprise; start again without it`, argument);
    }
    const atMs = parseInt(at36, 36);
    if (!Number.isSafeInteger(atMs)) throw notOurs();
    return { atMs, id };
  }
}
