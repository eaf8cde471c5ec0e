import { committedPartnerUpdate, partnerUpdateType, updatePartnerRecord, type BitGoTransport } from '../../bitgo/allocations.api.js';
import { BitGoError } from '../../bitgo/errors.js';
import type { SignedRequest } from '../../store/journal.store.js';
import type { SignedKind } from './signed-kind.js';
import { failedSend, judged, type JudgedSend, type SendOptions } from './send-outcome.js';

/** updateAllocation: the committed PUT; BitGo's answer carries no record, so a success is "applied". */
export async function sendPartnerUpdate(client: BitGoTransport, row: SignedRequest, options: SendOptions): Promise<JudgedSend<never>> {
  const { replayed, ...call } = options;
  const type = partnerUpdateType(row.path);
  try {
    await updatePartnerRecord(client, type, row.path, row.body, call);
    return judged({ kind: 'applied' }, { definite: true, outcome: { httpStatus: 200, recordId: row.allocationId, recordStatus: targetStatus(row), message: null } });
  } catch (error) {
    const wire = error instanceof BitGoError ? error : undefined;
    // 409: the allocation is settled the other way. Ours could not have done that (a repeat of the status ours set
    // is answered 200), so it is definite even for a replay.
    if (wire && !wire.outcomeUnknown && wire.status === 409) {
      const outcome = { httpStatus: 409, recordId: row.allocationId, recordStatus: null, message: wire.bitgoMessage ?? null };
      return judged({ kind: 'refused', error: wire }, { definite: true, releasesKey: !replayed, outcome });
    }
    return failedSend(error, replayed);
  }
}

/** A partner update's key is `${allocationId}:${status}`. */
function targetStatus(row: SignedRequest): string | null {
  const status = row.idempotencyKey.slice(row.idempotencyKey.lastIndexOf(':') + 1);
  return status === 'cleared' || status === 'released' ? status : null;
}

/**
 * The reconciler's view of a partner update: subscribers following the allocation re-read it (the answer holds no
 * record), and an applied update moves the partner ledger as the mutation would have. BitGo sends no call for a release.
 */
export const PARTNER_UPDATE_KIND: SignedKind<never> = {
  send: sendPartnerUpdate,
  async reconciled(row, { answer, outcome }, { changes, ledger, logger }) {
    if (answer.definite && row.allocationId) {
      await changes?.allocationTouched({ enterpriseId: row.enterpriseId, view: 'partner', source: 'RECONCILER', allocationId: row.allocationId, connectionId: row.connectionId });
    }
    if (outcome.kind !== 'applied' || !ledger || !row.allocationId) return;
    try {
      const { type, status, rejectReason } = committedPartnerUpdate(row.path, row.body);
      await ledger.settle(row.allocationId, { status, rejectReason, type });
    } catch (error) {
      // BitGo holds the update; a repeat of the mutation (or BitGo's clear call) moves the ledger later.
      logger.error({ signedRequestId: row.id, err: { message: (error as Error)?.message } }, 'reconciler: partner ledger not moved after an applied update');
    }
  },
};
