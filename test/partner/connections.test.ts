import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { engines } from '../store/engines.js';
import { signatureAttacks, startPartnerStack, type PartnerStack } from './helpers.js';

const CONNECTIONS = '/bitgo/v1/connections';
const CLIENT = '3f1c9a52-7d4e-4b8a-9e21-5a0c7e3b9d11';

const ISSUE = `mutation Issue($input: IssueConnectionTokenInput!) {
  issueConnectionToken(input: $input) { connectionToken expiresAt partnersClientId partnersConnectionId userErrors { field message code } }
}`;

interface Issued {
  connectionToken: string | null;
  expiresAt: string | null;
  partnersClientId: string;
  partnersConnectionId: string | null;
  userErrors: Array<{ field: string[] | null; code: string; message: string }>;
}

for (const engine of engines) {
  describe(`BitGo's connection call to the partner (POST /bitgo/v1/connections) on ${engine.name}`, () => {
    let s: PartnerStack;
    before(async () => {
      s = await startPartnerStack(engine, { replica: true });
    });
    after(() => s?.close());

    const issue = async (input: Record<string, unknown>): Promise<Issued> => {
      const res = await s.gql<{ issueConnectionToken: Issued }>(ISSUE, { input });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      return res.data!.issueConnectionToken;
    };
    const body = (connectionToken: string, connectionId: string = randomUUID()) => ({ clientId: CLIENT, connectionId, connectionToken, partnerId: s.sandbox.partnerEnterpriseId });
    const rows = async (connectionId: string) =>
      Number((await sql<{ n: string }>`SELECT count(*)::text AS n FROM partner_connections WHERE connection_id = ${connectionId}`.execute(s.db.store.db)).rows[0]!.n);

    it('answers from an issued token: 200 with the account and the partner\'s connection id; a retry is the same 200; the operators see it', async () => {
      const issued = await issue({ partnersClientId: 'nimbus-acct-9001', partnersConnectionId: 'nimbus-conn-9001' });
      assert.deepEqual(issued.userErrors, []);
      assert.match(issued.connectionToken!, /^gct_[A-Za-z0-9_-]{32}$/);
      assert.ok(Date.parse(issued.expiresAt!) > Date.now() + 14 * 60_000);
      const call = body(issued.connectionToken!);
      const first = await s.call('POST', CONNECTIONS, call);
      assert.equal(first.status, 200, first.text);
      assert.deepEqual(first.json, { clientId: CLIENT, connectionId: call.connectionId, partnersClientId: 'nimbus-acct-9001', partnersConnectionId: 'nimbus-conn-9001' });
      const retry = await s.call('POST', CONNECTIONS, call);
      assert.deepEqual([retry.status, retry.json], [200, first.json]);
      const listed = await s.gql<{ partnerConnections: { nodes: Array<{ connectionId: string; status: string; attempts: number; partnersClientId: string }> } }>(
        `{ partnerConnections(filter: { partnersClientIds: ["nimbus-acct-9001"] }) { nodes { connectionId status attempts partnersClientId } } }`,
      );
      assert.deepEqual(listed.data!.partnerConnections.nodes, [{ connectionId: call.connectionId, status: 'ACCEPTED', attempts: 2, partnersClientId: 'nimbus-acct-9001' }]);
      // One connection per account: the platform is told at once, before it shows a token that could only be refused.
      const second = await issue({ partnersClientId: 'nimbus-acct-9001' });
      assert.deepEqual(second.userErrors.map((e) => [e.code, e.field]), [['CONFLICT', ['input', 'partnersClientId']]]);
      assert.equal(second.connectionToken, null);
    });

    it('refuses an unknown or used token (422) and a second connection of one account (409), naming the reason; the requests ledger keeps them', async () => {
      const unknown = await s.call('POST', CONNECTIONS, body('gct_not-issued-here'));
      assert.deepEqual([unknown.status, unknown.json.reason], [422, 'unknown_token']);
      assert.ok(!unknown.text.includes('gct_not-issued-here'), 'the token is not echoed');
      const issued = await issue({ partnersClientId: `acct-${randomUUID()}` });
      assert.equal((await s.call('POST', CONNECTIONS, body(issued.connectionToken!))).status, 200);
      const used = await s.call('POST', CONNECTIONS, body(issued.connectionToken!));
      assert.deepEqual([used.status, used.json.reason], [422, 'used_token']);
      // Two tokens for one account, issued before either was used: the second connection is refused.
      const account = `acct-${randomUUID()}`;
      const [a, b] = [await issue({ partnersClientId: account }), await issue({ partnersClientId: account })];
      assert.equal((await s.call('POST', CONNECTIONS, body(a.connectionToken!))).status, 200);
      const twice = await s.call('POST', CONNECTIONS, body(b.connectionToken!));
      assert.deepEqual([twice.status, twice.json.reason], [409, 'account_connected']);
      const ledger = await s.gql<{ partnerConnectionRequests: { nodes: Array<{ status: string; refusal: string | null }> } }>(
        `{ partnerConnectionRequests(first: 50, filter: { statuses: [REFUSED] }) { nodes { status refusal } } }`,
      );
      const refusals = ledger.data!.partnerConnectionRequests.nodes.map((n) => n.refusal);
      for (const reason of ['UNKNOWN_TOKEN', 'USED_TOKEN', 'ACCOUNT_CONNECTED']) assert.ok(refusals.includes(reason), reason);
      for (const line of s.logs) assert.ok(!line.includes(issued.connectionToken!) && !line.includes('gct_not-issued-here'), 'no token in the logs');
    });

    it('refuses every signature attack with 401 and stores nothing; the token is still good afterwards', async () => {
      const issued = await issue({ partnersClientId: `acct-${randomUUID()}` });
      const replayed = s.bitgo.token();
      assert.equal((await s.call('POST', CONNECTIONS, body('gct_warm-up'), { token: replayed })).status, 422);
      const attacked = randomUUID();
      for (const [name, token] of signatureAttacks(s.bitgo, replayed)) {
        const res = await s.call('POST', CONNECTIONS, body(issued.connectionToken!, attacked), { token });
        assert.equal(res.status, 401, `${name}: ${res.text}`);
        assert.deepEqual(Object.keys(res.json), ['error'], name);
        assert.equal(await rows(attacked), 0, `${name}: nothing stored`);
      }
      assert.equal((await s.call('POST', CONNECTIONS, body(issued.connectionToken!, attacked))).status, 200, 'the attacks used nothing up');
    });

    it('10 racing calls for one connection id (across replicas on PostgreSQL): one connection, every call 200 with it', async () => {
      for (let round = 0; round < 3; round++) {
        const issued = await issue({ partnersClientId: `acct-${randomUUID()}` });
        const call = body(issued.connectionToken!);
        const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => s.call('POST', CONNECTIONS, call, { base: i % 2 && s.replicaWebhookUrl ? s.replicaWebhookUrl : s.webhookUrl })));
        assert.deepEqual([...new Set(answers.map((a) => a.status))], [200], answers.map((a) => a.text).join('\n'));
        assert.deepEqual([...new Set(answers.map((a) => a.json.partnersConnectionId))], [issued.partnersConnectionId]);
        assert.equal(await rows(call.connectionId), 1);
      }
    });

    it('bodies that are not the guide\'s shape: 400 naming the field, nothing stored; PartnerId spelled as the guide does is accepted', async () => {
      const base = body('gct_x');
      const cases: Array<[string, Record<string, unknown>, string | null]> = [
        ['missing token', { ...base, connectionToken: undefined }, 'connectionToken'],
        ['empty token', { ...base, connectionToken: '' }, 'connectionToken'],
        ['numeric token', { ...base, connectionToken: 12345 }, 'connectionToken'],
        ['bad connectionId', { ...base, connectionId: 'abc' }, 'connectionId'],
        ['missing clientId', { ...base, clientId: undefined }, 'clientId'],
        ['unknown field', { ...base, surprise: true }, 'surprise'],
        ['partner ids disagree', { ...base, PartnerId: randomUUID() }, 'PartnerId'],
      ];
      for (const [name, fields, field] of cases) {
        const res = await s.call('POST', CONNECTIONS, fields);
        assert.equal(res.status, 400, `${name}: ${res.text}`);
        if (field) assert.equal(res.json.field, field, name);
      }
      assert.equal(await rows(base.connectionId), 0);
      const issued = await issue({ partnersClientId: `acct-${randomUUID()}` });
      const { partnerId, ...rest } = body(issued.connectionToken!);
      const guide = await s.call('POST', CONNECTIONS, { ...rest, PartnerId: partnerId, clientWalletId: 'wallet-1' });
      assert.equal(guide.status, 200, guide.text);
    });
  });
}
