import { authorize } from './auth.js';
import type { Books } from './books.js';
import type { DirectoryPartner } from './demo-partners.js';
import { badRequest, ok, type Route, type RouteContext, type RouteResult } from './http.js';
import { boolean, page, paging, strings, uuids } from './query-params.js';
import type { AnyConnection } from './types.js';
import type { V1EnterpriseSupportedCurrenciesResponse, V1PartnerListItem } from './wire.types.js';

const BASE = '^/api/network/v1/enterprises/(?<enterpriseId>[^/]+)';

/** The trust organisation the demo clients belong to, for `filterByTrustOrg`. */
const CLIENT_TRUST_ORG = 'BitGo Trust';

/** GET …/partners (the directory) and GET …/supportedCurrencies?partnerIds=. */
export function partnerRoutes(books: Books): Route[] {
  return [
    { method: 'GET', pattern: new RegExp(`${BASE}/partners$`), handler: (ctx) => listPartners(books, ctx) },
    { method: 'GET', pattern: new RegExp(`${BASE}/supportedCurrencies$`), handler: (ctx) => supportedCurrencies(books, ctx) },
  ];
}

function listPartners(books: Books, ctx: RouteContext): RouteResult {
  authorize(books, ctx, ctx.params.enterpriseId!, 'read');
  const p = paging(ctx.query);
  const predicates: Array<(partner: DirectoryPartner) => boolean> = [];
  const ids = uuids(ctx.query, 'ids');
  if (ids) predicates.push((x) => ids.has(x.id));
  const names = strings(ctx.query, 'names');
  if (names) predicates.push((x) => names.has(x.name));
  const institutionIds = uuids(ctx.query, 'institutionIds');
  if (institutionIds) predicates.push((x) => institutionIds.has(x.institutionId));
  const identifiers = strings(ctx.query, 'institutionIdentifiers');
  if (identifiers) predicates.push((x) => identifiers.has(x.institutionIdentifier));
  const active = boolean(ctx.query, 'active');
  if (active !== undefined) predicates.push((x) => x.active === active);
  if (boolean(ctx.query, 'filterByTrustOrg') === true) predicates.push((x) => x.trustOrg === CLIENT_TRUST_ORG);
  // No demo partner has allocation policies enabled.
  if (boolean(ctx.query, 'allocationPoliciesEnabled') === true) predicates.push(() => false);
  const selected = books.partners().filter((x) => predicates.every((f) => f(x)));
  // BitGo documents no order; the sandbox's is total (name, then id), so pages neither skip nor repeat.
  selected.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return ok({ partners: page(selected, p).map(partnerOutput) });
}

/** An item of V1PartnersGetOkPayload.partners, in the schema's key order; `async` and `currencies` stay inside. */
export function partnerOutput(p: DirectoryPartner): V1PartnerListItem {
  return {
    id: p.id,
    name: p.name,
    institutionId: p.institutionId,
    institutionIdentifier: p.institutionIdentifier,
    connectionKeySchema: p.connectionKeySchema,
    active: p.active,
    trustOrg: p.trustOrg,
    stablePartner: p.stablePartner,
  };
}

function supportedCurrencies(books: Books, ctx: RouteContext): RouteResult {
  authorize(books, ctx, ctx.params.enterpriseId!, 'read');
  const partnerIds = uuids(ctx.query, 'partnerIds');
  if (partnerIds === undefined) throw badRequest('partnerIds is required');
  const body: V1EnterpriseSupportedCurrenciesResponse = { supportedCurrencies: {}, domain: 'bitgo-network' };
  // Partners the directory does not know are left out, as BitGo leaves out those the enterprise cannot see.
  for (const id of partnerIds) {
    const partner = books.partner(id);
    if (partner === undefined) continue;
    body.supportedCurrencies[id] = partner.currencies.map((c) => ({ ofcCurrency: c, backingCurrency: c.replace(/^ofc/, ''), partnerNames: [partner.name] }));
  }
  return ok(body);
}

/**
 * An allocation in a currency the connection's partner does not accept is refused (400), before anything is held.
 * A connection to a partner the directory does not know (a test's own) accepts every currency.
 */
export function checkSupportedCurrency(books: Books, connection: AnyConnection, currency: string): void {
  const partner = books.partner(connection.partnerId);
  if (partner !== undefined && !partner.currencies.includes(currency)) throw badRequest(`currency ${currency} is not supported by partner ${partner.name}`);
}
