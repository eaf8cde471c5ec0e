import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const MAC_BYTES = 12;

/**
 * The HMAC every cursor kind is sealed with (offset cursors over BitGo's lists, keyset cursors over the
 * gateway's own): a cursor is `base64url(body.mac)`, and one that was forged or edited does not open. What
 * the body holds (its version tag, position and scope) is each codec's own.
 */
export class CursorSeal {
  readonly #key: Buffer;

  /** `secret`: CURSOR_SECRET; random per process when unset (cursors then die with the process). */
  constructor(secret?: string) {
    this.#key = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  }

  seal(body: string): string {
    return Buffer.from(`${body}.${this.#mac(body)}`, 'utf8').toString('base64url');
  }

  /** The body's dot-separated fields when `cursor` is one this seal made with `fields` of them; else undefined. */
  open(cursor: string, fields: number): string[] | undefined {
    const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('.');
    if (parts.length !== fields + 1) return undefined;
    const mac = parts.pop()!;
    const expected = Buffer.from(this.#mac(parts.join('.')));
    const given = Buffer.from(mac);
    return given.length === expected.length && timingSafeEqual(given, expected) ? parts : undefined;
  }

  #mac(body: string): string {
    return createHmac('sha256', this.#key).update(body).digest().subarray(0, MAC_BYTES).toString('base64url');
  }
}
