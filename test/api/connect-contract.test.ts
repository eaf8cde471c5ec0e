import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { DEMO_CONNECTION_IDS, HELIOS_PARTNER_ID, LUMEN_PARTNER_ID, QUANTA_PARTNER_ID } from '../../src/sandbox/index.js';
import { connect, KEYS, updateConnection } from '../helpers/connect.js';
import { OpenApiContract, startContractProxy, type ContractProxy } from '../helpers/openapi.js';
import { useStack } from '../helpers/stack.js';

const contract = new OpenApiContract('network-openapi.yaml');

/**
 * The gateway's side of the contract: every request it sends for the connecting operations, and every answer the
 * sandbox gives it, crossing a proxy that keeps them whole, held to network-openapi.yaml (request bodies, query
 * parameters, answers by status), refusals included.
 */
describe('the gateway\'s connecting calls, held to network-openapi.yaml', () => {
  let proxy: ContractProxy | undefined;
  const stack = useStack({
    upstream: async (sandboxUrl) => {
      proxy = await startContractProxy(sandboxUrl);
      return proxy.url;
    },
  });
  after(() => proxy?.close());

  it('partners, supportedCurrencies, connect (dry run, accepted, refused), updateConnection and the reads a connect makes: every exchange conforms', async () => {
    const read = await stack.gql(`{ partners(first: 2) { nodes { id supportedCurrencies { ofcCurrency } } pageInfo { hasNextPage } } networkConnection(id: "${DEMO_CONNECTION_IDS.helios}") { supportedCurrencies { ofcCurrency } } }`);
    assert.equal(read.errors, undefined, JSON.stringify(read.errors));
    await stack.gql(`{ partners(filter: { active: true, names: ["Helios Markets"], institutionIdentifiers: ["HELIOS-MARKETS"] }) { nodes { id } } }`);
    assert.deepEqual((await connect(stack, { partnerId: QUANTA_PARTNER_ID, name: 'contract preview', connectionKey: KEYS.quanta, dryRun: true })).payload!.userErrors, []);
    const made = await connect(stack, { partnerId: HELIOS_PARTNER_ID, name: 'contract', connectionKey: KEYS.helios });
    assert.deepEqual(made.payload!.userErrors, []);
    // A repeat reads BitGo's connection; a refused key is BitGo's 422; an inactive partner is refused before any write.
    await connect(stack, { partnerId: HELIOS_PARTNER_ID, name: 'contract', connectionKey: KEYS.helios, clientRequestId: made.payload!.clientRequestId });
    await connect(stack, { partnerId: HELIOS_PARTNER_ID, name: 'contract refused', connectionKey: { apiKeyAndSecret: { apiKey: 'refuse-this', apiSecret: 's' } } });
    await connect(stack, { partnerId: LUMEN_PARTNER_ID, name: 'contract inactive', connectionKey: KEYS.nimbus('t') });
    const id = made.payload!.connection!.id;
    await updateConnection(stack, { connectionId: id, name: 'contract renamed' });
    await updateConnection(stack, { connectionId: id, active: false, dryRun: true });
    await updateConnection(stack, { connectionId: id, active: false });
    await updateConnection(stack, { connectionId: '00000000-0000-4000-8000-000000000000', name: 'x' });

    const exchanges = proxy!.exchanges.filter((e) => /\/(partners|supportedCurrencies|clients\/connections(\/[^/]+)?|clients\/connections\/signing)$/.test(e.path));
    const routes = new Set(exchanges.map((e) => `${e.method} ${contract.templateOf(e.method, e.path)} ${e.status}`));
    for (const expected of [
      'GET /api/network/v1/enterprises/{enterpriseId}/partners 200',
      'GET /api/network/v1/enterprises/{enterpriseId}/supportedCurrencies 200',
      'POST /api/network/v1/enterprises/{enterpriseId}/clients/connections/signing 200',
      'POST /api/network/v1/enterprises/{enterpriseId}/clients/connections 200',
      'POST /api/network/v1/enterprises/{enterpriseId}/clients/connections 422',
      'GET /api/network/v1/enterprises/{enterpriseId}/clients/connections/{connectionId} 200',
      'PUT /api/network/v1/enterprises/{enterpriseId}/clients/connections/{connectionId} 200',
      'PUT /api/network/v1/enterprises/{enterpriseId}/clients/connections/{connectionId} 404',
    ]) {
      assert.ok(routes.has(expected), `${expected} was exercised (${[...routes].join('; ')})`);
    }
    const problems = exchanges.flatMap((e) => contract.problems(e));
    assert.deepEqual(problems, []);
  });
});
