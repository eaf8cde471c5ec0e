import { randomUUID } from 'node:crypto';
import { connectPath, getConnectSigningPayload, listPartners } from '../../bitgo/connect.api.js';
import type { WireConnectionKey, WirePartner } from '../../bitgo/network.wire.js';
import { connectBody, connectSigningRequest, maskedConnectPayload } from '../../bitgo/payloads.js';
import type { WireConnection } from '../../bitgo/wire.types.js';
import { newNonce } from '../../signing/nonce.js';
import type { NewSignedRequest, SignedRequestKey } from '../../store/journal.store.js';
import type { SecretBox } from '../../store/secret-box.js';
import { AppError, AppErrorCode } from '../app-error.js';
import { callerName, callOptions, requireEnterpriseId, requireToken, type Caller } from '../caller.js';
import { inputProblems } from '../input.rules.js';
import { withScope } from '../reads/read-scope.js';
import { resendHold } from '../reconcile.workflow.js';
import { userError, UserErrorCode, type UserError } from '../user-error.js';
import { sealContext, sendConnect } from '../writes/connect.signed-kind.js';
import { sendJournaled } from '../writes/journaled-send.js';
import { checkConnectPayload } from '../writes/signing-payload.check.js';
import { signatureDigest, signerFor, timedSign, writeOptions, type WriteDeps } from '../writes/write.deps.js';
import { NO_WRITE_OBSERVER, observed } from '../writes/write.observer.js';
import { refusal, UNSETTLED_CONFLICT } from '../writes/write-outcome.js';
import { wireConnectionKey, type ConnectionKeyRequest } from './connection-key.js';

/** What a client asks to connect with; validated by the rules on its input class first. */
export interface ConnectRequest {
  enterpriseId?: string | null;
  partnerId: string;
  name: string;
  connectionKey: ConnectionKeyRequest;
  clientRequestId?: string | null;
  /** Check and preview only: nothing signed, journaled or sent to be created. */
  dryRun?: boolean | null;
}

export interface ConnectResult {
  connection: WireConnection | null;
  clientRequestId: string;
  userErrors: UserError[];
  /** Only a dry run answers one, and only when every check passed. */
  dryRun?: { payload: string; partner: WirePartner } | null;
}

export interface ConnectDeps extends WriteDeps {
  /** Seals the connect body in the journal; undefined: connecting is refused (no key to keep its secrets with). */
  secrets: SecretBox | undefined;
}

interface Asked {
  enterpriseId: string;
  partnerId: string;
  name: string;
  connectionKey: WireConnectionKey;
  clientRequestId: string;
}

const NO_KEY =
  'Connecting is off on this gateway: a connect\'s journal row keeps the connection key\'s secrets sealed, and no key to seal them with is configured. ' +
  'Set JOURNAL_SECRET_KEY (the same on every replica)';

function unknownMessage(clientRequestId: string): string {
  return (
    `BitGo did not confirm the connect in time. Repeat this mutation with the same clientRequestId: the gateway first reads BitGo's connections for the ` +
    `one this request made and answers it, and re-sends the signed request only when there is none, so a repeat never makes a second connection. ` +
    `signedRequests(filter: { clientExternalId: ${JSON.stringify(clientRequestId)} }) shows where it stands.`
  );
}

/**
 * connect: check the partner takes this key, fetch the canonical payload, check it, sign it, journal it (its secrets
 * sealed), send it once. BitGo keeps no idempotency key for a connect: a repeat under the same clientRequestId goes
 * through the journal like any signed write, and the connect kind (connect.signed-kind.ts) reads BitGo before it
 * re-sends anything. Nothing of the key is logged or answered.
 */
export class ConnectWorkflow {
  constructor(private readonly deps: ConnectDeps) {}

  run(caller: Caller, input: ConnectRequest): Promise<ConnectResult> {
    return observed(this.deps.observer ?? NO_WRITE_OBSERVER, 'connect', () => this.#run(caller, input));
  }

  async #run(caller: Caller, input: ConnectRequest): Promise<ConnectResult> {
    const clientRequestId = input.clientRequestId ?? randomUUID();
    const failed = (userErrors: UserError[]): ConnectResult => ({ connection: null, clientRequestId, userErrors, ...(input.dryRun ? { dryRun: null } : {}) });
    const problems = await inputProblems(input);
    if (problems.length > 0) return failed(problems);
    const connectionKey = wireConnectionKey(input.connectionKey);
    if ('code' in connectionKey) return failed([connectionKey]);
    requireToken(caller);
    const asked: Asked = {
      enterpriseId: requireEnterpriseId(input.enterpriseId, this.deps.defaultEnterpriseId).toLowerCase(),
      partnerId: input.partnerId.toLowerCase(),
      name: input.name,
      connectionKey,
      clientRequestId,
    };
    if (input.dryRun === true) return this.#dryRun(caller, asked);
    const { secrets } = this.deps;
    if (!secrets) throw new AppError(AppErrorCode.SIGNER_UNAVAILABLE, NO_KEY);
    const key: SignedRequestKey = { enterpriseId: asked.enterpriseId, kind: 'connect', idempotencyKey: clientRequestId };
    // The key's fields (secrets included) tell two requests apart only through a keyed digest: nothing guessable is kept.
    const fingerprint = JSON.stringify([asked.partnerId, asked.name, connectionKey.schema, secrets.digest(JSON.stringify(connectionKey))]);
    const sent = await sendJournaled(this.deps, caller, {
      key,
      fingerprint,
      exclusive: resendHold(this.deps.writeDeadlineMs),
      sign: () => this.#sign(caller, asked, key, fingerprint, secrets),
      send: sendConnect,
    });
    if (sent.kind === 'stopped') return failed([sent.userError]);
    if (sent.kind === 'conflict') return failed([userError(UserErrorCode.CONFLICT, UNSETTLED_CONFLICT.replaceAll('clientExternalId', 'clientRequestId'), ['clientRequestId'])]);
    const { outcome } = sent;
    const { logger } = this.deps;
    switch (outcome.kind) {
      case 'accepted': {
        const connection = withScope([outcome.record], { enterpriseId: asked.enterpriseId, view: 'client' })[0]!;
        await this.deps.changes?.connectionAnswered({ enterpriseId: asked.enterpriseId, view: 'client', source: 'MUTATION', connection });
        logger.info({ requestId: caller.requestId, clientRequestId, connectionId: connection.id, partnerId: connection.partnerId, initialized: connection.initialized }, 'connected');
        const elsewhere = sent.different
          ? [userError(UserErrorCode.CONFLICT, 'This clientRequestId was already used for a different connect; the connection shown is the one it made', ['clientRequestId'])]
          : [];
        return { connection, clientRequestId, userErrors: elsewhere };
      }
      case 'unknown':
        logger.warn({ requestId: caller.requestId, clientRequestId, status: outcome.error?.status, upstreamRequestId: outcome.error?.requestId, why: outcome.why }, 'connect outcome unknown');
        return failed([userError(UserErrorCode.OUTCOME_UNKNOWN, unknownMessage(clientRequestId), ['clientRequestId'])]);
      case 'refused':
        return failed([refusal(outcome.error, ['partnerId'])]);
      default:
        throw new Error(`a connect send answered ${outcome.kind}`);
    }
  }

  /** The partner as BitGo lists it, if it takes this key; else the user error saying why not. */
  async #partner(caller: Caller, asked: Asked): Promise<WirePartner | UserError> {
    let partners: WirePartner[];
    try {
      ({ partners } = await listPartners(this.deps.client, asked.enterpriseId, { ids: [asked.partnerId], pageNumber: 0, pageSize: 1 }, callOptions(caller)));
    } catch (error) {
      return refusal(error, ['partnerId']);
    }
    const partner = partners.find((p) => p.id.toLowerCase() === asked.partnerId);
    if (!partner) return userError(UserErrorCode.NOT_FOUND, `BitGo lists no partner ${asked.partnerId} for enterprise ${asked.enterpriseId}`, ['partnerId']);
    if (!partner.active) return userError(UserErrorCode.PARTNER_INACTIVE, `${partner.name} takes no new connections: BitGo lists it as inactive`, ['partnerId']);
    if (partner.connectionKeySchema !== asked.connectionKey.schema) {
      return userError(UserErrorCode.KEY_SCHEMA_MISMATCH, `${partner.name} takes a connectionKey of schema ${partner.connectionKeySchema}, not ${asked.connectionKey.schema}`, ['connectionKey']);
    }
    return partner;
  }

  /** The canonical payload from BitGo, checked (every field of the key too). */
  async #payload(caller: Caller, asked: Asked): Promise<{ payload: string; request: ReturnType<typeof connectSigningRequest> } | UserError> {
    const request = connectSigningRequest({ partnerId: asked.partnerId, name: asked.name, connectionKey: asked.connectionKey, nonce: newNonce() });
    let payload: string;
    try {
      ({ payload } = await getConnectSigningPayload(this.deps.client, asked.enterpriseId, request, writeOptions(this.deps, caller)));
    } catch (error) {
      return refusal(error, ['partnerId']);
    }
    checkConnectPayload(payload, { ...request, enterpriseId: asked.enterpriseId });
    return { payload, request };
  }

  async #sign(caller: Caller, asked: Asked, key: SignedRequestKey, fingerprint: string, secrets: SecretBox): Promise<NewSignedRequest | UserError> {
    const signer = signerFor(this.deps, asked.enterpriseId);
    const partner = await this.#partner(caller, asked);
    if ('code' in partner) return partner;
    const fetched = await this.#payload(caller, asked);
    if ('code' in fetched) return fetched;
    const { payload, request } = fetched;
    const signature = await timedSign(this.deps, signer, payload);
    return {
      ...key,
      fingerprint,
      method: 'POST',
      path: connectPath(asked.enterpriseId),
      // The body is what BitGo needs re-sent, secrets and all: sealed, and opened only to be sent.
      body: secrets.seal(connectBody(request, payload, signature), sealContext(key)),
      // The audit trail's copy: the signed payload with the key's secrets masked.
      payload: maskedConnectPayload(payload),
      nonce: request.nonce,
      signatureSha256: signatureDigest(signature),
      caller: callerName(caller),
      clientExternalId: asked.clientRequestId,
      allocationId: null,
      connectionId: null,
      subjectId: asked.partnerId,
      currency: null,
      quantity: null,
    };
  }

  /** Everything the real mutation checks before it signs: the partner takes the key, and BitGo's payload says what was asked. */
  async #dryRun(caller: Caller, asked: Asked): Promise<ConnectResult> {
    const failed = (error: UserError): ConnectResult => ({ connection: null, clientRequestId: asked.clientRequestId, userErrors: [error], dryRun: null });
    signerFor(this.deps, asked.enterpriseId);
    const partner = await this.#partner(caller, asked);
    if ('code' in partner) return failed(partner);
    const fetched = await this.#payload(caller, asked);
    if ('code' in fetched) return failed(fetched);
    return { connection: null, clientRequestId: asked.clientRequestId, userErrors: [], dryRun: { payload: maskedConnectPayload(fetched.payload), partner } };
  }
}
