import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './database.type.js';
import { anyOf, readKeysetWindow } from './keyset-window.sql.js';
import { FIND, LEDGER_COLUMNS, RESERVE, SETTLE, toPartnerRequest, type LedgerRow } from './partner-ledger.sql.js';
import type {
  NewPartnerRequest,
  PartnerLedgerStore,
  PartnerRequest,
  PartnerRequestPageQuery,
  PartnerRequestSettlement,
} from './partner-ledger.store.js';
import type { PartnerTables } from './partner-ledger.type.js';

/** The partner ledger on Kysely: one implementation for PostgreSQL and the embedded PGlite. */
export class SqlPartnerLedgerStore implements PartnerLedgerStore {
  readonly #db: Kysely<Database & PartnerTables>;

  constructor(db: Kysely<Database>) {
    this.#db = db.withTables<PartnerTables>();
  }

  async reserve(request: NewPartnerRequest): Promise<{ request: PartnerRequest; created: boolean }> {
    const { rows } = await this.#run<LedgerRow>(RESERVE, [
      request.id, request.enterpriseId, request.type, request.currency, request.quantity, request.clientId,
      request.connectionId, request.partnersConnectionId, request.partnersClientId, request.partnersAllocationId,
    ]);
    if (rows[0]) return { request: toPartnerRequest(rows[0]), created: true };
    // The id is taken: by an earlier request, or by a replica that committed while this statement waited on it.
    const holder = await this.find(request.id);
    if (!holder) throw new Error('partner ledger: a conflicting request was not found after the conflict');
    return { request: holder, created: false };
  }

  async find(id: string): Promise<PartnerRequest | undefined> {
    const { rows } = await this.#run<LedgerRow>(FIND, [id]);
    return rows[0] && toPartnerRequest(rows[0]);
  }

  async settle(id: string, settlement: PartnerRequestSettlement): Promise<{ request: PartnerRequest; moved: boolean } | undefined> {
    const { rows } = await this.#run<LedgerRow>(SETTLE, [id, settlement.status, settlement.rejectReason ?? null, settlement.type ?? null]);
    if (rows[0]) return { request: toPartnerRequest(rows[0]), moved: true };
    const current = await this.find(id);
    return current && { request: current, moved: false };
  }

  async page(query: PartnerRequestPageQuery): Promise<PartnerRequest[]> {
    const { filter = {}, after, before } = query;
    let select = this.#db.selectFrom('partner_ledger').select(LEDGER_COLUMNS).where('enterprise_id', '=', query.enterpriseId);
    select = anyOf(select, 'type', filter.types);
    select = anyOf(select, 'status', filter.statuses);
    select = anyOf(select, 'connection_id', filter.connectionIds);
    select = anyOf(select, 'client_id', filter.clientIds);
    if (filter.receivedOnOrAfter) select = select.where('received_at', '>=', filter.receivedOnOrAfter);
    if (filter.receivedBefore) select = select.where('received_at', '<', filter.receivedBefore);
    const rows = await readKeysetWindow(select, 'received_at', {
      after: after && { at: after.receivedAt, id: after.id },
      before: before && { at: before.receivedAt, id: before.id },
      take: query.take,
      limit: query.limit,
    });
    return rows.map(toPartnerRequest);
  }

  #run<R>(text: string, parameters: readonly unknown[]) {
    return this.#db.executeQuery<R>(CompiledQuery.raw(text, parameters as unknown[]));
  }
}
