import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { CursorError } from './cursor.js';

/**
 * Opaque keyset cursors for lists the gateway reads from its own store: the position of a row in a
 * (timestamp, id) order, bound to the scope (enterprise, filter) it was issued for and MAC'd, so a forged or
 * edited cursor is refused rather than followed. Unlike offsets, a keyset position stays right while rows are
 * added in front of it.
 */
export interface KeysetPosition {
  at: Date;
  id: string;
}

const VERSION = 'k1';
const MAC_BYTES = 12;
const ID = /^[A-Za-z0-9_-]{1,256}$/;

export class KeysetCursorCodec {
  readonly #key: Buffer;

  constructor(secret?: string) {
    this.#key = secret ? Buffer.from(`keyset:${secret}`, 'utf8') : randomBytes(32);
  }

  encode(position: KeysetPosition, scope: string): string {
    const body = `${VERSION}.${position.at.getTime().toString(36)}.${Buffer.from(position.id, 'utf8').toString('base64url')}.${scope}`;
    return Buffer.from(`${body}.${this.#mac(body)}`, 'utf8').toString('base64url');
  }

  /** The position a cursor points at; throws CursorError naming `argument` when it is not ours or not for this scope. */
  decode(cursor: string, scope: string, argument: string): KeysetPosition {
    const foreign = () => new CursorError(`\`${argument}\` is not a cursor issued by this API`, argument);
    const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('.');
    if (parts.length !== 5 || parts[0] !== VERSION || !/^[0-9a-z]{1,11}$/.test(parts[1]!) || !ID.test(parts[2]!)) throw foreign();
    const [, at36, id64, cursorScope, mac] = parts as [string, string, string, string, string];
    const expected = Buffer.from(this.#mac(`${VERSION}.${at36}.${id64}.${cursorScope}`));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw foreign();
    if (cursorScope !== scope) {
      throw new CursorError(`\`${argument}\` was issued for a different filter or enterprise; start again without it`, argument);
    }
    const at = parseInt(at36, 36);
    if (!Number.isSafeInteger(at)) throw foreign();
    return { at: new Date(at), id: Buffer.from(id64, 'base64url').toString('utf8') };
  }

  #mac(body: string): string {
    return createHmac('sha256', this.#key).update(body).digest().subarray(0, MAC_BYTES).toString('base64url');
  }
}
