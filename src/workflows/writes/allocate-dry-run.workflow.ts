import { getSigningPayload } from '../../bitgo/allocations.api.js';
import { getClientBalances, getClientConnection } from '../../bitgo/connections.api.js';
import { BitGoError } from '../../bitgo/errors.js';
import { signingRequest } from '../../bitgo/payloads.js';
import type { WireAllocationType, WireClientBalances } from '../../bitgo/wire.types.js';
import { ASCII_DIGITS } from '../../common/patterns.js';
import { newNonce } from '../../signing/nonce.js';
import { AppError, AppErrorCode } from '../app-error.js';
import { callOptions, type Caller } from '../caller.js';
import { upstreamError } from '../upstream-refusal.js';
import { userError, UserErrorCode, type UserError } from '../user-error.js';
import { checkSigningPayload } from './signing-payload.check.js';
import { signerFor, writeOptions, type WriteDeps } from './write.deps.js';
import { refusal, type AllocateResult, type Asked } from './write-outcome.js';

/**
 * allocate / deallocate with `dryRun: true`: everything the real mutation checks before it signs, plus what
 * BitGo would otherwise only answer with a release (an inactive connection, a short balance), and nothing
 * after. It reads (the canonical payload, the connection, the balances, at once) and never signs, writes or
 * journals: the payload it shows is not kept, and the real mutation fetches a fresh one.
 */
export class AllocateDryRun {
  constructor(private readonly deps: WriteDeps) {}

  async run(caller: Caller, type: WireAllocationType, asked: Asked): Promise<AllocateResult> {
    const { client } = this.deps;
    const { enterpriseId, connectionId, amount, clientExternalId } = asked;
    const failed = (error: UserError): AllocateResult => ({ allocation: null, clientExternalId, userErrors: [error], dryRun: null });
    // The real mutation could not sign here: say so now rather than after the caller has confirmed.
    signerFor(this.deps, enterpriseId);
    const request = signingRequest({ amount, clientExternalId, nonce: newNonce(), notes: asked.notes });
    const read = getClientConnection(client, enterpriseId, connectionId, callOptions(caller));
    const [signing, connection, report, currency] = await Promise.allSettled([
      getSigningPayload(client, enterpriseId, connectionId, type, request, writeOptions(this.deps, caller)),
      read,
      getClientBalances(client, enterpriseId, { connectionIds: [connectionId] }, callOptions(caller)),
      this.deps.currencies?.problem(caller, enterpriseId, connectionId, amount.currency, read.then((r) => r.connection)),
    ]);
    // The connection first: an unknown or inactive one also explains a refused payload (BitGo answers 422 to
    // a deallocation's on an inactive connection).
    if (connection.status === 'rejected') return failed(refusal(connection.reason, ['connectionId']));
    const { active, initialized } = connection.value.connection;
    if (!active || !initialized) {
      return failed(
        userError(
          UserErrorCode.CONNECTION_INACTIVE,
          active ? 'The partner has not initialized this connection yet: nothing can be allocated to it' : 'The connection is deactivated: BitGo would release the request',
          ['connectionId'],
        ),
      );
    }
    // What the partner does not accept explains a refused payload too.
    if (currency.status === 'fulfilled' && currency.value) return failed(currency.value);
    if (signing.status === 'rejected') return failed(refusal(signing.reason, ['connectionId']));
    const { payload } = signing.value;
    checkSigningPayload(payload, { ...request, connectionId, enterpriseId });
    // A balances read that fails is an outage or a refusal of the caller, not of the request: top-level.
    if (report.status === 'rejected') throw report.reason instanceof BitGoError ? upstreamError(report.reason) : report.reason;
    const available = availableFor(type, report.value, connectionId, amount.currency);
    const quantity = BigInt(amount.quantity);
    if (quantity > available) {
      const where = type === 'allocation' ? 'in the trading account' : 'on the connection';
      return failed(userError(UserErrorCode.INSUFFICIENT_BALANCE, `${available} ${amount.currency} available ${where} does not cover ${amount.quantity}`, ['amount', 'quantity']));
    }
    return { allocation: null, clientExternalId, userErrors: [], dryRun: { payload, available: available.toString(), availableAfter: (available - quantity).toString() } };
  }
}

/** What the request draws on: for an allocation the client's trading balance, for a deallocation the connection's network balance. */
function availableFor(type: WireAllocationType, report: WireClientBalances, connectionId: string, currency: string): bigint {
  const record = type === 'allocation' ? report.balances : report.networkBalances?.[connectionId]?.balances;
  const available = record?.[currency]?.available ?? '0';
  if (typeof available !== 'string' || !ASCII_DIGITS.test(available)) {
    throw new AppError(AppErrorCode.UPSTREAM_UNAVAILABLE, 'BitGo returned a balance that is not a base-unit integer; nothing was signed or submitted');
  }
  return BigInt(available);
}
