import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { SqlPartnerConnectionStore } from '../../src/store/partner-connections.sql.store.js';
import type { InboundConnection } from '../../src/store/partner-connections.store.js';
import { engines, type TestDatabase } from './engines.js';

const PARTNER = '8b2e4d10-5c6f-4a3b-8d9e-1f2a3b4c5d6e';
const CLIENT = '3f1c9a52-7d4e-4b8a-9e21-5a0c7e3b9d11';
const digest = (token: string): string => createHash('sha256').update(token).digest('hex');

for (const engine of engines) {
  describe(`partner connections on ${engine.name}`, () => {
    let t: TestDatabase;
    /** Two stores on two pools (PostgreSQL): two replicas racing; one store on PGlite. */
    let stores: SqlPartnerConnectionStore[];
    before(async () => {
      t = await engine.open();
      stores = [new SqlPartnerConnectionStore(t.store.db)];
      if (engine.name === 'postgres') stores.push(new SqlPartnerConnectionStore((await t.openReplica()).db));
    });
    after(() => t.dispose());

    const account = () => `acct-${randomBytes(4).toString('hex')}`;
    async function issue(partnersClientId = account(), expiresInMs = 60_000): Promise<{ token: string; partnersClientId: string; partnersConnectionId: string }> {
      const token = `gct_${randomBytes(24).toString('base64url')}`;
      const partnersConnectionId = `pc-${randomUUID()}`;
      await stores[0]!.issueToken({ tokenSha256: digest(token), enterpriseId: PARTNER, partnersClientId, partnersConnectionId, issuedBy: 'service', expiresInMs });
      return { token, partnersClientId, partnersConnectionId };
    }
    const inbound = (token: string, connectionId: string = randomUUID()): InboundConnection => ({ connectionId, enterpriseId: PARTNER, clientId: CLIENT, partnerId: PARTNER, tokenSha256: digest(token) });
    const rows = async (connectionId: string): Promise<number> =>
      Number((await sql<{ n: string }>`SELECT count(*)::text AS n FROM partner_connections WHERE connection_id = ${connectionId}`.execute(t.store.db)).rows[0]!.n);

    it('accepts a connection from its token, once; a retry answers the same ids; the token is not kept in the clear', async () => {
      const issued = await issue();
      const call = inbound(issued.token);
      const first = await stores[0]!.accept(call);
      assert.equal(first.outcome, 'accepted');
      assert.ok(first.outcome === 'accepted' && first.created);
      assert.deepEqual([first.connection.partnersClientId, first.connection.partnersConnectionId], [issued.partnersClientId, issued.partnersConnectionId]);
      const again = await stores.at(-1)!.accept(call);
      assert.ok(again.outcome === 'accepted' && !again.created);
      assert.equal(again.connection.attempts, 2);
      const kept = await sql<{ t: string }>`SELECT row_to_json(x)::text AS t FROM partner_connection_tokens x`.execute(t.store.db);
      assert.ok(!kept.rows.some((r) => r.t.includes(issued.token)), 'only the digest is stored');
    });

    it('refuses an unknown, an expired and a used token, and a second connection of one account; a refused id accepts a later good retry', async () => {
      const unknown = await stores[0]!.accept(inbound('gct_never-issued'));
      assert.deepEqual([unknown.outcome, unknown.connection.refusal], ['refused', 'unknown_token']);
      const expired = await issue(account(), 1);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const late = await stores[0]!.accept(inbound(expired.token));
      assert.deepEqual([late.outcome, late.connection.refusal, late.connection.partnersClientId], ['refused', 'expired_token', expired.partnersClientId]);
      const used = await issue();
      assert.equal((await stores[0]!.accept(inbound(used.token))).outcome, 'accepted');
      assert.equal((await stores[0]!.accept(inbound(used.token))).connection.refusal, 'used_token');
      const twice = account();
      const a = await issue(twice);
      const b = await issue(twice);
      assert.equal((await stores[0]!.accept(inbound(a.token))).outcome, 'accepted');
      assert.equal((await stores[0]!.accept(inbound(b.token))).connection.refusal, 'account_connected');
      assert.equal((await stores[0]!.connectionOfAccount(PARTNER, twice))?.partnersConnectionId, a.partnersConnectionId);
      // The same connection id, refused for its token, then retried with a good one.
      const retried = randomUUID();
      assert.equal((await stores[0]!.accept(inbound('gct_wrong', retried))).outcome, 'refused');
      const good = await issue();
      const now = await stores[0]!.accept(inbound(good.token, retried));
      assert.equal(now.outcome, 'accepted');
      assert.equal(now.connection.attempts, 2);
      // An accepted id asked again with another token is a conflict, not a second answer.
      const other = await issue();
      assert.equal((await stores[0]!.accept(inbound(other.token, retried))).outcome, 'conflict');
    });

    it('10 racing calls for one connection id (spread over replicas): one connection, every call answered with it', async () => {
      for (let round = 0; round < 3; round++) {
        const issued = await issue();
        const call = inbound(issued.token);
        const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => stores[i % stores.length]!.accept(call)));
        assert.deepEqual([...new Set(answers.map((a) => a.outcome))], ['accepted']);
        assert.equal(answers.filter((a) => a.outcome === 'accepted' && a.created).length, 1);
        assert.deepEqual([...new Set(answers.map((a) => a.connection.partnersConnectionId))], [issued.partnersConnectionId]);
        assert.equal(await rows(call.connectionId), 1);
      }
    });

    it('racing connections of one account (two tokens): one accepted, the other refused account_connected', async () => {
      for (let round = 0; round < 3; round++) {
        const shared = account();
        const tokens = await Promise.all(Array.from({ length: 4 }, () => issue(shared)));
        const answers = await Promise.all(tokens.map((x, i) => stores[i % stores.length]!.accept(inbound(x.token))));
        assert.equal(answers.filter((a) => a.outcome === 'accepted').length, 1);
        assert.deepEqual(answers.filter((a) => a.outcome !== 'accepted').map((a) => a.connection.refusal), ['account_connected', 'account_connected', 'account_connected']);
      }
    });

    it('pages newest first, filtered by status, client and account', async () => {
      const page = await stores[0]!.page({ enterpriseId: PARTNER, take: 'first', limit: 500 });
      assert.ok(page.length > 5);
      for (let i = 1; i < page.length; i++) assert.ok(page[i - 1]!.receivedAt >= page[i]!.receivedAt);
      const accepted = await stores[0]!.page({ enterpriseId: PARTNER, filter: { statuses: ['accepted'] }, take: 'first', limit: 500 });
      assert.ok(accepted.length > 0 && accepted.every((c) => c.status === 'accepted'));
      const one = accepted[0]!;
      const byAccount = await stores[0]!.page({ enterpriseId: PARTNER, filter: { partnersClientIds: [one.partnersClientId!] }, take: 'first', limit: 10 });
      assert.ok(byAccount.some((c) => c.connectionId === one.connectionId));
      assert.deepEqual(await stores[0]!.page({ enterpriseId: PARTNER, filter: { clientIds: [] }, take: 'first', limit: 10 }), []);
      const last = await stores[0]!.page({ enterpriseId: PARTNER, take: 'last', limit: 2 });
      assert.deepEqual(last.map((c) => c.connectionId), page.slice(-2).map((c) => c.connectionId));
    });
  });
}
