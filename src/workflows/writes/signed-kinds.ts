import type { BitGoTransport } from '../../bitgo/allocations.api.js';
import type { SignedRequest, SignedRequestKind } from '../../store/journal.store.js';
import { ALLOCATION_KIND } from './allocation.signed-kind.js';
import { CONNECT_KIND } from './connect.signed-kind.js';
import { DISPUTE_CLOSE_KIND, DISPUTE_KIND, DISPUTE_UPDATE_KIND } from './dispute.signed-kind.js';
import { PARTNER_UPDATE_KIND } from './partner-update.signed-kind.js';
import { SETTLE_KIND } from './settle.signed-kind.js';
import type { JudgedSend, SendOptions } from './send-outcome.js';
import type { SignedKind } from './signed-kind.js';

/** Every signed kind this build sends, by the journal's name for it. */
const KINDS: Readonly<Record<SignedRequestKind, SignedKind<never> | SignedKind<unknown>>> = {
  allocate: ALLOCATION_KIND as SignedKind<unknown>,
  deallocate: ALLOCATION_KIND as SignedKind<unknown>,
  update_allocation: PARTNER_UPDATE_KIND,
  connect: CONNECT_KIND as SignedKind<unknown>,
  settle: SETTLE_KIND as SignedKind<unknown>,
  dispute_settlement: DISPUTE_KIND as SignedKind<unknown>,
  update_settlement_dispute: DISPUTE_UPDATE_KIND as SignedKind<unknown>,
  close_settlement_dispute: DISPUTE_CLOSE_KIND as SignedKind<unknown>,
};

/** The kind's sender and hooks; a row of a kind this build does not know (a newer replica's) is refused, never guessed at. */
export function signedKind(kind: SignedRequestKind | string): SignedKind<unknown> {
  const found = (KINDS as Record<string, SignedKind<unknown> | undefined>)[kind];
  if (!found) throw new Error(`journal: no sender for signed requests of kind ${JSON.stringify(kind.slice(0, 40))}`);
  return found;
}

/** Sends a committed row, whatever its kind (the reconciler's path). */
export function sendCommitted(client: BitGoTransport, row: SignedRequest, options: SendOptions): Promise<JudgedSend<unknown>> {
  return signedKind(row.kind).send(client, row, options);
}
