import { CompiledQuery, sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './database.type.js';
import type {
  AcceptAnswer,
  ConnectionRefusal,
  InboundConnection,
  IssuedConnectionToken,
  NewConnectionToken,
  PartnerConnection,
  PartnerConnectionPageQuery,
  PartnerConnectionStatus,
  PartnerConnectionStore,
} from './partner-connections.store.js';

/** Migration 0006's tables, as Kysely sees them (beside `Database`, as the partner ledger's are). */
interface PartnerConnectionsTable {
  connection_id: string;
  enterprise_id: string;
  client_id: string;
  partner_id: string;
  status: string;
  refusal: string | null;
  partners_client_id: string | null;
  partners_connection_id: string | null;
  token_sha256: string | null;
  attempts: number;
  received_at: Date;
  updated_at: Date;
}

interface TokenRow {
  token_sha256: string;
  enterprise_id: string;
  partners_client_id: string;
  partners_connection_id: string;
  issued_by: string;
  issued_at: Date;
  expires_at: Date;
  used_by_connection_id: string | null;
  expired: boolean;
}

type Tables = { partner_connections: PartnerConnectionsTable };

const COLUMNS = `connection_id, enterprise_id, client_id, partner_id, status, refusal, partners_client_id, partners_connection_id, token_sha256, attempts, received_at, updated_at`;
const TOKEN_COLUMNS = `token_sha256, enterprise_id, partners_client_id, partners_connection_id, issued_by, issued_at, expires_at, used_by_connection_id, expires_at <= now() AS expired`;

const ISSUE = `
INSERT INTO partner_connection_tokens (token_sha256, enterprise_id, partners_client_id, partners_connection_id, issued_by, expires_at)
VALUES ($1, $2, $3, $4, $5, now() + $6::float8 * interval '1 millisecond')
RETURNING ${TOKEN_COLUMNS}`;

const FIND = `SELECT ${COLUMNS} FROM partner_connections WHERE connection_id = $1`;
const LOCK = `${FIND} FOR UPDATE`;
const ACCOUNT = `SELECT ${COLUMNS} FROM partner_connections WHERE enterprise_id = $1 AND partners_client_id = $2 AND status = 'accepted'`;
const TOKEN = `SELECT ${TOKEN_COLUMNS} FROM partner_connection_tokens WHERE token_sha256 = $1 AND enterprise_id = $2 FOR UPDATE`;

/** An accepted row, or a refused one turned accepted by a retry that now passes; an accepted row stays as it is. */
const ACCEPT = `
INSERT INTO partner_connections (connection_id, enterprise_id, client_id, partner_id, status, partners_client_id, partners_connection_id, token_sha256)
VALUES ($1, $2, $3, $4, 'accepted', $5, $6, $7)
ON CONFLICT (connection_id) DO UPDATE SET status = 'accepted', refusal = NULL, partners_client_id = EXCLUDED.partners_client_id,
  partners_connection_id = EXCLUDED.partners_connection_id, token_sha256 = EXCLUDED.token_sha256,
  attempts = partner_connections.attempts + 1, updated_at = now()
WHERE partner_connections.status = 'refused'
RETURNING ${COLUMNS}`;

const USE_TOKEN = `UPDATE partner_connection_tokens SET used_by_connection_id = $2, used_at = now() WHERE token_sha256 = $1 AND used_by_connection_id IS NULL`;

const REFUSE = `
INSERT INTO partner_connections (connection_id, enterprise_id, client_id, partner_id, status, refusal, partners_client_id, partners_connection_id)
VALUES ($1, $2, $3, $4, 'refused', $5, $6, $7)
ON CONFLICT (connection_id) DO UPDATE SET refusal = EXCLUDED.refusal, partners_client_id = EXCLUDED.partners_client_id,
  partners_connection_id = EXCLUDED.partners_connection_id, attempts = partner_connections.attempts + 1, updated_at = now()
WHERE partner_connections.status = 'refused'
RETURNING ${COLUMNS}`;

const RETRIED = `UPDATE partner_connections SET attempts = attempts + 1, updated_at = now() WHERE connection_id = $1 RETURNING ${COLUMNS}`;

function toConnection(row: PartnerConnectionsTable): PartnerConnection {
  return {
    connectionId: row.connection_id,
    enterpriseId: row.enterprise_id,
    clientId: row.client_id,
    partnerId: row.partner_id,
    status: row.status as PartnerConnectionStatus,
    refusal: row.refusal as ConnectionRefusal | null,
    partnersClientId: row.partners_client_id,
    partnersConnectionId: row.partners_connection_id,
    attempts: row.attempts,
    receivedAt: row.received_at,
    updatedAt: row.updated_at,
  };
}

/** A unique index refused the row: the account (or the partner's connection id) has an accepted connection already. */
function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}

type Db = Kysely<Database> | Transaction<Database>;

const run = <R>(db: Db, text: string, parameters: readonly unknown[]) => db.executeQuery<R>(CompiledQuery.raw(text, parameters as unknown[]));

/** The partner's connections on Kysely: one implementation for PostgreSQL and the embedded PGlite. */
export class SqlPartnerConnectionStore implements PartnerConnectionStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async issueToken(token: NewConnectionToken): Promise<IssuedConnectionToken> {
    const { rows } = await run<TokenRow>(this.#db, ISSUE, [token.tokenSha256, token.enterpriseId, token.partnersClientId, token.partnersConnectionId, token.issuedBy, token.expiresInMs]);
    const row = rows[0]!;
    return {
      tokenSha256: row.token_sha256,
      enterpriseId: row.enterprise_id,
      partnersClientId: row.partners_client_id,
      partnersConnectionId: row.partners_connection_id,
      issuedBy: row.issued_by,
      issuedAt: row.issued_at,
      expiresAt: row.expires_at,
    };
  }

  async connectionOfAccount(enterpriseId: string, partnersClientId: string): Promise<PartnerConnection | undefined> {
    const { rows } = await run<PartnerConnectionsTable>(this.#db, ACCOUNT, [enterpriseId, partnersClientId]);
    return rows[0] && toConnection(rows[0]);
  }

  async find(connectionId: string): Promise<PartnerConnection | undefined> {
    const { rows } = await run<PartnerConnectionsTable>(this.#db, FIND, [connectionId]);
    return rows[0] && toConnection(rows[0]);
  }

  async accept(inbound: InboundConnection): Promise<AcceptAnswer> {
    try {
      return await this.#db.transaction().execute((trx) => this.#decide(trx, inbound));
    } catch (error) {
      // Another connection of the same account won a race to the unique index: this one is refused.
      if (!isUniqueViolation(error)) throw error;
      return this.#db.transaction().execute((trx) => this.#refuse(trx, inbound, 'account_connected', undefined));
    }
  }

  async #decide(trx: Transaction<Database>, inbound: InboundConnection): Promise<AcceptAnswer> {
    const held = (await run<PartnerConnectionsTable>(trx, LOCK, [inbound.connectionId])).rows[0];
    if (held?.status === 'accepted') return this.#repeat(trx, held, inbound);
    const token = (await run<TokenRow>(trx, TOKEN, [inbound.tokenSha256, inbound.enterpriseId])).rows[0];
    if (!token) return this.#refuse(trx, inbound, 'unknown_token', undefined);
    if (token.used_by_connection_id === inbound.connectionId) {
      // Used by this very connection, which a racing call accepted while this one waited on the token's lock.
      const accepted = (await run<PartnerConnectionsTable>(trx, FIND, [inbound.connectionId])).rows[0];
      if (accepted?.status === 'accepted') return this.#repeat(trx, accepted, inbound);
    }
    if (token.used_by_connection_id !== null) return this.#refuse(trx, inbound, 'used_token', token);
    if (token.expired) return this.#refuse(trx, inbound, 'expired_token', token);
    if ((await run(trx, ACCOUNT, [inbound.enterpriseId, token.partners_client_id])).rows.length > 0) return this.#refuse(trx, inbound, 'account_connected', token);
    const { rows } = await run<PartnerConnectionsTable>(trx, ACCEPT, [
      inbound.connectionId, inbound.enterpriseId, inbound.clientId, inbound.partnerId, token.partners_client_id, token.partners_connection_id, inbound.tokenSha256,
    ]);
    // No row: a racing call accepted this connection id with another token meanwhile.
    if (!rows[0]) return this.#repeat(trx, (await run<PartnerConnectionsTable>(trx, FIND, [inbound.connectionId])).rows[0]!, inbound);
    await run(trx, USE_TOKEN, [inbound.tokenSha256, inbound.connectionId]);
    return { outcome: 'accepted', connection: toConnection(rows[0]), created: true };
  }

  /** BitGo asks again for a connection accepted before: the same answer, if it is the same request. */
  async #repeat(trx: Transaction<Database>, held: PartnerConnectionsTable, inbound: InboundConnection): Promise<AcceptAnswer> {
    const row = (await run<PartnerConnectionsTable>(trx, RETRIED, [held.connection_id])).rows[0]!;
    const connection = toConnection(row);
    if (held.client_id !== inbound.clientId || held.token_sha256 !== inbound.tokenSha256 || held.enterprise_id !== inbound.enterpriseId) {
      return { outcome: 'conflict', connection, message: `connection ${inbound.connectionId} was already accepted for another client or connection token` };
    }
    return { outcome: 'accepted', connection, created: false };
  }

  async #refuse(trx: Transaction<Database>, inbound: InboundConnection, refusal: ConnectionRefusal, token: TokenRow | undefined): Promise<AcceptAnswer> {
    const { rows } = await run<PartnerConnectionsTable>(trx, REFUSE, [
      inbound.connectionId, inbound.enterpriseId, inbound.clientId, inbound.partnerId, refusal, token?.partners_client_id ?? null, token?.partners_connection_id ?? null,
    ]);
    // No row: the id was accepted by a racing call (its retry is then answered as accepted).
    const row = rows[0] ?? (await run<PartnerConnectionsTable>(trx, FIND, [inbound.connectionId])).rows[0]!;
    if (row.status === 'accepted') return this.#repeat(trx, row, inbound);
    return { outcome: 'refused', connection: toConnection(row) };
  }

  async page(query: PartnerConnectionPageQuery): Promise<PartnerConnection[]> {
    const db = this.#db.withTables<Tables>();
    const { filter = {}, after, before } = query;
    const newestFirst = query.take === 'first';
    let select = db.selectFrom('partner_connections').selectAll().where('enterprise_id', '=', query.enterpriseId);
    const anyOf = (column: 'status' | 'client_id' | 'partners_client_id', values: readonly string[] | undefined): void => {
      // An empty list matches nothing, as `IN ()` would.
      if (values) select = values.length ? select.where(column, 'in', [...values]) : select.where(sql<boolean>`false`);
    };
    anyOf('status', filter.statuses);
    anyOf('client_id', filter.clientIds);
    anyOf('partners_client_id', filter.partnersClientIds);
    // List order is (received_at, connection_id) descending: "after" a cursor is older, "before" it is newer.
    if (after) select = select.where(({ eb, refTuple, tuple }) => eb(refTuple('received_at', 'connection_id'), '<', tuple(after.receivedAt, after.id)));
    if (before) select = select.where(({ eb, refTuple, tuple }) => eb(refTuple('received_at', 'connection_id'), '>', tuple(before.receivedAt, before.id)));
    const direction = newestFirst ? 'desc' : 'asc';
    const rows = await select.orderBy('received_at', direction).orderBy('connection_id', direction).limit(query.limit).execute();
    const out = rows.map(toConnection);
    return newestFirst ? out : out.reverse();
  }
}
