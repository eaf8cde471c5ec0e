import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { DEMO_CONNECTION_IDS, DEMO_PARTNER_ENTERPRISE_ID, OTHER_CONNECTION_IDS } from '../../src/sandbox/index.js';
import { OpenApiContract, startContractProxy, type ContractProxy } from '../helpers/openapi.js';
import { closeSettlementDispute, disputeSettlement, settle, settlementAmounts, updateSettlementDispute } from '../helpers/settle.js';
import { useStack } from '../helpers/stack.js';

const contract = new OpenApiContract('network-openapi.yaml');
const C = DEMO_CONNECTION_IDS;
const NIMBUS = DEMO_PARTNER_ENTERPRISE_ID;

/**
 * The gateway's side of the contract for settling: every request it sends for settlements, transfers and disputes (both
 * sides), and every answer the sandbox gives, crossing a proxy that keeps them whole, held to network-openapi.yaml.
 */
describe('the gateway\'s settlement and dispute calls, held to network-openapi.yaml', () => {
  let proxy: ContractProxy | undefined;
  const stack = useStack({
    upstream: async (sandboxUrl) => {
      proxy = await startContractProxy(sandboxUrl);
      return proxy.url;
    },
  });
  after(() => proxy?.close());

  it('every read filter, settle v1 (refused) and v2, and a dispute\'s create, update and close: every exchange conforms', async () => {
    const reads = await stack.gql(`{
      settlements(first: 3, filter: { statuses: [COMPLETED, PENDING], partnerIds: ["${NIMBUS}"], partyConnectionIds: ["${C.nimbusMain}"], onlyDisputed: true }) { nodes { id transfers { id } connection { id } } }
      settlementTransfers(first: 3, filter: { currencies: ["ofctbtc"], settlementStatuses: [COMPLETED], statuses: [COMPLETED], partnerIds: ["${NIMBUS}"], settlementUpdatedOnOrAfter: "2026-01-01T00:00:00.000Z", settlementUpdatedBefore: "2031-01-01T00:00:00.000Z" }) { nodes { id } }
      settlementDisputes(first: 3, filter: { closed: false, connectionIds: ["${C.nimbusMain}"] }) { nodes { id } }
      partnerSettlements(first: 3, enterpriseId: "${NIMBUS}", filter: { externalIds: ["none"], createdOnOrAfter: "2026-01-01T00:00:00.000Z", updatedBefore: "2031-01-01T00:00:00.000Z" }) { nodes { id } }
      partnerSettlementDisputes(first: 3, enterpriseId: "${NIMBUS}", filter: { showRetracted: true }) { nodes { id } }
      networkConnections(first: 3) { nodes { settlements(latest: 2) { id } } }
    }`);
    assert.equal(reads.errors, undefined, JSON.stringify(reads.errors));
    const amounts = settlementAmounts({ [C.nimbusMain]: { ofctbtc: '-30' }, [OTHER_CONNECTION_IDS.beaconNimbus]: { ofctbtc: '10' } });
    const refused = await settle(stack, { enterpriseId: NIMBUS, externalId: `c-${randomUUID()}`, settlementAmounts: amounts });
    assert.deepEqual(refused.payload!.userErrors.map((e) => e.code), ['SETTLEMENT_VERSION_REFUSED']);
    const made = await settle(stack, { enterpriseId: NIMBUS, externalId: `c-${randomUUID()}`, notes: 'contract', settlementAmounts: amounts, cutoffAt: '2026-12-01T00:00:00.000Z' });
    const settlementId = made.payload!.settlement!.id;
    const one = await stack.gql(`query($id: ID!) { settlement(id: $id) { id } partnerSettlement(id: $id, enterpriseId: "${NIMBUS}") { id } }`, { id: settlementId });
    assert.equal(one.errors, undefined, JSON.stringify(one.errors));
    const d = await disputeSettlement(stack, { settlementId, connectionId: C.nimbusMain, expectedTransfers: [{ currency: 'ofctbtc', quantity: '-20' }] });
    const disputeId = d.payload!.dispute!.id;
    await updateSettlementDispute(stack, { disputeId, retracted: true, reason: 'fine', expectedTransfers: [{ currency: 'ofctbtc', quantity: '-30' }] });
    await closeSettlementDispute(stack, { disputeId, notes: 'closed for the contract' });

    const exchanges = proxy!.exchanges.filter((e) => /settlement|dispute/i.test(e.path));
    const routes = new Set(exchanges.map((e) => `${e.method} ${contract.templateOf(e.method, e.path)} ${e.status}`));
    const V1 = '/api/network/v1/enterprises/{enterpriseId}';
    for (const expected of [
      `GET ${V1}/clients/settlements 200`,
      `GET ${V1}/clients/settlements/{settlementId} 200`,
      `GET ${V1}/clients/settlementTransfers 200`,
      `GET ${V1}/clients/settlement/disputes 200`,
      `GET ${V1}/partners/settlements 200`,
      `GET ${V1}/partners/settlements/{settlementId} 200`,
      `GET ${V1}/partners/settlement/disputes 200`,
      `POST ${V1}/partners/settlements-signing 200`,
      `POST ${V1}/partners/settlements 403`,
      'POST /api/network/v2/enterprises/{enterpriseId}/partners/settlements 200',
      `POST ${V1}/clients/settlements/{settlementId}/disputes 200`,
      `PUT ${V1}/clients/settlements/disputes/{disputeId} 200`,
      `POST ${V1}/clients/settlements/disputes/{disputeId}/close 200`,
    ]) {
      assert.ok(routes.has(expected), `${expected} was exercised (${[...routes].join('; ')})`);
    }
    assert.deepEqual(exchanges.flatMap((e) => contract.problems(e)), []);
  });
});
