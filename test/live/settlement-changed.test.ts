import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { DEMO_CONNECTION_IDS, DEMO_PARTNER_ENTERPRISE_ID, OTHER_CONNECTION_IDS, SANDBOX_TOKEN } from '../../src/sandbox/index.js';
import { finalizeDue } from '../../src/sandbox/settlement-engine.js';
import { liveClient, waitForSubscriptions, type LiveClient } from '../helpers/live.js';
import { disputeSettlement, settle, settlementAmounts } from '../helpers/settle.js';
import { useStack } from '../helpers/stack.js';

const CHANGED = `subscription($ids: [ID!], $externalIds: [String!], $view: AllocationView, $enterpriseId: ID) {
  settlementChanged(settlementIds: $ids, externalIds: $externalIds, view: $view, enterpriseId: $enterpriseId) { source changes previousStatus settlement { id externalId status disputed } }
}`;

interface Changed {
  data?: { settlementChanged: { source: string; changes: string[]; previousStatus: string | null; settlement: { id: string; externalId: string; status: string; disputed: boolean | null } } };
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

describe('live: settlementChanged', () => {
  const stack = useStack({ listen: true, env: { SUBSCRIPTION_POLL_MIN_MS: '100', SUBSCRIPTION_POLL_MAX_MS: '200' } });
  const clients: LiveClient[] = [];
  const client = () => {
    const c = liveClient(stack.url, { authorization: `Bearer ${SANDBOX_TOKEN}` });
    clients.push(c);
    return c;
  };
  after(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
  });

  it('the partner follows its externalId: CREATED by the settle; the client follows it: DISPUTED; both see it processed after the window', async () => {
    const externalId = `live-${randomUUID()}`;
    const partner = client().subscribe<Changed>(CHANGED, { externalIds: [externalId], view: 'PARTNER', enterpriseId: DEMO_PARTNER_ENTERPRISE_ID });
    await waitForSubscriptions(stack.gateway, 1);
    const made = await settle(stack, {
      enterpriseId: DEMO_PARTNER_ENTERPRISE_ID,
      externalId,
      settlementAmounts: settlementAmounts({ [DEMO_CONNECTION_IDS.nimbusMain]: { ofctbtc: '-50' }, [OTHER_CONNECTION_IDS.beaconNimbus]: { ofctbtc: '20' } }),
      cutoffAt: new Date(stack.sandbox.books.settlements.now()).toISOString(),
    });
    assert.deepEqual(made.payload!.userErrors, [], JSON.stringify(made));
    const id = made.payload!.settlement!.id;
    const created = (await partner.nth(1)).data!.settlementChanged;
    assert.deepEqual([created.changes, created.source, created.previousStatus, created.settlement.id, created.settlement.status], [['CREATED'], 'MUTATION', null, id, 'PENDING']);

    const mine = client().subscribe<Changed>(CHANGED, { ids: [id] });
    await waitForSubscriptions(stack.gateway, 2);
    const disputed = await disputeSettlement(stack, { settlementId: id, connectionId: DEMO_CONNECTION_IDS.nimbusMain, expectedTransfers: [{ currency: 'ofctbtc', quantity: '-40' }] });
    assert.deepEqual(disputed.payload!.userErrors, [], JSON.stringify(disputed));
    const seen = (await mine.nth(1)).data!.settlementChanged;
    assert.deepEqual([seen.changes, seen.settlement.disputed], [['DISPUTED'], true]);
    const partnerSaw = (await partner.nth(2)).data!.settlementChanged;
    assert.ok(partnerSaw.changes.includes('DISPUTED'), JSON.stringify(partnerSaw));

    // The window passes on the sandbox's clock; the watcher's re-read (POLL) finds the settlement processed.
    stack.sandbox.books.settlements.advance(stack.sandbox.books.settlements.disputeWindowMs + 60_000);
    finalizeDue(stack.sandbox.books);
    const done = (await mine.nth(2)).data!.settlementChanged;
    assert.equal(done.source, 'POLL');
    assert.equal(done.previousStatus, 'pending');
    assert.ok(done.changes.includes('COMPLETED') || done.changes.includes('FAILED'), JSON.stringify(done));
    partner.stop();
    mine.stop();
    await waitForSubscriptions(stack.gateway, 0);
    assert.equal(stack.gateway.workflows.live.stats().callers, 0);
  });

  it('refuses a settlement the caller cannot see (NOT_FOUND), externalIds in the client\'s view and an empty filter (BAD_USER_INPUT)', async () => {
    const unknown = client().subscribe<Changed>(CHANGED, { ids: [randomUUID()] });
    await unknown.ended();
    assert.match(JSON.stringify([unknown.errors, unknown.events]), /"code":"NOT_FOUND"/);
    for (const variables of [{ externalIds: ['x'] }, {}]) {
      const refused = client().subscribe<Changed>(CHANGED, variables);
      await refused.ended();
      assert.match(JSON.stringify([refused.errors, refused.events]), /"code":"BAD_USER_INPUT"/, JSON.stringify(variables));
    }
  });
});
