import { scopeDigest } from '../../pagination/cursor.js';
import type { KeysetCursorCodec } from '../../pagination/keyset-cursor.js';
import { planKeysetPage, readKeysetPage } from '../../pagination/keyset-page.js';
import { mapPage, type RelayArgs, type RelayPage } from '../../pagination/relay-page.js';
import type { PartnerLedgerStore, PartnerRequest, PartnerRequestFilter, PartnerRequestStatus, PartnerRequestType } from '../../store/partner-ledger.store.js';
import { badInput } from '../app-error.js';
import { requireEnterpriseId, type Caller } from '../caller.js';
import type { EnterpriseAccess } from '../reads/enterprise-access.js';

export interface PartnerLedgerReadsOptions {
  ledger: PartnerLedgerStore;
  access: EnterpriseAccess;
  cursors: KeysetCursorCodec;
  limits: { defaultSize: number; maxSize: number };
  /** The partner enterprise the gateway receives BitGo's calls for. */
  defaultEnterpriseId: string | undefined;
}

export interface PartnerRequestFilterRequest {
  types?: readonly PartnerRequestType[] | null;
  statuses?: readonly PartnerRequestStatus[] | null;
  connectionIds?: readonly string[] | null;
  clientIds?: readonly string[] | null;
  receivedOnOrAfter?: Date | null;
  receivedBefore?: Date | null;
}

export interface PartnerRequestListRequest extends RelayArgs {
  enterpriseId?: string | null;
  filter?: PartnerRequestFilterRequest | null;
}

/** A ledger row as the GraphQL surface shows it; `enterpriseId` lets `allocation` be read in the right scope. */
export interface PartnerRequestView extends Omit<PartnerRequest, 'currency' | 'quantity'> {
  amount: { currency: string; quantity: string };
}

export function viewOf(row: PartnerRequest): PartnerRequestView {
  const { currency, quantity, ...rest } = row;
  return { ...rest, amount: { currency, quantity } };
}

/** The partner's operators read what BitGo sent them, newest first, paged by keyset. */
export class PartnerLedgerReads {
  constructor(private readonly options: PartnerLedgerReadsOptions) {}

  async list(caller: Caller, request: PartnerRequestListRequest): Promise<RelayPage<PartnerRequestView>> {
    const enterpriseId = requireEnterpriseId(request.enterpriseId, this.options.defaultEnterpriseId).toLowerCase();
    const filter = normalise(request.filter);
    if (filter.receivedOnOrAfter && filter.receivedBefore && filter.receivedOnOrAfter > filter.receivedBefore) {
      throw badInput('filter.receivedOnOrAfter must not be later than filter.receivedBefore', 'filter.receivedOnOrAfter');
    }
    const scope = scopeDigest({ ledger: 'partner', enterpriseId, filter: { ...filter, receivedOnOrAfter: filter.receivedOnOrAfter?.getTime(), receivedBefore: filter.receivedBefore?.getTime() } });
    const { cursors, limits, ledger } = this.options;
    // Arguments are refused before anything is read, BitGo included.
    const plan = planKeysetPage({ cursors, limits }, request, scope);
    await this.options.access.check(caller, enterpriseId, 'partner', 'its partner ledger');
    const at = (p: { atMs: number; id: string } | undefined) => p && { receivedAt: new Date(p.atMs), id: p.id };
    const page = await readKeysetPage<PartnerRequest>(
      {
        cursors,
        limits,
        positionOf: (row) => ({ atMs: row.receivedAt.getTime(), id: row.id }),
        fetch: (read) => ledger.page({ enterpriseId, filter, after: at(read.after), before: at(read.before), take: read.take, limit: read.limit }),
      },
      plan,
    );
    return mapPage(page, viewOf);
  }
}

function normalise(filter: PartnerRequestFilterRequest | null | undefined): PartnerRequestFilter {
  const lower = (ids: readonly string[] | null | undefined) => (ids == null ? undefined : [...new Set(ids.map((id) => id.toLowerCase()))].sort());
  const set = <T extends string>(values: readonly T[] | null | undefined) => (values == null ? undefined : [...new Set(values)].sort());
  return {
    types: set(filter?.types),
    statuses: set(filter?.statuses),
    connectionIds: lower(filter?.connectionIds),
    clientIds: lower(filter?.clientIds),
    receivedOnOrAfter: filter?.receivedOnOrAfter ?? undefined,
    receivedBefore: filter?.receivedBefore ?? undefined,
  };
}
