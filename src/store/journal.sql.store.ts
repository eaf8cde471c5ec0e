import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './database.type.js';
import { anyOf, readKeysetWindow } from './keyset-window.sql.js';
import {
  ABANDON,
  CLAIM,
  CLAIM_DUE,
  FIND_BY_ID,
  FIND_BY_KEY,
  RECORD_ANSWER,
  RECORD_ATTEMPT,
  RECORD_EXCLUSIVE_ATTEMPT,
  REQUEST_COLUMNS,
  UNSETTLED_STATS,
  toSignedRequest,
  toSignedRequestEvent,
  type EventRow,
  type RequestRow,
} from './journal.sql.js';
import type {
  DueSignedRequest,
  DueSignedRequestsQuery,
  ExclusiveHold,
  JournalAdminStore,
  NewSignedRequest,
  SignedRequest,
  SignedRequestAnswer,
  SignedRequestEvent,
  SignedRequestKey,
  SignedRequestPageQuery,
  UnsettledStats,
} from './journal.store.js';

/** Ids are bigint identities: anything else names no row (and would be a type error in SQL). */
const ID = /^[0-9]{1,18}$/;

/** The journal on Kysely, one implementation for PostgreSQL and the embedded PGlite. */
export class SqlJournalStore implements JournalAdminStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async claim(request: NewSignedRequest): Promise<{ request: SignedRequest; created: boolean }> {
    const { rows } = await this.#run<RequestRow & { created: boolean }>(CLAIM, [
      request.enterpriseId, request.kind, request.idempotencyKey, request.fingerprint, request.method, request.path,
      request.body, request.payload, request.nonce, request.signatureSha256, request.caller, request.clientExternalId,
      request.allocationId, request.connectionId, request.currency, request.quantity, request.subjectId ?? null,
    ]);
    const row = rows[0];
    if (row) return { request: toSignedRequest(row), created: row.created };
    // The key's holder committed after this statement's snapshot (another replica won the race): read it now.
    const winner = await this.find(request);
    if (!winner) throw new Error('journal: a conflicting signed request was not found after the conflict');
    return { request: winner, created: false };
  }

  async find(key: SignedRequestKey): Promise<SignedRequest | undefined> {
    const { rows } = await this.#run<RequestRow>(FIND_BY_KEY, [key.enterpriseId, key.kind, key.idempotencyKey]);
    return rows[0] && toSignedRequest(rows[0]);
  }

  async findById(id: string): Promise<SignedRequest | undefined> {
    if (!ID.test(id)) return undefined;
    const { rows } = await this.#run<RequestRow>(FIND_BY_ID, [id]);
    return rows[0] && toSignedRequest(rows[0]);
  }

  async recordAttempt(id: string): Promise<void> {
    const { rows } = await this.#run(RECORD_ATTEMPT, [this.#id(id)]);
    if (rows.length === 0) throw new Error(`journal: no signed request ${id}`);
  }

  async recordExclusiveAttempt(id: string, hold: ExclusiveHold): Promise<boolean> {
    const { rows } = await this.#run(RECORD_EXCLUSIVE_ATTEMPT, [this.#id(id), hold.idleMs, hold.leaseMs]);
    return rows.length === 1;
  }

  async recordAnswer(id: string, answer: SignedRequestAnswer): Promise<void> {
    const { outcome } = answer;
    const { rows } = await this.#run(RECORD_ANSWER, [
      this.#id(id), answer.definite, answer.state ?? null, outcome.httpStatus, outcome.recordId,
      outcome.recordStatus, outcome.message, answer.releasesKey === true,
    ]);
    if (rows.length === 0) throw new Error(`journal: no signed request ${id}`);
  }

  async events(id: string): Promise<SignedRequestEvent[]> {
    return (await this.eventsFor([id])).get(id) ?? [];
  }

  async eventsFor(ids: readonly string[]): Promise<Map<string, SignedRequestEvent[]>> {
    const byId = new Map<string, SignedRequestEvent[]>(ids.map((id) => [id, []]));
    const valid = [...byId.keys()].filter((id) => ID.test(id));
    if (valid.length === 0) return byId;
    const rows: EventRow[] = await this.#db
      .selectFrom('signed_request_events')
      .select(['request_id', 'type', 'at', 'http_status', 'allocation_id', 'allocation_status', 'message'])
      .where('request_id', 'in', valid)
      .orderBy('request_id')
      .orderBy('id')
      .execute();
    for (const row of rows) byId.get(row.request_id)?.push(toSignedRequestEvent(row));
    return byId;
  }

  async claimDue(query: DueSignedRequestsQuery): Promise<DueSignedRequest[]> {
    const { rows } = await this.#run<RequestRow>(CLAIM_DUE, [
      query.worker, query.idleMs, query.limit, query.leaseMs, query.backoffBaseMs, query.backoffMaxMs,
    ]);
    return rows.map((row) => ({ ...toSignedRequest(row), round: row.reconcile_rounds, nextAttemptAt: row.next_attempt_at }));
  }

  async abandon(maxAgeMs: number, limit = 1000): Promise<string[]> {
    const { rows } = await this.#run<{ request_id: string }>(ABANDON, [maxAgeMs, limit]);
    return rows.map((row) => row.request_id);
  }

  async page(query: SignedRequestPageQuery): Promise<SignedRequest[]> {
    const { filter = {}, after, before } = query;
    let select = this.#db
      .selectFrom('signed_requests')
      .select(REQUEST_COLUMNS)
      .where('enterprise_id', '=', query.enterpriseId);
    select = anyOf(select, 'kind', filter.kinds);
    select = anyOf(select, 'state', filter.states);
    if (filter.clientExternalId !== undefined) select = select.where('client_external_id', '=', filter.clientExternalId);
    if (filter.allocationId !== undefined) {
      const allocationId = filter.allocationId;
      select = select.where((eb) =>
        eb.or([eb('allocation_id', '=', allocationId), eb('answer_allocation_id', '=', allocationId)]),
      );
    }
    if (filter.createdOnOrAfter) select = select.where('created_at', '>=', filter.createdOnOrAfter);
    if (filter.createdBefore) select = select.where('created_at', '<', filter.createdBefore);
    const rows = await readKeysetWindow(select, 'created_at', {
      after: after && { at: after.createdAt, id: this.#id(after.id) },
      before: before && { at: before.createdAt, id: this.#id(before.id) },
      take: query.take,
      limit: query.limit,
    });
    return rows.map(toSignedRequest);
  }

  async unsettledStats(): Promise<UnsettledStats> {
    const { rows } = await this.#run<{ count: number; oldest: Date | null }>(UNSETTLED_STATS, []);
    return { count: rows[0]?.count ?? 0, oldestCreatedAt: rows[0]?.oldest ?? null };
  }

  #run<R>(text: string, parameters: readonly unknown[]) {
    return this.#db.executeQuery<R>(CompiledQuery.raw(text, parameters as unknown[]));
  }

  #id(id: string): string {
    if (!ID.test(id)) throw new Error(`journal: no signed request ${JSON.stringify(id.slice(0, 40))}`);
    return id;
  }
}
