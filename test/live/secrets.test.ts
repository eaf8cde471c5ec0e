import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { bytesToHex } from '@noble/hashes/utils.js';
import { HDKey } from '@scure/bip32';
import { CONNECTIONS, DEMO_CONNECTION_IDS } from '../../src/sandbox/index.js';
import { LocalKeySigner } from '../../src/signing/local-key.signer.js';
import type { Signer } from '../../src/signing/signer.js';
import { SigningService } from '../../src/signing/signing.service.js';
import { ALLOCATION_CHANGED, eventually, liveClient, waitForSubscriptions, type ChangeEvent, type LiveClient } from '../helpers/live.js';
import { allocate, UPDATE } from '../helpers/mutations.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { startStandInRouter, type StandInRouter } from '../helpers/standin-router.js';
import { RecordingSigner } from '../helpers/spies.js';

const nimbus = CONNECTIONS.find((c) => c.id === DEMO_CONNECTION_IDS.nimbusMain)!;

describe('live: no secret in any message to a subscriber, a router or the logs', () => {
  let stack: Stack;
  let router: StandInRouter;
  const recorders: RecordingSigner[] = [];
  const clients: LiveClient[] = [];
  const badToken = `wrong-${randomUUID()}`;

  before(async () => {
    router = await startStandInRouter();
    stack = await startStack({ listen: true, signers: null, env: { LOG_LEVEL: 'trace', SUBSCRIPTION_CALLBACK_ORIGIN: router.origin } });
    const { sandbox } = stack;
    const client = new RecordingSigner(new LocalKeySigner(sandbox.signingXprv));
    const partner = new RecordingSigner(new LocalKeySigner(sandbox.partnerSigningXprv));
    recorders.push(client, partner);
    stack.gateway.signers.set(sandbox.enterpriseId, new SigningService(client)).set(sandbox.partnerEnterpriseId, new SigningService(partner));
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await stack.close();
    await router.close();
  });

  it('runs the loop over both transports, with refusals, and finds no token, key, payload or signature in what was sent', async () => {
    const { sandbox } = stack;
    const key = `secret-${randomUUID()}`;
    const good = liveClient(stack.url, { authorization: `Bearer ${sandbox.token}` });
    const bad = liveClient(stack.url, { authorization: `Bearer ${badToken}` });
    const malformed = liveClient(stack.url, { authorization: `Token ${badToken}` });
    clients.push(good, bad, malformed);
    const sink = good.subscribe<ChangeEvent>(ALLOCATION_CHANGED, { clientExternalIds: [key] });
    const refused = bad.subscribe<ChangeEvent>(ALLOCATION_CHANGED, { clientExternalIds: [key] });
    malformed.subscribe<ChangeEvent>(ALLOCATION_CHANGED, { clientExternalIds: [key] });
    const callbackId = randomUUID();
    for (const [id, token] of [[callbackId, sandbox.token], [randomUUID(), badToken]] as const) {
      await fetch(stack.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: 'subscription ($k: [String!]) { allocationChanged(clientExternalIds: $k) { source previousStatus allocation { id status reason notes clientExternalId amount { quantity } } } }',
          variables: { k: [key] },
          extensions: { subscription: { callbackUrl: router.callbackUrl(id), subscriptionId: id, verifier: 'v', heartbeatIntervalMs: 60_000 } },
        }),
      });
    }
    await refused.ended();
    await waitForSubscriptions(stack.gateway, 2);

    const { payload } = await allocate(stack, { connectionId: nimbus.id, amount: { currency: 'ofctbtc', quantity: '3' }, clientExternalId: key, notes: 'a note' });
    const id = payload!.allocation!.id;
    await sink.nth(1);
    const res = await stack.gql(UPDATE, {
      input: {
        enterpriseId: sandbox.partnerEnterpriseId,
        allocationId: id,
        status: 'RELEASED',
        rejectReason: 'no thanks',
        amount: { currency: 'ofctbtc', quantity: '3' },
        clientId: sandbox.enterpriseId,
        connectionId: nimbus.id,
        partnersClientId: nimbus.partnersClientId,
        partnersConnectionId: nimbus.partnersConnectionId,
        partnersAllocationId: 's-1',
      },
    });
    assert.equal(res.errors, undefined);
    await sink.nth(2);
    await eventually(() => router.messages.filter((m) => m.id === callbackId && m.action === 'next').length === 2, 'both events at the router');
    assert.ok(recorders[0]!.signatures.length >= 1 && recorders[1]!.signatures.length >= 1, 'both keys signed');

    const keyHex = (xprv: string) => bytesToHex(HDKey.fromExtendedKey(xprv).privateKey!);
    const secrets: Array<[string, string]> = [
      ['service token', sandbox.token],
      ["caller's token", badToken],
      ['client xprv', sandbox.signingXprv],
      ['partner xprv', sandbox.partnerSigningXprv],
      ['client private key', keyHex(sandbox.signingXprv)],
      ['partner private key', keyHex(sandbox.partnerSigningXprv)],
      ...recorders.flatMap((r) => [...r.payloads, ...r.signatures].map((s): [string, string] => ['payload or signature', s])),
    ];
    const sent = {
      'WebSocket frames': clients.flatMap((c) => c.frames).join('\n'),
      'callback requests': router.messages.map((m) => m.raw).join('\n'),
      logs: stack.logs.join(''),
    };
    assert.ok(sent['WebSocket frames'].includes('RELEASED') && sent['callback requests'].includes('RELEASED'));
    for (const [where, text] of Object.entries(sent)) {
      for (const [name, secret] of secrets) assert.equal(text.includes(secret), false, `${name} found in ${where}`);
    }
  });
});
