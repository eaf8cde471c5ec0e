import { createHash } from 'node:crypto';
import type { BitGoTransport } from '../../bitgo/allocations.api.js';
import type { WriteOptions } from '../../bitgo/client.js';
import type { Logger } from '../../common/logger.js';
import type { SignerRegistry } from '../../signing/signer-registry.js';
import type { SigningService } from '../../signing/signing.service.js';
import type { JournalStore } from '../../store/journal.store.js';
import { AppError, AppErrorCode } from '../app-error.js';
import type { ChangePublisher } from '../live/change-publisher.js';
import { callOptions, type Caller } from '../caller.js';
import type { SupportedCurrencyCheck } from './supported-currency.check.js';
import type { WriteObserver } from './write.observer.js';

/** What every signed-write workflow is built from (one set, shared, at the composition root). */
export interface WriteDeps {
  client: BitGoTransport;
  signers: SignerRegistry;
  journal: JournalStore;
  defaultEnterpriseId: string | undefined;
  /** Total time for all attempts of one signed write before the outcome is reported unknown. */
  writeDeadlineMs: number;
  /** The journal is durable and a reconciler re-sends its unsettled rows (OUTCOME_UNKNOWN answers say so). */
  reconciling?: boolean;
  logger: Logger;
  /** Told the allocation BitGo answered whenever a signed request settles (live subscriptions); nobody when absent. */
  changes?: ChangePublisher;
  /** Told how each write ended and how long each signature took (the server's metrics); nobody when absent. */
  observer?: WriteObserver;
  /** allocate and deallocate refuse a currency the connection's partner does not accept (UNSUPPORTED_CURRENCY); no check when absent. */
  currencies?: SupportedCurrencyCheck;
}

export function signerFor(deps: WriteDeps, enterpriseId: string): SigningService {
  const signer = deps.signers.for(enterpriseId);
  if (!signer) {
    throw new AppError(AppErrorCode.SIGNER_UNAVAILABLE, `Signing is not configured for enterprise ${enterpriseId} on this gateway: set SIGNING_XPRV(_FILE) or SIGNER=express`);
  }
  return signer;
}

export function writeOptions(deps: WriteDeps, caller: Caller): WriteOptions {
  return { ...callOptions(caller), deadlineMs: deps.writeDeadlineMs };
}

/** Signs `payload`, telling the observer how long it took (screening, signing and verification). */
export async function timedSign(deps: WriteDeps, signer: SigningService, payload: string): Promise<string> {
  if (!deps.observer) return signer.sign(payload);
  const started = performance.now();
  const signature = await signer.sign(payload);
  deps.observer.signed(signer.kind, performance.now() - started);
  return signature;
}

/** The audit trail shows which signature was sent without holding one: its hex string's SHA-256. */
export function signatureDigest(signature: string): string {
  return createHash('sha256').update(signature).digest('hex');
}
