import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { HELIOS_PARTNER_ID } from '../../src/sandbox/index.js';
import { ConnectDocument, PartnersDocument, UpdateConnectionDocument, type ConnectMutationVariables } from '../generated/graphql.js';
import { KEYS } from '../helpers/connect.js';
import { useStack } from '../helpers/stack.js';

/** The connecting operations a frontend ships, through their generated TypedDocumentNodes (variables and results typed). */
describe('generated typed connecting operations against the gateway', () => {
  const stack = useStack();

  async function run<TData, TVariables extends Record<string, unknown>>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables): Promise<TData> {
    const res = await stack.gql<TData>(print(document), variables);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    return res.data!;
  }

  it('Partners, Connect and UpdateConnection run as typed, and answer what their types say', async () => {
    const { partners } = await run(PartnersDocument, { filter: { active: true }, first: 10 });
    const helios = partners.nodes.find((p) => p.id === HELIOS_PARTNER_ID)!;
    assert.equal(helios.connectionKeySchema, 'API_KEY_AND_SECRET');
    const input: ConnectMutationVariables['input'] = { partnerId: helios.id, name: 'typed', connectionKey: KEYS.helios };
    const { connect } = await run(ConnectDocument, { input });
    assert.deepEqual(connect.userErrors, []);
    assert.equal(connect.connection?.initialized, true);
    const { updateConnection } = await run(UpdateConnectionDocument, { input: { connectionId: connect.connection!.id, active: false, dryRun: true } });
    assert.deepEqual([updateConnection.dryRun?.connection.active, updateConnection.dryRun?.releases, updateConnection.dryRun?.moreReleases], [true, [], false]);
  });
});
