import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from '../../common/logger.js';
import { scopeDigest } from '../../pagination/cursor.js';
import type { KeysetCursorCodec } from '../../pagination/keyset-cursor.js';
import { planKeysetPage, readKeysetPage } from '../../pagination/keyset-page.js';
import type { RelayArgs, RelayPage } from '../../pagination/relay-page.js';
import type { AcceptAnswer, PartnerConnection, PartnerConnectionFilter, PartnerConnectionStatus, PartnerConnectionStore } from '../../store/partner-connections.store.js';
import { callerName, requireEnterpriseId, type Caller } from '../caller.js';
import { inputProblems } from '../input.rules.js';
import type { EnterpriseAccess } from '../reads/enterprise-access.js';
import { userError, UserErrorCode, type UserError } from '../user-error.js';
import type { InboundConnectionBody } from './connection-body.js';

export interface PartnerConnectionsOptions {
  store: PartnerConnectionStore;
  access: EnterpriseAccess;
  cursors: KeysetCursorCodec;
  limits: { defaultSize: number; maxSize: number };
  /** The partner enterprise BitGo's calls are for. */
  enterpriseId: string | undefined;
  logger: Logger;
}

export interface IssueConnectionTokenRequest {
  enterpriseId?: string | null;
  partnersClientId: string;
  partnersConnectionId?: string | null;
  /** Seconds; default 15 minutes. */
  expiresIn?: number | null;
}

export interface IssueConnectionTokenResult {
  /** Shown once: only its SHA-256 is kept. */
  connectionToken: string | null;
  expiresAt: Date | null;
  partnersClientId: string;
  partnersConnectionId: string | null;
  userErrors: UserError[];
}

export interface PartnerConnectionListRequest extends RelayArgs {
  enterpriseId?: string | null;
  filter?: { statuses?: readonly PartnerConnectionStatus[] | null; clientIds?: readonly string[] | null; partnersClientIds?: readonly string[] | null } | null;
}

export const DEFAULT_TOKEN_LIFETIME_S = 15 * 60;

/** The token's digest: a token is 192 random bits, so a plain SHA-256 leaves nothing to guess. */
export const tokenDigest = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * The partner's side of "Activate Client Connections". The partner's platform asks for a one-time connection token
 * for one of its accounts (issueConnectionToken) and shows it to its user; the user gives it to BitGo when connecting;
 * BitGo sends it back in POST /bitgo/v1/connections, answered from the token: the account it stands for becomes the
 * connection's partnersClientId. A token works once, until it expires; an account has at most one connection.
 */
export class PartnerConnectionsWorkflow {
  constructor(private readonly options: PartnerConnectionsOptions) {}

  async issueToken(caller: Caller, input: IssueConnectionTokenRequest): Promise<IssueConnectionTokenResult> {
    const failed = (userErrors: UserError[]): IssueConnectionTokenResult => ({ connectionToken: null, expiresAt: null, partnersClientId: input.partnersClientId, partnersConnectionId: input.partnersConnectionId ?? null, userErrors });
    const problems = await inputProblems(input);
    if (problems.length > 0) return failed(problems);
    const enterpriseId = requireEnterpriseId(input.enterpriseId, this.options.enterpriseId).toLowerCase();
    await this.options.access.check(caller, enterpriseId, 'partner', 'its connection tokens');
    const { store } = this.options;
    const connected = await store.connectionOfAccount(enterpriseId, input.partnersClientId);
    if (connected) {
      return failed([userError(UserErrorCode.CONFLICT, `Account ${input.partnersClientId} already has a connection (${connected.connectionId}): one connection per account`, ['partnersClientId'])]);
    }
    const connectionToken = `gct_${randomBytes(24).toString('base64url')}`;
    const issued = await store.issueToken({
      tokenSha256: tokenDigest(connectionToken),
      enterpriseId,
      partnersClientId: input.partnersClientId,
      partnersConnectionId: input.partnersConnectionId ?? randomUUID(),
      issuedBy: callerName(caller),
      expiresInMs: (input.expiresIn ?? DEFAULT_TOKEN_LIFETIME_S) * 1000,
    });
    this.options.logger.info({ partnersClientId: issued.partnersClientId, expiresAt: issued.expiresAt.toISOString() }, 'connection token issued');
    return { connectionToken, expiresAt: issued.expiresAt, partnersClientId: issued.partnersClientId, partnersConnectionId: issued.partnersConnectionId, userErrors: [] };
  }

  /** BitGo's call: answered from the token it carries. */
  async accept(body: InboundConnectionBody): Promise<AcceptAnswer> {
    const enterpriseId = this.options.enterpriseId;
    if (!enterpriseId) throw new Error('BitGo\'s connection calls need the partner enterprise');
    const answer = await this.options.store.accept({ connectionId: body.connectionId, enterpriseId, clientId: body.clientId, partnerId: body.partnerId, tokenSha256: tokenDigest(body.connectionToken) });
    const { connection } = answer;
    if (answer.outcome === 'accepted' && answer.created) {
      this.options.logger.info({ connectionId: connection.connectionId, clientId: connection.clientId, partnersClientId: connection.partnersClientId }, 'partner connection accepted');
    } else if (answer.outcome !== 'accepted') {
      this.options.logger.warn({ connectionId: connection.connectionId, outcome: answer.outcome, refusal: connection.refusal }, 'partner connection refused');
    }
    return answer;
  }

  /** The partner's operators read BitGo's connection calls, newest first, paged by keyset. */
  async list(caller: Caller, request: PartnerConnectionListRequest, only?: PartnerConnectionStatus): Promise<RelayPage<PartnerConnection>> {
    const enterpriseId = requireEnterpriseId(request.enterpriseId, this.options.enterpriseId).toLowerCase();
    const set = <T extends string>(values: readonly T[] | null | undefined) => (values == null ? undefined : [...new Set(values)].sort());
    const filter: PartnerConnectionFilter = {
      statuses: only ? [only] : set(request.filter?.statuses),
      clientIds: set(request.filter?.clientIds?.map((id) => id.toLowerCase())),
      partnersClientIds: set(request.filter?.partnersClientIds),
    };
    const { cursors, limits, store, access } = this.options;
    const plan = planKeysetPage({ cursors, limits }, request, scopeDigest({ ledger: 'partner-connections', enterpriseId, filter }));
    await access.check(caller, enterpriseId, 'partner', 'its connections');
    const at = (p: { atMs: number; id: string } | undefined) => p && { receivedAt: new Date(p.atMs), id: p.id };
    return readKeysetPage<PartnerConnection>(
      {
        cursors,
        limits,
        positionOf: (row) => ({ atMs: row.receivedAt.getTime(), id: row.connectionId }),
        fetch: (read) => store.page({ enterpriseId, filter, after: at(read.after), before: at(read.before), take: read.take, limit: read.limit }),
      },
      plan,
    );
  }
}
