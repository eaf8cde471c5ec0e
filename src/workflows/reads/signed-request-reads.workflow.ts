import { scopeDigest } from '../../pagination/cursor.js';
import type { KeysetCursorCodec } from '../../pagination/keyset-cursor.js';
import { planKeysetPage, readKeysetPage, type KeysetPager } from '../../pagination/keyset-page.js';
import { mapPage, type RelayArgs, type RelayPage } from '../../pagination/relay-page.js';
import type {
  JournalAdminStore,
  SignedRequest,
  SignedRequestEvent,
  SignedRequestEventType,
  SignedRequestFilter,
  SignedRequestKind,
  SignedRequestOutcome,
  SignedRequestState,
} from '../../store/journal.store.js';
import { badInput } from '../app-error.js';
import { requireEnterpriseId, requireToken, type Caller } from '../caller.js';
import type { EnterpriseAccess } from './enterprise-access.js';

export interface SignedRequestReadsOptions {
  journal: Pick<JournalAdminStore, 'page' | 'eventsFor'>;
  access: EnterpriseAccess;
  cursors: KeysetCursorCodec;
  limits: { defaultSize: number; maxSize: number };
  defaultEnterpriseId: string | undefined;
}

export interface SignedRequestFilterRequest {
  kinds?: readonly SignedRequestKind[] | null;
  states?: readonly SignedRequestState[] | null;
  clientExternalId?: string | null;
  allocationId?: string | null;
  createdOnOrAfter?: Date | null;
  createdBefore?: Date | null;
}

export interface SignedRequestListRequest extends RelayArgs {
  enterpriseId?: string | null | undefined;
  filter?: SignedRequestFilterRequest | null | undefined;
}

const ALLOCATION_STATUSES = new Set(['cleared', 'reserved', 'released']);
/** Kinds whose record is an allocation: only their outcomes fill `allocationId` and `allocationStatus`. */
const ALLOCATION_KINDS: ReadonlySet<SignedRequestKind> = new Set(['allocate', 'deallocate', 'update_allocation']);

/** What BitGo answered, as the audit trail shows it. */
export interface SignedRequestOutcomeView {
  httpStatus: number | null;
  /** The record BitGo answered with (or the request names), whatever its kind. */
  recordId: string | null;
  recordStatus: string | null;
  /** `recordId` when the record is an allocation; else null. */
  allocationId: string | null;
  /** cleared, reserved or released; null when BitGo named none (or something this gateway does not know), or the record is no allocation. */
  allocationStatus: string | null;
  message: string | null;
}

/** What the events loader is asked for: a row's id, and its kind (which says what its outcomes' records are). */
export interface SignedRequestRef {
  id: string;
  kind: SignedRequestKind;
}

export interface SignedRequestEventView {
  type: SignedRequestEventType;
  at: Date;
  outcome: SignedRequestOutcomeView | null;
}

/**
 * A journal row as the audit trail shows it: the exact signed payload and a digest of the signature, never
 * the request body (which holds the signature itself) or anything else not listed here.
 */
export interface SignedRequestView {
  id: string;
  kind: SignedRequestKind;
  state: SignedRequestState;
  clientExternalId: string | null;
  /** The allocation the request names (a partner update), else the one BitGo answered with. */
  allocationId: string | null;
  connectionId: string | null;
  /** The settlement or dispute a request acts on (kinds beyond allocations); else null. */
  subjectId: string | null;
  /** The one amount the request moves; null for kinds that move none (or many). */
  amount: { currency: string; quantity: string } | null;
  payload: string;
  signatureSha256: string;
  caller: string;
  attempts: number;
  createdAt: Date;
  settledAt: Date | null;
  outcome: SignedRequestOutcomeView | null;
}

/**
 * The audit trail: the journal of signed requests of one enterprise, newest first, as Relay pages. Shown only
 * to a caller BitGo lets read the enterprise (EnterpriseAccess). Stateless: one instance serves every request.
 */
export class SignedRequestReads {
  constructor(private readonly options: SignedRequestReadsOptions) {}

  /**
   * Arguments first (no token, a bad filter, size or cursor: refused before anything is read), then BitGo's
   * verdict on the caller and the enterprise, then one read of the journal.
   */
  async list(caller: Caller, request: SignedRequestListRequest): Promise<RelayPage<SignedRequestView>> {
    requireToken(caller);
    const enterpriseId = requireEnterpriseId(request.enterpriseId, this.options.defaultEnterpriseId);
    const filter = storeFilter(request.filter);
    const scope = scopeDigest({ list: 'signedRequests', enterpriseId, filter: scopeOf(filter) });
    const { cursors, limits, journal, access } = this.options;
    const plan = planKeysetPage({ cursors, limits }, request, scope);
    await access.check(caller, enterpriseId);
    const pager: KeysetPager<SignedRequest> = {
      cursors,
      limits,
      positionOf: (row) => ({ atMs: row.createdAt.getTime(), id: row.id }),
      fetch: ({ after, before, take, limit }) =>
        journal.page({
          enterpriseId,
          filter,
          after: after && { createdAt: new Date(after.atMs), id: after.id },
          before: before && { createdAt: new Date(before.atMs), id: before.id },
          take,
          limit,
        }),
    };
    return mapPage(await readKeysetPage(pager, plan), view);
  }

  /** Events of many rows in one read, each list oldest first: the per-request loader's batch function. */
  async events(rows: readonly SignedRequestRef[]): Promise<SignedRequestEventView[][]> {
    const byId = await this.options.journal.eventsFor(rows.map((row) => row.id));
    return rows.map(({ id, kind }) => (byId.get(id) ?? []).map((event) => eventView(kind, event)));
  }
}

/** The GraphQL filter as the store's; empty lists are refused by the schema before this. */
function storeFilter(filter: SignedRequestFilterRequest | null | undefined): SignedRequestFilter {
  if (!filter) return {};
  if (filter.createdOnOrAfter && filter.createdBefore && filter.createdOnOrAfter > filter.createdBefore) {
    throw badInput('filter.createdOnOrAfter must not be later than filter.createdBefore', 'filter.createdOnOrAfter');
  }
  return {
    kinds: filter.kinds ? [...new Set(filter.kinds)].sort() : undefined,
    states: filter.states ? [...new Set(filter.states)].sort() : undefined,
    clientExternalId: filter.clientExternalId ?? undefined,
    // BitGo's ids are lowercase UUIDs, and the journal keeps them so.
    allocationId: filter.allocationId?.toLowerCase() ?? undefined,
    createdOnOrAfter: filter.createdOnOrAfter ?? undefined,
    createdBefore: filter.createdBefore ?? undefined,
  };
}

/** What binds a cursor: the normalised filter, dates as milliseconds. */
function scopeOf(filter: SignedRequestFilter): unknown {
  return { ...filter, createdOnOrAfter: filter.createdOnOrAfter?.getTime(), createdBefore: filter.createdBefore?.getTime() };
}

function outcomeView(kind: SignedRequestKind, outcome: SignedRequestOutcome | null): SignedRequestOutcomeView | null {
  if (!outcome) return null;
  const allocation = ALLOCATION_KINDS.has(kind);
  return {
    httpStatus: outcome.httpStatus,
    recordId: outcome.recordId,
    recordStatus: outcome.recordStatus,
    allocationId: allocation ? outcome.recordId : null,
    allocationStatus: allocation && outcome.recordStatus !== null && ALLOCATION_STATUSES.has(outcome.recordStatus) ? outcome.recordStatus : null,
    message: outcome.message,
  };
}

function eventView(kind: SignedRequestKind, event: SignedRequestEvent): SignedRequestEventView {
  return { type: event.type, at: event.at, outcome: outcomeView(kind, event.outcome) };
}

/** Field by field: nothing of the row reaches a caller unless it is named here. */
function view(row: SignedRequest): SignedRequestView {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    clientExternalId: row.clientExternalId,
    allocationId: row.allocationId ?? (ALLOCATION_KINDS.has(row.kind) ? row.outcome?.recordId : null) ?? null,
    connectionId: row.connectionId,
    subjectId: row.subjectId,
    amount: row.currency !== null && row.quantity !== null ? { currency: row.currency, quantity: row.quantity } : null,
    payload: row.payload,
    signatureSha256: row.signatureSha256,
    caller: row.caller,
    attempts: row.attempts,
    createdAt: row.createdAt,
    settledAt: row.settledAt,
    outcome: outcomeView(row.kind, row.outcome),
  };
}
