import type {
  DueSignedRequest,
  DueSignedRequestsQuery,
  ExclusiveHold,
  JournalAdminStore,
  NewSignedRequest,
  SignedRequest,
  SignedRequestAnswer,
  SignedRequestCursor,
  SignedRequestEvent,
  SignedRequestFilter,
  SignedRequestKey,
  SignedRequestPageQuery,
} from '../journal.store.js';

interface Row {
  request: SignedRequest;
  events: SignedRequestEvent[];
  /** Reconciler bookkeeping, as the SQL store keeps it in columns. */
  nextAttemptAt: number;
  rounds: number;
}

const DEFAULT_MAX = 10_000;

/**
 * The journal in one process's memory: what replicas cannot share and a restart loses. It keeps the port's
 * rules (one row per key, the first writer's bytes for everyone) within the process. Bounded: past `max`
 * rows the oldest settled ones go first, so a long-running process does not grow without end. Ids are
 * increasing decimal strings, like the SQL store's identities, so both order ties on creation the same way.
 */
export class MemoryJournalStore implements JournalAdminStore {
  readonly #rows = new Map<string, Row>();
  readonly #byId = new Map<string, Row>();
  #lastId = 0n;

  constructor(private readonly max = DEFAULT_MAX) {}

  async claim(request: NewSignedRequest): Promise<{ request: SignedRequest; created: boolean }> {
    // No await between the look-up and the insert: within one process this is the atomic step.
    const existing = this.#rows.get(keyOf(request));
    if (existing) return { request: copy(existing.request), created: false };
    if (this.#byId.size >= this.max && !this.#evict()) {
      // Every row still waits for an answer: forgetting one would let its key sign new bytes. Nothing is sent instead.
      throw new Error(`journal: ${this.max} signed requests await an answer in this process's memory; none is forgotten, so no new one is taken`);
    }
    const now = new Date();
    this.#lastId += 1n;
    // Counted as sent once: the caller sends the bytes right after creating the row (as the SQL store does).
    const row: Row = {
      request: { ...request, subjectId: request.subjectId ?? null, id: this.#lastId.toString(), state: 'pending', attempts: 1, createdAt: now, updatedAt: now, settledAt: null, outcome: null },
      events: [
        { type: 'committed', at: now, outcome: null },
        { type: 'attempt', at: now, outcome: null },
      ],
      nextAttemptAt: now.getTime(),
      rounds: 0,
    };
    this.#rows.set(keyOf(request), row);
    this.#byId.set(row.request.id, row);
    return { request: copy(row.request), created: true };
  }

  async find(key: SignedRequestKey): Promise<SignedRequest | undefined> {
    const row = this.#rows.get(keyOf(key));
    return row ? copy(row.request) : undefined;
  }

  async findById(id: string): Promise<SignedRequest | undefined> {
    const row = this.#byId.get(id);
    return row ? copy(row.request) : undefined;
  }

  async recordAttempt(id: string): Promise<void> {
    const row = this.#row(id);
    row.request.attempts += 1;
    row.request.updatedAt = new Date();
    row.events.push({ type: 'attempt', at: row.request.updatedAt, outcome: null });
  }

  /** The SQL store's rule, atomic within the process: no await between the check and the hold. */
  async recordExclusiveAttempt(id: string, hold: ExclusiveHold): Promise<boolean> {
    const row = this.#row(id);
    const now = Date.now();
    if (!isUnsettled(row.request) || row.request.updatedAt.getTime() > now - hold.idleMs || row.nextAttemptAt > now) return false;
    row.nextAttemptAt = now + hold.leaseMs;
    await this.recordAttempt(id);
    return true;
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
    // As the SQL store: a refusal that would free the key, once another send of the bytes was counted, is unknown.
    const refusedWhileResent = answer.releasesKey === true && r.attempts > 1;
    if (answer.definite && !refusedWhileResent) {
      r.state = 'settled';
      r.settledAt = now;
      if (answer.releasesKey && this.#rows.get(keyOf(r)) === row) this.#rows.delete(keyOf(r));
    } else if (r.state !== 'abandoned') {
      r.state = r.state === 'unknown' || refusedWhileResent || (answer.state ?? 'unknown') === 'unknown' ? 'unknown' : 'pending';
    }
  }

  async events(id: string): Promise<SignedRequestEvent[]> {
    return (this.#byId.get(id)?.events ?? []).map(copyEvent);
  }

  async eventsFor(ids: readonly string[]): Promise<Map<string, SignedRequestEvent[]>> {
    return new Map(ids.map((id) => [id, (this.#byId.get(id)?.events ?? []).map(copyEvent)]));
  }

  async page(query: SignedRequestPageQuery): Promise<SignedRequest[]> {
    const { filter = {}, after, before } = query;
    const rows = [...this.#byId.values()]
      .map((row) => row.request)
      .filter((r) => r.enterpriseId === query.enterpriseId && matches(r, filter))
      // List order is (created_at, id) descending: "after" a cursor is older, "before" it is newer.
      .filter((r) => (after === undefined || compare(r, after) < 0) && (before === undefined || compare(r, before) > 0))
      .sort((a, b) => compare(b, a));
    const taken = query.take === 'first' ? rows.slice(0, query.limit) : rows.slice(Math.max(0, rows.length - query.limit));
    return taken.map(copy);
  }

  /** One process has one worker: no lease to share, but the same due rule and backoff as the SQL store. */
  async claimDue(query: DueSignedRequestsQuery): Promise<DueSignedRequest[]> {
    const now = Date.now();
    const due = [...this.#byId.values()]
      .filter((row) => isUnsettled(row.request) && row.nextAttemptAt <= now && row.request.updatedAt.getTime() <= now - query.idleMs)
      .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || compareIds(a.request.id, b.request.id))
      .slice(0, query.limit);
    return due.map((row) => {
      const backoff = Math.min(query.backoffMaxMs, query.backoffBaseMs * 2 ** Math.min(row.rounds, 40));
      row.rounds += 1;
      row.nextAttemptAt = now + Math.max(query.leaseMs, backoff);
      return { ...copy(row.request), round: row.rounds, nextAttemptAt: new Date(row.nextAttemptAt) };
    });
  }

  async abandon(maxAgeMs: number, limit = 1000): Promise<string[]> {
    const cutoff = Date.now() - maxAgeMs;
    const old = [...this.#byId.values()]
      .filter((row) => isUnsettled(row.request) && row.request.createdAt.getTime() <= cutoff)
      .slice(0, limit);
    const now = new Date();
    for (const row of old) {
      row.request.state = 'abandoned';
      row.request.updatedAt = now;
      row.events.push({ type: 'abandoned', at: now, outcome: null });
    }
    return old.map((row) => row.request.id);
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

  /** Forgets the oldest settled or abandoned row; false when every row still waits for an answer. */
  #evict(): boolean {
    for (const row of this.#byId.values()) {
      if (row.request.state !== 'settled' && row.request.state !== 'abandoned') continue;
      this.#byId.delete(row.request.id);
      if (this.#rows.get(keyOf(row.request)) === row) this.#rows.delete(keyOf(row.request));
      return true;
    }
    return false;
  }
}

function keyOf(key: SignedRequestKey): string {
  return `${key.enterpriseId}\u0000${key.kind}\u0000${key.idempotencyKey}`;
}

function copy(request: SignedRequest): SignedRequest {
  return { ...request, outcome: request.outcome && { ...request.outcome } };
}

function copyEvent(event: SignedRequestEvent): SignedRequestEvent {
  return { ...event, outcome: event.outcome && { ...event.outcome } };
}

const isUnsettled = (r: SignedRequest): boolean => r.state === 'pending' || r.state === 'unknown';

/** Ids are decimal strings of increasing integers: a shorter one is smaller. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Position in (created_at, id) order, ascending. */
function compare(r: SignedRequest, c: SignedRequestCursor): number {
  return r.createdAt.getTime() - c.createdAt.getTime() || compareIds(r.id, c.id);
}

function matches(r: SignedRequest, f: SignedRequestFilter): boolean {
  return (
    (f.kinds === undefined || f.kinds.includes(r.kind)) &&
    (f.states === undefined || f.states.includes(r.state)) &&
    (f.clientExternalId === undefined || r.clientExternalId === f.clientExternalId) &&
    (f.allocationId === undefined || r.allocationId === f.allocationId || r.outcome?.recordId === f.allocationId) &&
    (f.createdOnOrAfter === undefined || r.createdAt.getTime() >= f.createdOnOrAfter.getTime()) &&
    (f.createdBefore === undefined || r.createdAt.getTime() < f.createdBefore.getTime())
  );
}
