/**
 * The partner's side of connecting, as a port: the connection tokens its platform issued (digests only), and every
 * connection BitGo asked it to initialize. Uniqueness (one row per BitGo connection id, one use per token, one
 * accepted connection per account) is the store's: constraints and row locks, never a check-then-write here.
 */

/** Why a connection was refused. */
export type ConnectionRefusal = 'unknown_token' | 'expired_token' | 'used_token' | 'account_connected';

export type PartnerConnectionStatus = 'accepted' | 'refused';

export interface NewConnectionToken {
  /** Lowercase-hex SHA-256 of the token: the token itself is never stored. */
  tokenSha256: string;
  /** The partner enterprise. */
  enterpriseId: string;
  /** The account on the partner's platform the token stands for, and the partner's id for the connection it makes. */
  partnersClientId: string;
  partnersConnectionId: string;
  /** Who issued it (a token's short digest, or `service`). */
  issuedBy: string;
  expiresInMs: number;
}

export interface IssuedConnectionToken extends Omit<NewConnectionToken, 'expiresInMs'> {
  issuedAt: Date;
  expiresAt: Date;
}

/** BitGo's call, as the route read it. */
export interface InboundConnection {
  connectionId: string;
  enterpriseId: string;
  clientId: string;
  partnerId: string;
  tokenSha256: string;
}

export interface PartnerConnection {
  /** BitGo's connection id. */
  connectionId: string;
  enterpriseId: string;
  clientId: string;
  partnerId: string;
  status: PartnerConnectionStatus;
  refusal: ConnectionRefusal | null;
  /** For an accepted connection, what the partner answered BitGo; for a refused one, what the token named, if it named anything. */
  partnersClientId: string | null;
  partnersConnectionId: string | null;
  /** BitGo's calls for this connection id, retries included. */
  attempts: number;
  receivedAt: Date;
  updatedAt: Date;
}

export type AcceptAnswer =
  /** `created`: this call accepted it (else it was accepted before: a retry). */
  | { outcome: 'accepted'; connection: PartnerConnection; created: boolean }
  | { outcome: 'refused'; connection: PartnerConnection }
  /** The connection id was accepted for another client or with another token. */
  | { outcome: 'conflict'; connection: PartnerConnection; message: string };

export interface PartnerConnectionFilter {
  statuses?: readonly PartnerConnectionStatus[] | undefined;
  clientIds?: readonly string[] | undefined;
  partnersClientIds?: readonly string[] | undefined;
}

/** A position in the list's order (received_at DESC, connection_id DESC). */
export interface PartnerConnectionCursor {
  receivedAt: Date;
  id: string;
}

export interface PartnerConnectionPageQuery {
  enterpriseId: string;
  filter?: PartnerConnectionFilter | undefined;
  after?: PartnerConnectionCursor | undefined;
  before?: PartnerConnectionCursor | undefined;
  take: 'first' | 'last';
  limit: number;
}

export interface PartnerConnectionStore {
  issueToken(token: NewConnectionToken): Promise<IssuedConnectionToken>;
  /** The account's accepted connection, if it has one. */
  connectionOfAccount(enterpriseId: string, partnersClientId: string): Promise<PartnerConnection | undefined>;
  /**
   * Decides BitGo's call in one transaction: a connection id accepted before is answered again (idempotent); else the
   * token must be known, unused (or used by this very connection) and current, and its account must have no accepted
   * connection; then the token is used and the connection accepted. Anything else is recorded as refused (a later
   * retry of the id is decided again). Atomic across replicas.
   */
  accept(inbound: InboundConnection): Promise<AcceptAnswer>;
  find(connectionId: string): Promise<PartnerConnection | undefined>;
  page(query: PartnerConnectionPageQuery): Promise<PartnerConnection[]>;
}
