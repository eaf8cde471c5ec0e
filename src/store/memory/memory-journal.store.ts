import { randomUUID } from 'node:crypto';
import type {
  JournalStore,
  NewSignedRequest,
  SignedRequest,
  SignedRequestAnswer,
  SignedRequestEvent,
  SignedRequestKey,
} from '../journal.store.js';

interface Row {
  request: SignedRequest;
  events: SignedRequestEvent[];
}

const DEFAULT_MAX = 10_000;

/**
 * The journal in one process's memory: what replicas cannot share and a restart loses. It keeps the port's
 * rules (one row per key, the first writer's bytes for everyone) within the process. Bounded: past `max`
 * rows the oldest settled ones go first, so a long-running process does not grow without end.
 */
export class MemoryJournalStore implements JournalStore {
  readonly #rows = new Map<string, Row>();
  readonly #byId = new Map<string, Row>();

  constructor(private readonly max = DEFAULT_MAX) {}

  async claim(request: NewSignedRequest): Promise<{ request: SignedRequest; created: boolean }> {
    // No await between the look-up and the insert: within one process this is the atomic step.
    const existing = this.#rows.get(keyOf(request));
    if (existing) return { request: { ...existing.request }, created: false };
    if (this.#byId.size >= this.max) this.#evict();
    const now = new Date();
    // Counted as sent once: the caller sends the bytes right after creating the row (as the SQL store does).
    const row: Row = {
      request: { ...request, id: randomUUID(), state: 'pending', attempts: 1, createdAt: now, updatedAt: now, settledAt: null, outcome: null },
      events: [
        { type: 'committed', at: now, outcome: null },
        { type: 'attempt', at: now, outcome: null },
      ],
    };
    this.#rows.set(keyOf(request), row);
    this.#byId.set(row.request.id, row);
    return { request: { ...row.request }, created: true };
  }

  async find(key: SignedRequestKey): Promise<SignedRequest | undefined> {
    const row = this.#rows.get(keyOf(key));
    return row ? { ...row.request } : undefined;
  }

  async recordAttempt(id: string): Promise<void> {
    const row = this.#row(id);
    row.request.attempts += 1;
    row.request.updatedAt = new Date();
    row.events.push({ type: 'attempt', at: row.request.updatedAt, outcome: null });
  }

  /** The same rules as the SQL store's RECORD_ANSWER: the first definite answer is frozen; unknown is sticky. */
  async recordAnswer(id: string, answer: SignedRequestAnswer): Promise<void> {
    const row = this.#row(id);
    const now = new Date();
    row.events.push({ type: 'answer', at: now, outcome: { ...answer.outcome } });
    const r = row.request;
    r.updatedAt = now;
    if (r.state === 'settled') return;
    r.outcome = { ...answer.outcome };
    if (answer.definite) {
      r.state = 'settled';
      r.settledAt = now;
      if (answer.releasesKey && this.#rows.get(keyOf(r)) === row) this.#rows.delete(keyOf(r));
    } else if (r.state !== 'abandoned') {
      r.state = r.state === 'unknown' || (answer.state ?? 'unknown') === 'unknown' ? 'unknown' : 'pending';
    }
  }

  async events(id: string): Promise<SignedRequestEvent[]> {
    return (this.#byId.get(id)?.events ?? []).map((e) => ({ ...e }));
  }

  async unsettledStats(): Promise<{ count: number; oldestCreatedAt: Date | null }> {
    let count = 0;
    let oldestCreatedAt: Date | null = null;
    // Rows are kept in commit order, so the first unsettled one met is the oldest.
    for (const { request } of this.#byId.values()) {
      if (request.state !== 'pending' && request.state !== 'unknown') continue;
      count += 1;
      oldestCreatedAt ??= request.createdAt;
    }
    return { count, oldestCreatedAt };
  }

  #row(id: string): Row {
    const row = this.#byId.get(id);
    if (!row) throw new Error(`journal: no signed request ${JSON.stringify(id.slice(0, 40))}`);
    return row;
  }

  #evict(): void {
    let victim: Row | undefined;
    for (const row of this.#byId.values()) {
      if (row.request.state === 'settled') {
        victim = row;
        break;
      }
    }
    victim ??= this.#byId.values().next().value;
    if (victim === undefined) return;
    this.#byId.delete(victim.request.id);
    if (this.#rows.get(keyOf(victim.request)) === victim) this.#rows.delete(keyOf(victim.request));
  }
}

function keyOf(key: SignedRequestKey): string {
  return `${key.enterpriseId}\u0000${key.kind}\u0000${key.idempotencyKey}`;
}
