import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LocalKeySigner } from '../../src/signing/local-key.signer.js';
import { SigningError, type Signer } from '../../src/signing/signer.js';
import { SigningService } from '../../src/signing/signing.service.js';
import { assertNoLeak, loadVectors } from './helpers.js';

const [v0, v1] = loadVectors() as [ReturnType<typeof loadVectors>[number], ReturnType<typeof loadVectors>[number]];

/** A signer that answers whatever the test says, to exercise the service's own checks. */
function fakeSigner(publicKeyHex: string | undefined, answer: (payload: string) => Promise<string>): Signer & { calls: number } {
  return {
    kind: 'express',
    publicKeyHex,
    calls: 0,
    async sign(payload: string) {
      this.calls += 1;
      return answer(payload);
    },
  };
}

async function rejectsWithCode(promise: Promise<unknown>, code: string): Promise<SigningError> {
  let caught: unknown;
  await assert.rejects(promise, (e: unknown) => ((caught = e), true));
  assert.ok(caught instanceof SigningError);
  assert.equal(caught.code, code);
  return caught;
}

describe('SigningService', () => {
  it('passes through good signatures', async () => {
    const service = new SigningService(new LocalKeySigner(v0.xprv));
    assert.equal(service.kind, 'local');
    assert.equal(service.publicKeyHex, v0.publicKeyHex);
    assert.equal(await service.sign(v0.payload), v0.signatureHex);
    assert.equal(await service.sign(v0.payload), v0.signatureHex);
  });

  it('makes zero signer calls for bad input', async () => {
    const inner = fakeSigner(v0.publicKeyHex, async () => v0.signatureHex);
    const service = new SigningService(inner, { maxPayloadBytes: 1000 });
    const bad: unknown[] = ['', undefined, null, 42, { payload: 'x' }, 'x\ud800', '\udc00x', 'x'.repeat(1001), 'é'.repeat(501)];
    for (const payload of bad) await rejectsWithCode(service.sign(payload as string), 'PAYLOAD_INVALID');
    assert.equal(inner.calls, 0);
    await service.sign(v0.payload);
    assert.equal(inner.calls, 1);
  });

  it('refuses a signature that does not verify with the signer\'s key', async () => {
    const wrong = new SigningService(fakeSigner(v0.publicKeyHex, async () => v1.signatureHex));
    const e = await rejectsWithCode(wrong.sign(v0.payload), 'SIGNATURE_INVALID');
    assertNoLeak(e, [v1.signatureHex, v0.payload]);
  });

  it('refuses a signature made over another payload', async () => {
    const other = new SigningService(fakeSigner(v0.publicKeyHex, async () => v0.signatureHex));
    await rejectsWithCode(other.sign(v0.payload + ' '), 'SIGNATURE_INVALID');
  });

  it('refuses malformed signatures even when no key is known', async () => {
    for (const answer of ['', v0.signatureHex.toUpperCase(), v0.signatureHex.slice(2), 42 as unknown as string]) {
      const service = new SigningService(fakeSigner(undefined, async () => answer));
      await rejectsWithCode(service.sign(v0.payload), 'SIGNATURE_INVALID');
    }
  });

  it('without a known key, returns a well-formed signature as is', async () => {
    const service = new SigningService(fakeSigner(undefined, async () => v0.signatureHex));
    assert.equal(await service.sign(v0.payload), v0.signatureHex);
  });

  it('hides foreign errors, which may carry secrets, behind SIGNER_UNAVAILABLE', async () => {
    const secret = 'hunter2-passphrase';
    const service = new SigningService(
      fakeSigner(v0.publicKeyHex, async (payload) => {
        throw new Error(`boom ${secret} ${payload}`, { cause: { body: { walletPassphrase: secret } } });
      }),
    );
    const e = await rejectsWithCode(service.sign(v0.payload), 'SIGNER_UNAVAILABLE');
    assertNoLeak(e, [secret, v0.payload]);
  });

  it('passes SigningErrors from the signer through unchanged', async () => {
    const original = new SigningError('SIGNER_REJECTED', 'no', 401);
    const service = new SigningService(fakeSigner(v0.publicKeyHex, async () => Promise.reject(original)));
    assert.equal(await service.sign(v0.payload).catch((e: unknown) => e), original);
  });

  it('serialises without reaching into the signer', () => {
    const service = new SigningService(new LocalKeySigner(v0.xprv));
    assert.deepEqual(JSON.parse(JSON.stringify(service)), { kind: 'local', publicKeyHex: v0.publicKeyHex });
  });
});
