import type { BitGoTransport } from '../bitgo/allocations.api.js';
import type { Logger } from '../common/logger.js';
import type { DueSignedRequest, JournalAdminStore } from '../store/journal.store.js';
import type { PartnerLedgerStore } from '../store/partner-ledger.store.js';
import type { ChangePublisher } from './live/change-publisher.js';
import type { BitGoError } from '../bitgo/errors.js';
import type { SignedRequestAnswer } from '../store/journal.store.js';
import { neverHeld } from './writes/allocation-resolution.js';
import type { JudgedSend } from './writes/send-outcome.js';
import type { SignedKind } from './writes/signed-kind.js';
import { signedKind } from './writes/signed-kinds.js';

export interface ReconcileOptions {
  journal: JournalAdminStore;
  client: BitGoTransport;
  /**
   * The gateway's service token. Every due row is re-sent with it, whoever made the row: the bytes are the
   * gateway's signature either way. Without one, nothing is re-sent; unsettled rows wait for their callers'
   * repeats, and are abandoned at `maxAgeMs`.
   */
  serviceToken: string | undefined;
  /** As for the mutations: every attempt of one re-send within this. */
  writeDeadlineMs: number;
  /** Between passes. */
  intervalMs: number;
  /** Unsettled rows created this long ago are marked ABANDONED (they stay visible; a late definite answer still settles them). */
  maxAgeMs: number;
  logger: Logger;
  /** Recorded on the rows this process takes (e.g. host:pid). */
  worker: string;
  /** Rows taken per claim; default 50. */
  batchSize?: number;
  /** Re-sends in flight at once; default 8. */
  concurrency?: number;
  /** Told what a re-send settled (live subscriptions), as source RECONCILER; nobody when absent. */
  changes?: ChangePublisher;
  /**
   * The partner ledger, when this gateway keeps one: a partner update the reconciler gets applied (its mutation
   * had answered OUTCOME_UNKNOWN) moves the ledger as the mutation would have. BitGo sends no call for a release.
   */
  ledger?: Pick<PartnerLedgerStore, 'settle'> | undefined;
  /** Told how many rows a pass abandoned (the metrics count them: they leave the unsettled gauges). */
  onAbandoned?: ((count: number) => void) | undefined;
}

/** What one pass did. */
export interface ReconcilePass {
  abandoned: number;
  /** Rows re-sent. */
  resent: number;
  /** Of those, rows a definite answer settled. */
  settled: number;
}

/** Past the write deadline a mutation has given up on its own send: only then is its row the reconciler's. */
const IDLE_MARGIN_MS = 2_000;
/** A lease covers one re-send (its deadline) and the journal writes around it. */
const LEASE_MARGIN_MS = 5_000;
/**
 * How long a row must be idle before anyone but the send that made it sends it again, and how long one re-send holds
 * it: the reconciler's rule, which a repeat of a connect follows too (`recordExclusiveAttempt`).
 */
export function resendHold(writeDeadlineMs: number): { idleMs: number; leaseMs: number } {
  return { idleMs: writeDeadlineMs + IDLE_MARGIN_MS, leaseMs: writeDeadlineMs + LEASE_MARGIN_MS };
}

/** Backoff per row: the interval, doubling each round, at most this. */
const BACKOFF_MAX_MS = 15 * 60_000;

/**
 * The reconciler: re-sends the committed bytes of journal rows left unsettled (no definite answer, or BitGo's
 * "retry the identical request") until BitGo answers definitely, with backoff per row, and abandons rows past
 * the maximum age. Any number of replicas may run it: `claimDue` leases each row to one worker (FOR UPDATE
 * SKIP LOCKED). Answers are judged as the mutations judge them (send-outcome.ts), as replays.
 */
export class ReconcileWorkflow {
  readonly #options: ReconcileOptions;
  readonly #abort = new AbortController();
  #timer: NodeJS.Timeout | undefined;
  #pass: Promise<ReconcilePass> | undefined;
  #stopped = false;

  constructor(options: ReconcileOptions) {
    this.#options = options;
  }

  /** Runs a pass now, then one every interval after the previous one ended, until `stop`. */
  start(): void {
    if (this.#stopped || this.#timer) return;
    // The operator was warned at start-up (BITGO_ACCESS_TOKEN unset); said once more where the reconciler's lines are.
    if (this.#options.serviceToken === undefined) {
      this.#options.logger.info('reconciler: no service token: unsettled signed requests are not re-sent; they settle when their callers repeat them, or are abandoned');
    }
    const tick = (): void => {
      void this.runOnce()
        .catch((error: unknown) => this.#options.logger.error({ err: error }, 'reconciler pass failed'))
        .finally(() => {
          if (!this.#stopped) this.#timer = setTimeout(tick, this.#options.intervalMs).unref();
        });
    };
    this.#timer = setTimeout(tick, 0).unref();
  }

  /** No new pass; sends in flight are aborted (their rows stay unsettled, answered as unknown) and the pass ends. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#abort.abort();
    await this.#pass?.catch(() => undefined);
  }

  /** One pass (a pass already running is joined, not doubled). */
  runOnce(): Promise<ReconcilePass> {
    this.#pass ??= this.#run().finally(() => {
      this.#pass = undefined;
    });
    return this.#pass;
  }

  async #run(): Promise<ReconcilePass> {
    const { journal, logger, maxAgeMs, serviceToken } = this.#options;
    const pass: ReconcilePass = { abandoned: 0, resent: 0, settled: 0 };
    const abandoned = await journal.abandon(maxAgeMs);
    pass.abandoned = abandoned.length;
    if (abandoned.length > 0) this.#options.onAbandoned?.(abandoned.length);
    for (const id of abandoned) logger.warn({ signedRequestId: id, maxAgeMs }, 'signed request abandoned: no definite answer within the maximum age');
    if (serviceToken === undefined) return pass;
    const batchSize = this.#options.batchSize ?? 50;
    for (;;) {
      if (this.#stopped) return pass;
      const rows = await journal.claimDue(this.#dueQuery(batchSize));
      await eachLimited(rows, this.#options.concurrency ?? 8, async (row) => {
        pass.resent += 1;
        if (await this.#resend(row, serviceToken)) pass.settled += 1;
      });
      if (rows.length < batchSize) return pass;
    }
  }

  /** Re-sends one row's bytes and records the answer; true when it settled the row. */
  async #resend(row: DueSignedRequest, token: string): Promise<boolean> {
    const { journal, client, logger, writeDeadlineMs, changes, ledger } = this.#options;
    const kind = signedKind(row.kind);
    await journal.recordAttempt(row.id);
    const judged = await kind.send(client, row, { token, deadlineMs: writeDeadlineMs, replayed: true, signal: this.#abort.signal });
    const { outcome } = judged;
    const answer = await this.#resolved(kind, row, judged, token);
    await journal.recordAnswer(row.id, answer);
    // What the kind tells others of what was settled (live subscriptions, the partner ledger).
    await kind.reconciled?.(row, judged, { changes, ledger, logger });
    const about = { signedRequestId: row.id, kind: row.kind, idempotencyKey: row.idempotencyKey, round: row.round, httpStatus: answer.outcome.httpStatus };
    if (answer.definite) logger.info({ ...about, recordId: answer.outcome.recordId, status: answer.outcome.recordStatus }, 'reconciler settled a signed request');
    else logger.warn({ ...about, why: outcome.kind === 'unknown' ? outcome.why : undefined, nextAttemptAt: row.nextAttemptAt }, 'reconciler: outcome still unknown');
    return answer.definite;
  }

  /**
   * The answer to record for a re-send. A definite one as it is. An indefinite one BitGo's state can settle instead, when
   * re-sending will not: the re-send was refused outright (a 4xx other than for the token or the rate: the bytes will
   * be refused again), or the row may be abandoned before its next round. The kind reads BitGo (`resolve`): it holds
   * the request (settled with its record) or never had it (settled with no record, NOT_SENT: only when its re-sends are
   * refused, since otherwise its bytes may still go through); a read that cannot tell leaves the row as the re-send left it.
   */
  async #resolved(kind: SignedKind, row: DueSignedRequest, { outcome, answer }: JudgedSend, token: string): Promise<SignedRequestAnswer> {
    if (answer.definite || !kind.resolve || outcome.kind !== 'unknown') return answer;
    const refused = refusedOutright(outcome.error);
    // Abandoned before its next attempt (claimDue's lease and backoff): there is no later round to settle it in.
    const lastRound = row.createdAt.getTime() + this.#options.maxAgeMs <= row.nextAttemptAt.getTime();
    if (!refused && !lastRound) return answer;
    const resolution = await kind.resolve(this.#options.client, row, { token, signal: this.#abort.signal });
    const about = { signedRequestId: row.id, kind: row.kind, idempotencyKey: row.idempotencyKey, why: refused ? 'its re-sends are refused' : 'it would be abandoned before its next round' };
    if (resolution.held === undefined) {
      this.#options.logger.warn({ ...about, read: resolution.why }, 'reconciler: BitGo\'s state could not settle a signed request');
      return answer;
    }
    // Not found, but its bytes were not refused (BitGo unreachable, say): they may still go through (a caller's repeat
    // sends them), so the row is not declared unsent; it is abandoned as before.
    if (resolution.held === false && !refused) return answer;
    this.#options.logger.info({ ...about, held: resolution.held }, resolution.held ? 'reconciler: BitGo holds the request; settled from its record' : 'reconciler: BitGo never had the request; settled as not sent');
    return { definite: true, outcome: resolution.held ? resolution.outcome : neverHeld(answer.outcome.httpStatus) };
  }

  #dueQuery(limit: number) {
    const { worker, writeDeadlineMs, intervalMs } = this.#options;
    return {
      worker,
      limit,
      ...resendHold(writeDeadlineMs),
      backoffBaseMs: intervalMs,
      backoffMaxMs: Math.max(intervalMs, BACKOFF_MAX_MS),
    };
  }
}

/** A refusal of the bytes themselves (400, 404, 409, 422 without a record…): not the token's (401, 403), the rate's (429) or a proxy's timeout (408). */
function refusedOutright(error: BitGoError | undefined): boolean {
  const status = error?.kind === 'http' ? (error.status ?? 0) : 0;
  return status >= 400 && status < 500 && ![401, 403, 408, 429].includes(status);
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}
