import 'reflect-metadata';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Kind, parse, validate, type OperationDefinitionNode } from 'graphql';
import { playgroundExamples } from '../../src/gateway.js';
import { buildGatewaySchema } from '../../src/schema/build-schema.js';
import { gqlOver, startGatewayProcess, type GatewayProcess } from '../helpers/processes.js';
import { freshDataDir } from '../store/engines.js';

const GUIDE = readFileSync(fileURLToPath(new URL('../../../docs/guides/connect.md', import.meta.url)), 'utf8');

/** The guide's GraphQL blocks, by operation name. */
function operations(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [, block] of markdown.matchAll(/```graphql\n([\s\S]*?)```/g)) {
    const op = parse(block!).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    assert.ok(op?.name, 'every block is one named operation');
    out.set(op.name.value, block!);
  }
  return out;
}

/**
 * docs/guides/connect.md, run as written against `npm start` (the gateway on its embedded sandbox and store, where the
 * sandbox plays BitGo to Nimbus and calls this gateway's partner endpoints): both sides of onboarding, in the guide's
 * order. The playground's Onboarding tab runs the same way.
 */
describe('docs/guides/connect.md, as npm start runs it', () => {
  let gateway: GatewayProcess;
  let dataDir: string;
  const ops = operations(GUIDE);
  before(async () => {
    dataDir = await freshDataDir();
    gateway = await startGatewayProcess({ DATA_DIR: dataDir, SUBSCRIPTION_POLL_MIN_MS: '200' });
  });
  after(async () => {
    await gateway?.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  const run = async <T>(name: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const text = ops.get(name);
    assert.ok(text, `the guide has ${name}`);
    const res = await gqlOver<T>(gateway.url, text, variables);
    assert.equal(res.errors, undefined, `${name}: ${JSON.stringify(res.errors)}`);
    return res.data!;
  };

  it('every block parses and validates against the schema', async () => {
    const schema = await buildGatewaySchema();
    assert.equal(ops.size, 11, [...ops.keys()].join(', '));
    for (const [name, text] of ops) assert.deepEqual(validate(schema, parse(text)).map((e) => e.message), [], name);
  });

  it('onboards a client to Nimbus and Nimbus accepts it: partners, token, preview, connect, initialized, allocate, rename, deactivate', async () => {
    const { partners } = await run<{ partners: { nodes: Array<{ id: string; name: string; connectionKeySchema: string; connectionKeyFields: Array<{ name: string; secret: boolean }> }> } }>('Partners');
    const nimbus = partners.nodes.find((p) => p.name === 'Nimbus Exchange')!;
    assert.equal(nimbus.connectionKeySchema, 'TOKEN');
    assert.deepEqual(nimbus.connectionKeyFields, [{ name: 'connectionToken', secret: true }]);
    assert.ok(!partners.nodes.some((p) => p.name.startsWith('Lumen')), 'the active filter leaves the retired partner out');

    const account = `guide-acct-${Date.now()}`;
    const { issueConnectionToken: issued } = await run<{ issueConnectionToken: { connectionToken: string; partnersConnectionId: string; userErrors: unknown[] } }>('IssueConnectionToken', { account });
    assert.deepEqual(issued.userErrors, []);
    const vars = { partnerId: nimbus.id, connectionToken: issued.connectionToken };

    const { connect: preview } = await run<{ connect: { dryRun: { payload: string }; userErrors: unknown[] } }>('ConnectPreview', vars);
    assert.deepEqual(preview.userErrors, []);
    assert.deepEqual(JSON.parse(preview.dryRun.payload).connectionKey, { schema: 'token', connectionToken: '********' });

    const { connect } = await run<{ connect: { clientRequestId: string; connection: { id: string; initialized: boolean }; userErrors: unknown[] } }>('Connect', vars);
    assert.deepEqual(connect.userErrors, []);
    assert.equal(connect.connection.initialized, false, 'Nimbus answers BitGo after the connect returns');
    const connectionId = connect.connection.id;
    const again = await run<{ connect: { connection: { id: string } } }>('Connect', { ...vars, clientRequestId: connect.clientRequestId });
    assert.equal(again.connect.connection.id, connectionId, 'a repeat answers the same connection');

    let connection: { initialized: boolean; partnersClientId: string | null } | undefined;
    for (let i = 0; !connection?.initialized; i++) {
      assert.ok(i < 100, 'Nimbus never initialized the connection');
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      connection = (await run<{ networkConnection: { initialized: boolean; partnersClientId: string | null } }>('Connection', { connectionId })).networkConnection;
    }
    assert.equal(connection.partnersClientId, account);

    const { allocate } = await run<{ allocate: { allocation: { id: string; status: string }; userErrors: unknown[] } }>('AllocateToNewConnection', { connectionId });
    assert.deepEqual([allocate.userErrors, allocate.allocation.status], [[], 'RESERVED']);
    const { updateConnection: renamed } = await run<{ updateConnection: { connection: { name: string } } }>('RenameConnection', { connectionId });
    assert.equal(renamed.connection.name, 'Nimbus main desk');
    const { updateConnection: preview2 } = await run<{ updateConnection: { dryRun: { releases: Array<{ id: string }> } } }>('DeactivatePreview', { connectionId });
    assert.deepEqual(preview2.dryRun.releases.map((r) => r.id), [allocate.allocation.id]);
    const { updateConnection: off } = await run<{ updateConnection: { connection: { active: boolean } } }>('DeactivateConnection', { connectionId });
    assert.equal(off.connection.active, false);

    const { partnerConnections } = await run<{ partnerConnections: { nodes: Array<{ connectionId: string; partnersClientId: string; networkConnection: { active: boolean } }> } }>('PartnerConnections');
    const accepted = partnerConnections.nodes.find((n) => n.connectionId === connectionId)!;
    assert.deepEqual([accepted.partnersClientId, accepted.networkConnection.active], [account, false]);
  });

  it('the playground\'s Onboarding tab runs the same loop', async () => {
    const tab = playgroundExamples().find((op) => op.name === 'Onboarding')!;
    const vars = JSON.parse(tab.variables!) as Record<string, string>;
    const exec = async <T>(operationName: string, variables: Record<string, unknown>): Promise<T> => {
      const res = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: tab.query, operationName, variables }) });
      const body = (await res.json()) as { data?: T; errors?: unknown[] };
      assert.equal(body.errors, undefined, `${operationName}: ${JSON.stringify(body.errors)}`);
      return body.data!;
    };
    await exec('Partners', {});
    const account = `${vars.account}-${Date.now()}`;
    const { issueConnectionToken } = await exec<{ issueConnectionToken: { connectionToken: string } }>('IssueToken', { account });
    const { connect } = await exec<{ connect: { connection: { id: string }; userErrors: unknown[] } }>('Connect', { partnerId: vars.partnerId, connectionToken: issueConnectionToken.connectionToken });
    assert.deepEqual(connect.userErrors, []);
    const connectionId = connect.connection.id;
    for (let i = 0; ; i++) {
      const { networkConnection } = await exec<{ networkConnection: { initialized: boolean; partnersClientId: string } }>('Connection', { connectionId });
      if (networkConnection.initialized) {
        assert.equal(networkConnection.partnersClientId, account);
        break;
      }
      assert.ok(i < 100);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { updateConnection } = await exec<{ updateConnection: { connection: { name: string } } }>('Rename', { connectionId });
    assert.equal(updateConnection.connection.name, 'Nimbus desk');
  });
});
