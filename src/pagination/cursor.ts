import { createHash } from 'node:crypto';
import { CursorSeal } from './cursor-seal.js';

/**
 * Opaque, versioned cursors: the absolute offset of a row in BitGo's total order,
 * bound to the scope (view, enterprise, filter, order) it was issued for and
 * MAC'd so that a forged or edited cursor is refused rather than followed.
 */

const VERSION = 'c1';
const SCOPE_BYTES = 8;

export class CursorError extends Error {
  constructor(
    message: string,
    readonly argument: string,
  ) {
    super(message);
    this.name = 'CursorError';
  }
}

/** Stable digest of anything JSON-like: object keys sorted so that equal scopes hash equally. */
export function scopeDigest(scope: unknown): string {
  return createHash('sha256').update(canonicalJson(scope)).digest('base64url').slice(0, Math.ceil((SCOPE_BYTES * 4) / 3));
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Cursors already made, by body. A page of 25 edges needs 25 HMACs, which
 * `npm run bench` measured as a visible share of a cached query's CPU; the same
 * windows are read over and over (first pages above all), so most are hits.
 * Bounded: cleared whole when full, which costs one round of misses.
 */
const MAX_MEMO = 20_000;

export class CursorCodec {
  readonly #seal: CursorSeal;
  readonly #memo = new Map<string, string>();

  constructor(secret?: string) {
    this.#seal = new CursorSeal(secret);
  }

  encode(offset: number, scope: string): string {
    const body = `${VERSION}.${offset.toString(36)}.${scope}`;
    let cursor = this.#memo.get(body);
    if (cursor === undefined) {
      cursor = this.#seal.seal(body);
      if (this.#memo.size >= MAX_MEMO) this.#memo.clear();
      this.#memo.set(body, cursor);
    }
    return cursor;
  }

  /** The offset a cursor points at; throws CursorError naming `argument` when it is not ours or not for this scope. */
  decode(cursor: string, scope: string, argument: string): number {
    const fields = this.#seal.open(cursor, 3);
    if (!fields || fields[0] !== VERSION || !/^[0-9a-z]{1,11}$/.test(fields[1]!)) {
      throw new CursorError(`\`${argument}\` is not a cursor issued by this API`, argument);
    }
    const [, offset36, cursorScope] = fields as [string, string, string];
    if (cursorScope !== scope) {
      throw new CursorError(`\`${argument}\` was issued for a different filter, order, view or enterprise; start again without it`, argument);
    }
    const offset = parseInt(offset36, 36);
    if (!Number.isSafeInteger(offset)) throw new CursorError(`\`${argument}\` is not a cursor issued by this API`, argument);
    return offset;
  }
}
