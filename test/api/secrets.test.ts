import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { bytesToHex } from '@noble/hashes/utils.js';
import { HDKey } from '@scure/bip32';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { CONNECTIONS, DEMO_CONNECTION_IDS } from '../../src/sandbox/index.js';
import { ExpressSigner } from '../../src/signing/express.signer.js';
import { LocalKeySigner } from '../../src/signing/local-key.signer.js';
import type { Signer } from '../../src/signing/signer.js';
import type { SignerRegistry } from '../../src/signing/signer-registry.js';
import { SigningService } from '../../src/signing/signing.service.js';
import { startExpressStandin, type ExpressStandin } from '../fixtures/express-standin.js';
import { allocate, UPDATE } from '../helpers/mutations.js';
import { SIGNED_REQUESTS } from '../helpers/signed-requests.js';
import { startSqlStack } from '../helpers/sql-stack.js';
import type { Stack } from '../helpers/stack.js';
import { RecordingSigner } from '../helpers/spies.js';

/** A signer that fails with its secret in the error: the gateway must not pass that on. */
class LeakySigner implements Signer {
  readonly kind = 'local' as const;
  readonly publicKeyHex = undefined;
  constructor(private readonly secret: string) {}
  async sign(): Promise<string> {
    throw new Error(`cannot sign with ${this.secret}`);
  }
}

describe('secrets never reach logs or responses', () => {
  let stack: Stack;
  let standin: ExpressStandin;
  const recorders: RecordingSigner[] = [];
  const responses: string[] = [];
  /** The audit trail's answers: they show payloads (what was signed), and must show no signature. */
  const audit: string[] = [];
  const passphrase = `pass-${randomUUID()}`;
  const spans = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
  const badToken = `wrong-${randomUUID()}`;

  before(async () => {
    stack = await startSqlStack({ env: { LOG_LEVEL: 'trace', BITGO_WRITE_DEADLINE_MS: '1500' }, signers: null, gateway: { tracer: provider.getTracer('secrets') } });
    const { sandbox } = stack;
    standin = await startExpressStandin({ xprv: sandbox.signingXprv, passphrase: 'the-right-one' });
    const client = new RecordingSigner(new LocalKeySigner(sandbox.signingXprv));
    const partner = new RecordingSigner(new LocalKeySigner(sandbox.partnerSigningXprv));
    recorders.push(client, partner);
    stack.gateway.signers.set(sandbox.enterpriseId, new SigningService(client)).set(sandbox.partnerEnterpriseId, new SigningService(partner));
  });
  after(async () => {
    await stack.close();
    await standin.close();
    await provider.shutdown();
  });

  async function record<T>(p: Promise<T>): Promise<T> {
    const r = await p;
    responses.push(JSON.stringify(r));
    return r;
  }

  it('exercises every path: success, release, retries, unknown outcome, refusals, signer failures', async () => {
    const { sandbox } = stack;
    const helios = DEMO_CONNECTION_IDS.helios;
    const nimbus = CONNECTIONS.find((c) => c.id === DEMO_CONNECTION_IDS.nimbusMain)!;
    const amount = { currency: 'ofctbtc', quantity: '1000' };
    await record(allocate(stack, { connectionId: helios, amount, notes: 'hello' }));
    // A dry run answers its payload (never signed) and nothing else: no signature of any payload may appear.
    const preview = await record(
      stack.gql<{ allocate: { userErrors: unknown[]; dryRun: { payload: string } | null } }>(
        `mutation($input: AllocateInput!) { allocate(input: $input) { clientExternalId userErrors { code } dryRun { payload available availableAfter } } }`,
        { input: { connectionId: helios, amount, dryRun: true } },
      ),
    );
    assert.deepEqual(preview.data!.allocate.userErrors, []);
    assert.ok(preview.data!.allocate.dryRun?.payload);
    const reserved = await record(allocate(stack, { connectionId: nimbus.id, amount }));
    sandbox.books.setBalance(sandbox.enterpriseId, 'ofctsol', { available: 1n });
    await record(allocate(stack, { connectionId: helios, amount: { currency: 'ofctsol', quantity: '5' } }));
    sandbox.faults.add({ method: 'POST', path: /\/allocations$/, retriableReserved: true });
    await record(allocate(stack, { connectionId: helios, amount }));
    sandbox.faults.add({ method: 'POST', path: /\/allocations$/, dropAfterCommit: true, times: Infinity });
    await record(allocate(stack, { connectionId: helios, amount }));
    sandbox.faults.clear();
    sandbox.faults.add({ method: 'POST', path: /\/allocations$/, truncateAfterCommit: true });
    await record(allocate(stack, { connectionId: helios, amount }));
    sandbox.faults.add({ method: 'POST', path: /\/allocations$/, dropAfterCommit: true });
    sandbox.faults.add({ method: 'POST', path: /\/allocations$/, status: 401, body: { error: 'expired' } });
    await record(allocate(stack, { connectionId: helios, amount }));
    sandbox.faults.add({ method: 'POST', path: /\/signing$/, status: 200, body: { payload: '{"amount":1}' } });
    await record(allocate(stack, { connectionId: helios, amount }));
    await record(allocate(stack, { connectionId: helios, amount }, { authorization: `Bearer ${badToken}` }));
    await record(stack.gql('{ allocations(first: 1) { nodes { id } } }', undefined, { authorization: `Bearer ${badToken}` }));
    // Signers that fail: one throws with its key in the message, one is refused by Express (wrong passphrase).
    const signers: SignerRegistry = stack.gateway.signers;
    signers.set(sandbox.enterpriseId, new SigningService(new LeakySigner(sandbox.signingXprv)));
    await record(allocate(stack, { connectionId: helios, amount }));
    signers.set(sandbox.enterpriseId, new SigningService(new ExpressSigner({ expressUrl: standin.url, walletId: 'w1', walletPassphrase: passphrase })));
    await record(allocate(stack, { connectionId: helios, amount }));
    signers.set(sandbox.enterpriseId, new SigningService(recorders[0]!));
    await record(allocate(stack, { connectionId: helios, amount: { currency: 'ofctbtc', quantity: '-1' } }));
    const id = reserved.payload!.allocation!.id;
    const update = {
      enterpriseId: sandbox.partnerEnterpriseId,
      allocationId: id,
      amount,
      clientId: sandbox.enterpriseId,
      connectionId: nimbus.id,
      partnersClientId: nimbus.partnersClientId,
      partnersConnectionId: nimbus.partnersConnectionId,
      partnersAllocationId: 'p-1',
    };
    await record(stack.gql(UPDATE, { input: { ...update, status: 'CLEARED' } }));
    await record(stack.gql(UPDATE, { input: { ...update, status: 'RELEASED', rejectReason: 'late' } }));
    // The audit trail, every row with its events, as the service and as a caller with its own token.
    for (const headers of [undefined, { authorization: `Bearer ${sandbox.token}` }]) {
      for (const enterpriseId of [sandbox.enterpriseId, sandbox.partnerEnterpriseId]) {
        const res = await stack.gql(SIGNED_REQUESTS, { enterpriseId, first: 100 }, headers);
        assert.equal(res.errors, undefined, JSON.stringify(res.errors));
        audit.push(JSON.stringify(res));
      }
    }
    await record(stack.gql(SIGNED_REQUESTS, { first: 1 }, { authorization: `Bearer ${badToken}` }));
    assert.ok(recorders[0]!.signatures.length >= 5);
    assert.ok(recorders[1]!.signatures.length >= 2);
    assert.ok(standin.calls.length >= 1, 'the Express signer was asked');
  });

  it('finds no key, token, passphrase, payload or signature in anything logged, answered, measured or traced', async () => {
    const { sandbox } = stack;
    const logs = stack.logs.join('');
    assert.ok(logs.length > 1000, 'the gateway logged at trace level');
    const metrics = (await stack.gateway.app.inject({ method: 'GET', url: '/metrics' })).body;
    assert.match(metrics, /gateway_signed_writes_total\{kind="allocate",outcome="OUTCOME_UNKNOWN"\} [1-9]/);
    const finished = spans.getFinishedSpans();
    assert.ok(finished.length > 20, `${finished.length} spans`);
    const traced = JSON.stringify(finished.map((s) => ({ name: s.name, attributes: s.attributes, events: s.events, status: s.status, links: s.links, resource: s.resource.attributes })));
    const keyHex = (xprv: string) => bytesToHex(HDKey.fromExtendedKey(xprv).privateKey!);
    const secrets: Array<[string, string]> = [
      ['service token', sandbox.token],
      ["caller's token", badToken],
      ['client xprv', sandbox.signingXprv],
      ['partner xprv', sandbox.partnerSigningXprv],
      ['client private key', keyHex(sandbox.signingXprv)],
      ['partner private key', keyHex(sandbox.partnerSigningXprv)],
      ['wallet passphrase', passphrase],
      ...recorders.flatMap((r) => [
        ...r.signatures.map((s): [string, string] => ['signature', s]),
        ...r.payloads.map((p): [string, string] => ['payload', p]),
      ]),
    ];
    const answered = responses.join('\n');
    const audited = audit.join('\n');
    for (const [name, secret] of secrets) {
      assert.equal(logs.includes(secret), false, `${name} found in the logs`);
      assert.equal(answered.includes(secret), false, `${name} found in a GraphQL response`);
      assert.equal(metrics.includes(secret), false, `${name} found in the metrics`);
      assert.equal(traced.includes(secret), false, `${name} found in a span`);
      // The audit trail shows what was signed, by design; nothing else secret.
      if (name !== 'payload') assert.equal(audited.includes(secret), false, `${name} found in an audit trail answer`);
    }
    // Every signature the client's key made was journaled before it was sent: the trail has its digest.
    for (const signature of recorders[0]!.signatures) {
      assert.ok(audited.includes(createHash('sha256').update(signature).digest('hex')), 'the signature\'s SHA-256 is in the trail');
    }
    assert.ok(recorders[0]!.payloads.some((payload) => audited.includes(JSON.stringify(payload).slice(1, -1))), 'payloads are shown as signed');
  });
});
