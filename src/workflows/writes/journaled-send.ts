import { StoreUnavailableError } from '../../store/store-unavailable.error.js';
import type { ExclusiveHold, NewSignedRequest, SignedRequest, SignedRequestKey } from '../../store/journal.store.js';
import { storeUnavailable } from '../app-error.js';
import type { Caller } from '../caller.js';
import type { UserError } from '../user-error.js';
import { recordOwnAnswer, type SendOutcome } from './send-outcome.js';
import type { SignedKind } from './signed-kind.js';
import { writeOptions, type WriteDeps } from './write.deps.js';

/** One signed write under its key, as every journaled mutation makes it. */
export interface JournaledWrite<R> {
  key: SignedRequestKey;
  /** What was asked, everything but the key: a different request under the key is told apart from a repeat. */
  fingerprint: string;
  /** Fetches the canonical payload, checks it and signs it: the row to commit, or the user error that stopped it. Called only when no row holds the key. */
  sign(): Promise<NewSignedRequest | UserError>;
  send: SignedKind<R>['send'];
  /**
   * For a kind BitGo keeps no idempotency key for (connect): a repeat sends the row's bytes only when it can take the
   * row for itself (idle this long, then held: see `recordExclusiveAttempt`); otherwise its send is told `exclusive:
   * false`. Absent: a repeat re-sends the bytes (BitGo deduplicates them).
   */
  exclusive?: ExclusiveHold;
}

export type JournaledSend<R> =
  /** Signing stopped before anything was committed or sent. */
  | { kind: 'stopped'; userError: UserError }
  /** A different request holds the key and is not settled: nothing was sent. */
  | { kind: 'conflict' }
  /** The key's committed bytes were sent (`row` holds them) and BitGo's answer recorded. */
  | { kind: 'sent'; row: SignedRequest; different: boolean; replayed: boolean; outcome: SendOutcome<R> };

/**
 * The journal's protocol for one signed write: a request committed under the key is re-sent as it is (it may
 * already have reached BitGo); otherwise the request is signed and claimed (a concurrent identical mutation, here or
 * on another replica, may have committed first: its bytes are sent, not ours); then the committed bytes are sent
 * and the answer recorded. One nonce and one signature per key, whatever the races, repeats and restarts.
 */
export async function sendJournaled<R>(deps: WriteDeps, caller: Caller, write: JournaledWrite<R>): Promise<JournaledSend<R>> {
  const { journal, logger } = deps;
  let held: SignedRequest | undefined;
  let created = false;
  let exclusive: boolean | undefined;
  try {
    held = await journal.find(write.key);
    if (!held) {
      const signed = await write.sign();
      if ('code' in signed) return { kind: 'stopped', userError: signed };
      ({ request: held, created } = await journal.claim(signed));
    }
    if (held.fingerprint !== write.fingerprint && held.state !== 'settled') return { kind: 'conflict' };
    // The bytes were committed before this call: an earlier send may have reached BitGo. Its send is counted here (a claim that created the row counted its own).
    if (!created && write.exclusive) exclusive = await journal.recordExclusiveAttempt(held.id, write.exclusive);
    else if (!created) await journal.recordAttempt(held.id);
  } catch (error) {
    // Nothing has been sent: a request the journal cannot hold (or count) is not sent at all. A claim whose commit
    // was lost with its connection may still hold the key: the repeat the caller is asked for sends those bytes.
    if (error instanceof StoreUnavailableError) {
      throw storeUnavailable('The gateway\'s journal of signed requests is unavailable, so nothing was sent; repeat the request with the same key in a few seconds', {
        idempotencyKey: write.key.idempotencyKey,
      });
    }
    throw error;
  }
  const different = held.fingerprint !== write.fingerprint;
  const replayed = !created;
  const { outcome, answer } = await write.send(deps.client, held, { ...writeOptions(deps, caller), replayed, ...(exclusive === undefined ? {} : { exclusive }) });
  await recordOwnAnswer(journal, logger, held.id, answer);
  return { kind: 'sent', row: held, different, replayed, outcome };
}
