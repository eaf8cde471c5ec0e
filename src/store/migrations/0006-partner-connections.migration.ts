import { sql, type Kysely } from 'kysely';

/**
 * The partner's side of connecting. `partner_connection_tokens`: the one-time connection tokens the partner's platform
 * issued its users, kept as SHA-256 digests with the account they stand for and an expiry; a token is used once, by
 * one BitGo connection. `partner_connections`: every connection BitGo asked this partner to initialize
 * (POST /bitgo/v1/connections), accepted or refused, one row per BitGo connection id. The rules are constraints, so
 * racing calls and replicas cannot break them: one row per connection id, one use per token, and at most one accepted
 * connection per account (and per partner-side connection id) of the partner enterprise.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE partner_connection_tokens (
      token_sha256 text COLLATE "C" PRIMARY KEY CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
      enterprise_id text NOT NULL,
      partners_client_id text NOT NULL,
      partners_connection_id text NOT NULL,
      issued_by text NOT NULL,
      issued_at timestamptz(3) NOT NULL DEFAULT now(),
      expires_at timestamptz(3) NOT NULL,
      used_by_connection_id text,
      used_at timestamptz(3),
      CONSTRAINT partner_connection_tokens_used CHECK ((used_by_connection_id IS NULL) = (used_at IS NULL)),
      CONSTRAINT partner_connection_tokens_expiry CHECK (expires_at > issued_at)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX partner_connection_tokens_used_by ON partner_connection_tokens (used_by_connection_id) WHERE used_by_connection_id IS NOT NULL`.execute(db);

  await sql`
    CREATE TABLE partner_connections (
      connection_id text COLLATE "C" PRIMARY KEY,
      enterprise_id text NOT NULL,
      client_id text NOT NULL,
      partner_id text NOT NULL,
      status text NOT NULL CHECK (status IN ('accepted', 'refused')),
      refusal text CHECK (refusal IN ('unknown_token', 'expired_token', 'used_token', 'account_connected')),
      partners_client_id text,
      partners_connection_id text,
      token_sha256 text REFERENCES partner_connection_tokens (token_sha256),
      attempts integer NOT NULL DEFAULT 1,
      received_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT partner_connections_accepted CHECK (
        status = 'refused' OR (refusal IS NULL AND partners_client_id IS NOT NULL AND partners_connection_id IS NOT NULL AND token_sha256 IS NOT NULL)),
      CONSTRAINT partner_connections_refused CHECK (status = 'accepted' OR refusal IS NOT NULL)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX partner_connections_account ON partner_connections (enterprise_id, partners_client_id) WHERE status = 'accepted'`.execute(db);
  await sql`CREATE UNIQUE INDEX partner_connections_partners_id ON partner_connections (enterprise_id, partners_connection_id) WHERE status = 'accepted'`.execute(db);
  // The operators' lists: newest first within the partner enterprise, keyset on (received_at, connection_id).
  await sql`CREATE INDEX partner_connections_list ON partner_connections (enterprise_id, received_at DESC, connection_id DESC)`.execute(db);
}
