import { listConnections } from '../../bitgo/connections.api.js';
import { BitGoError } from '../../bitgo/errors.js';
import { settlementBody, settlementSigningRequest, sortedAmounts } from '../../bitgo/settlement.payloads.js';
import type { WireSettlement, WireSettlementAmounts, WireSettlementSigningRequest } from '../../bitgo/settlement.wire.js';
import { getSettlementSigningPayload, settlementPath, type SettlementVersion } from '../../bitgo/settlements.api.js';
import { newNonce } from '../../signing/nonce.js';
import type { NewSignedRequest, SignedRequestKey } from '../../store/journal.store.js';
import { callerName, callOptions, requireEnterpriseId, requireToken, type Caller } from '../caller.js';
import { inputProblems } from '../input.rules.js';
import { withScope } from '../reads/read-scope.js';
import { userError, UserErrorCode, type UserError } from '../user-error.js';
import { sendJournaled } from '../writes/journaled-send.js';
import { sendSettlement } from '../writes/settle.signed-kind.js';
import { checkSettlementPayload } from '../writes/signing-payload.check.js';
import { signatureDigest, signerFor, timedSign, writeOptions, type WriteDeps } from '../writes/write.deps.js';
import { NO_WRITE_OBSERVER, observed } from '../writes/write.observer.js';
import { refusal, UNSETTLED_CONFLICT } from '../writes/write-outcome.js';
import { netByCurrency, type SignedAmountView } from './signed-amount.js';

/** Most connections one settlement may name (the sandbox and BitGo answer far fewer in practice). */
export const MAX_SETTLEMENT_CONNECTIONS = 100;

export interface SettleRequest {
  enterpriseId?: string | null;
  externalId: string;
  notes?: string | null;
  settlementAmounts: readonly { connectionId: string; amounts: readonly { currency: string; quantity: string }[] }[];
  /** v2: the time of the last trade settled; the dispute window runs from it. */
  cutoffAt?: Date | null;
  dryRun?: boolean | null;
}

export interface SettleDryRun {
  payload: string;
  version: SettlementVersion;
  /** Per currency, what the clients together receive (RECEIVE) or pay (PAY): the partner's side is its opposite. */
  netFlow: SignedAmountView[];
}

export interface SettleResult {
  settlement: WireSettlement | null;
  externalId: string;
  version: SettlementVersion | null;
  userErrors: UserError[];
  dryRun?: SettleDryRun | null;
}

export interface SettleDeps extends WriteDeps {
  /** SETTLEMENT_VERSION: auto (v2 when cutoffAt is given), v1 or v2. */
  settlementVersion: 'auto' | 'v1' | 'v2';
  /** The partner's enterprise, when the gateway is configured for one (else BITGO_ENTERPRISE_ID). */
  partnerEnterpriseId: string | undefined;
}

interface Asked {
  enterpriseId: string;
  externalId: string;
  notes: string | undefined;
  amounts: WireSettlementAmounts;
  cutoffAt: string | undefined;
  version: SettlementVersion;
}

const V1_REFUSED =
  'BitGo refused the v1 settlement route: this partner has disputes enabled, so its settlements go to v2 with a cutoffAt (the time of the last trade settled). ' +
  'Repeat with cutoffAt, or set SETTLEMENT_VERSION=v2 on the gateway. Nothing was settled.';

function unknownMessage(externalId: string): string {
  return (
    `BitGo did not confirm the settlement in time. Repeat this mutation with the same externalId: the gateway re-sends the same signed bytes (BitGo keeps ` +
    `one settlement per externalId) or finds the settlement BitGo made. signedRequests(filter: { clientExternalId: ${JSON.stringify(externalId)} }) shows where it stands.`
  );
}

/** The amounts as BitGo takes them (connection → currency → signed quantity), or the user error of a repeated connection or currency. */
function wireAmounts(input: SettleRequest): { amounts: WireSettlementAmounts } | { error: UserError } {
  if (input.settlementAmounts.length === 0) return { error: userError(UserErrorCode.INVALID_INPUT, 'settlementAmounts must name at least one connection', ['settlementAmounts']) };
  if (input.settlementAmounts.length > MAX_SETTLEMENT_CONNECTIONS) {
    return { error: userError(UserErrorCode.INVALID_INPUT, `settlementAmounts may name at most ${MAX_SETTLEMENT_CONNECTIONS} connections`, ['settlementAmounts']) };
  }
  const out: WireSettlementAmounts = {};
  for (const [i, entry] of input.settlementAmounts.entries()) {
    const connectionId = entry.connectionId.toLowerCase();
    if (out[connectionId]) return { error: userError(UserErrorCode.INVALID_INPUT, `connection ${connectionId} is named twice; give each connection once, with all its currencies`, ['settlementAmounts', String(i), 'connectionId']) };
    if (entry.amounts.length === 0) return { error: userError(UserErrorCode.INVALID_INPUT, 'each connection needs at least one amount', ['settlementAmounts', String(i), 'amounts']) };
    const inner: Record<string, string> = {};
    for (const [j, { currency, quantity }] of entry.amounts.entries()) {
      if (inner[currency] !== undefined) return { error: userError(UserErrorCode.INVALID_INPUT, `currency ${currency} is named twice for connection ${connectionId}`, ['settlementAmounts', String(i), 'amounts', String(j), 'currency']) };
      inner[currency] = quantity;
    }
    out[connectionId] = inner;
  }
  return { amounts: sortedAmounts(out) };
}

/**
 * settle (the partner's daily settlement): every connection checked to be the partner's and active, BitGo's payload
 * fetched (…/partners/settlements-signing), checked, signed, journaled under the externalId, then posted to v1 or v2.
 * BitGo is idempotent on externalId: a repeat re-sends the journal's bytes, and an unknown outcome is resolved by
 * reading the partner's settlements for it (settle.signed-kind.ts).
 */
export class SettleWorkflow {
  constructor(private readonly deps: SettleDeps) {}

  run(caller: Caller, input: SettleRequest): Promise<SettleResult> {
    return observed(this.deps.observer ?? NO_WRITE_OBSERVER, 'settle', () => this.#run(caller, input));
  }

  #version(input: SettleRequest): SettlementVersion | UserError {
    const configured = this.deps.settlementVersion;
    if (configured === 'v1' && input.cutoffAt) return userError(UserErrorCode.INVALID_INPUT, 'cutoffAt is a v2 field and this gateway settles with v1 (SETTLEMENT_VERSION=v1)', ['cutoffAt']);
    if (configured === 'v2' && !input.cutoffAt) return userError(UserErrorCode.INVALID_INPUT, 'cutoffAt is required: this gateway settles with v2 (SETTLEMENT_VERSION=v2)', ['cutoffAt']);
    return configured === 'auto' ? (input.cutoffAt ? 'v2' : 'v1') : configured;
  }

  async #run(caller: Caller, input: SettleRequest): Promise<SettleResult> {
    const externalId = input.externalId;
    const failed = (userErrors: UserError[], version: SettlementVersion | null = null): SettleResult => ({ settlement: null, externalId, version, userErrors, ...(input.dryRun ? { dryRun: null } : {}) });
    const problems = await inputProblems(input);
    if (problems.length > 0) return failed(problems);
    const wire = wireAmounts(input);
    if ('error' in wire) return failed([wire.error]);
    const { amounts } = wire;
    const version = this.#version(input);
    if (typeof version !== 'string') return failed([version]);
    requireToken(caller);
    const asked: Asked = {
      enterpriseId: requireEnterpriseId(input.enterpriseId ?? this.deps.partnerEnterpriseId, this.deps.defaultEnterpriseId).toLowerCase(),
      externalId,
      notes: input.notes ?? undefined,
      amounts,
      cutoffAt: input.cutoffAt?.toISOString(),
      version,
    };
    signerFor(this.deps, asked.enterpriseId);
    if (input.dryRun === true) return this.#dryRun(caller, asked);
    const key: SignedRequestKey = { enterpriseId: asked.enterpriseId, kind: 'settle', idempotencyKey: externalId };
    const fingerprint = JSON.stringify([version, asked.amounts, asked.notes ?? null, asked.cutoffAt ?? null]);
    const sent = await sendJournaled(this.deps, caller, { key, fingerprint, sign: () => this.#sign(caller, asked, key, fingerprint), send: sendSettlement });
    if (sent.kind === 'stopped') return failed([sent.userError], version);
    if (sent.kind === 'conflict') return failed([userError(UserErrorCode.CONFLICT, UNSETTLED_CONFLICT.replaceAll('clientExternalId', 'externalId'), ['externalId'])], version);
    const { outcome } = sent;
    const { logger } = this.deps;
    switch (outcome.kind) {
      case 'accepted': {
        const settlement = withScope([outcome.record], { enterpriseId: asked.enterpriseId, view: 'partner' })[0]!;
        await this.deps.changes?.settlementAnswered({ enterpriseId: asked.enterpriseId, view: 'partner', source: 'MUTATION', settlement });
        logger.info({ requestId: caller.requestId, externalId, settlementId: settlement.id, status: settlement.status, version }, 'settled');
        const elsewhere = sent.different
          ? [userError(UserErrorCode.CONFLICT, 'This externalId was already used for a different settlement; the settlement shown is the one it made', ['externalId'])]
          : [];
        return { settlement, externalId, version, userErrors: elsewhere };
      }
      case 'unknown':
        logger.warn({ requestId: caller.requestId, externalId, status: outcome.error?.status, upstreamRequestId: outcome.error?.requestId, why: outcome.why }, 'settle outcome unknown');
        return failed([userError(UserErrorCode.OUTCOME_UNKNOWN, unknownMessage(externalId), ['externalId'])], version);
      case 'refused':
        if (version === 'v1' && outcome.error.status === 403) return failed([userError(UserErrorCode.SETTLEMENT_VERSION_REFUSED, V1_REFUSED, ['cutoffAt'])], version);
        return failed([refusal(outcome.error, ['settlementAmounts'])], version);
      default:
        throw new Error(`a settle send answered ${outcome.kind}`);
    }
  }

  /** Every connection named is the partner's (BitGo lists it on the partner's side) and active. */
  async #checkConnections(caller: Caller, asked: Asked): Promise<UserError | undefined> {
    const ids = Object.keys(asked.amounts);
    let found;
    try {
      ({ connections: found } = await listConnections(this.deps.client, asked.enterpriseId, 'partner', { connectionIds: ids, pageNumber: 0, pageSize: ids.length }, callOptions(caller)));
    } catch (error) {
      return refusal(error, ['settlementAmounts']);
    }
    const byId = new Map(found.map((c) => [c.id.toLowerCase(), c]));
    for (const [i, id] of ids.entries()) {
      const connection = byId.get(id);
      const field = ['settlementAmounts', String(i), 'connectionId'];
      if (!connection) return userError(UserErrorCode.NOT_FOUND, `BitGo lists no connection ${id} among the partner's connections of enterprise ${asked.enterpriseId}`, field);
      if (!connection.active) return userError(UserErrorCode.CONNECTION_INACTIVE, `connection ${id} is deactivated: it cannot be settled`, field);
    }
    return undefined;
  }

  async #payload(caller: Caller, asked: Asked): Promise<{ payload: string; request: WireSettlementSigningRequest } | UserError> {
    const request = settlementSigningRequest({ externalId: asked.externalId, notes: asked.notes, settlementAmounts: asked.amounts, nonce: newNonce(), cutoffAt: asked.cutoffAt });
    let payload: string;
    try {
      ({ payload } = await getSettlementSigningPayload(this.deps.client, asked.enterpriseId, request, writeOptions(this.deps, caller)));
    } catch (error) {
      if (error instanceof BitGoError && error.status === 409) return userError(UserErrorCode.CONFLICT, error.bitgoMessage ?? 'BitGo holds another settlement under this externalId', ['externalId']);
      return refusal(error, ['settlementAmounts']);
    }
    checkSettlementPayload(payload, { ...request, enterpriseId: asked.enterpriseId });
    return { payload, request };
  }

  async #sign(caller: Caller, asked: Asked, key: SignedRequestKey, fingerprint: string): Promise<NewSignedRequest | UserError> {
    const signer = signerFor(this.deps, asked.enterpriseId);
    const bad = await this.#checkConnections(caller, asked);
    if (bad) return bad;
    const fetched = await this.#payload(caller, asked);
    if ('code' in fetched) return fetched;
    const { payload, request } = fetched;
    const signature = await timedSign(this.deps, signer, payload);
    return {
      ...key,
      fingerprint,
      method: 'POST',
      path: settlementPath(asked.enterpriseId, asked.version),
      body: settlementBody(request, payload, signature),
      payload,
      nonce: request.nonce,
      signatureSha256: signatureDigest(signature),
      caller: callerName(caller),
      clientExternalId: asked.externalId,
      allocationId: null,
      connectionId: null,
      subjectId: null,
      currency: null,
      quantity: null,
    };
  }

  /** Everything settle checks before it signs, and the net flow per currency. Nothing is signed, journaled or sent to be made. */
  async #dryRun(caller: Caller, asked: Asked): Promise<SettleResult> {
    const failed = (error: UserError): SettleResult => ({ settlement: null, externalId: asked.externalId, version: asked.version, userErrors: [error], dryRun: null });
    const bad = await this.#checkConnections(caller, asked);
    if (bad) return failed(bad);
    const fetched = await this.#payload(caller, asked);
    if ('code' in fetched) return failed(fetched);
    const netFlow = netByCurrency(Object.values(asked.amounts).flatMap((byCurrency) => Object.entries(byCurrency).map(([currency, quantity]) => ({ currency, quantity }))));
    return { settlement: null, externalId: asked.externalId, version: asked.version, userErrors: [], dryRun: { payload: fetched.payload, version: asked.version, netFlow } };
  }
}

