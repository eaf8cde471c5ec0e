import type { BitGoTransport } from '../../bitgo/allocations.api.js';
import type { CallOptions } from '../../bitgo/client.js';
import type { Logger } from '../../common/logger.js';
import type { SignedRequest, SignedRequestOutcome } from '../../store/journal.store.js';
import type { PartnerLedgerStore } from '../../store/partner-ledger.store.js';
import type { ChangePublisher } from '../live/change-publisher.js';
import type { JudgedSend, SendOptions } from './send-outcome.js';

/** What a kind's hooks may use after the reconciler settled one of its rows. */
export interface ReconciledContext {
  /** Live subscriptions (source RECONCILER); nobody when absent. */
  changes: ChangePublisher | undefined;
  /** The partner ledger, when this gateway keeps one. */
  ledger: Pick<PartnerLedgerStore, 'settle'> | undefined;
  logger: Logger;
}

/**
 * What BitGo's own state says of a row whose sends settled nothing: it holds the request (with its record), it never
 * had it, or it cannot be told (the read failed, or what it shows is ambiguous).
 */
export type Resolution =
  | { held: true; outcome: SignedRequestOutcome }
  | { held: false }
  | { held: undefined; why: string };

/**
 * One kind of signed request, as the journal's sender and the reconciler see it. A new signed kind (connect, settle,
 * a dispute) is one of these and a key and payload builder in its workflow: not a new mechanism.
 */
export interface SignedKind<R = unknown> {
  /** Sends the row's committed bytes to its endpoint and judges BitGo's answer (send-outcome.ts's rules). */
  send(client: BitGoTransport, row: SignedRequest, options: SendOptions): Promise<JudgedSend<R>>;
  /** After a reconciler's send of one of its rows: tells live subscriptions, moves ledgers. Never throws. */
  reconciled?(row: SignedRequest, judged: JudgedSend<R>, context: ReconciledContext): Promise<void>;
  /**
   * Reads BitGo to learn whether it holds what the row asked, for rows a re-send cannot settle (BitGo keeps no
   * idempotency key for the kind, or every re-send is refused). Absent: only sends settle the kind's rows.
   */
  resolve?(client: BitGoTransport, row: SignedRequest, options: CallOptions): Promise<Resolution>;
}

