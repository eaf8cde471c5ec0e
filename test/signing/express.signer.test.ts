import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { verifyMessage } from '../../src/signing/bitcoin-message.js';
import { ExpressSigner, type ExpressSignerOptions } from '../../src/signing/express.signer.js';
import { SigningError, type SigningErrorCode } from '../../src/signing/signer.js';
import { SigningService } from '../../src/signing/signing.service.js';
import { startExpressStandin, type ExpressStandin } from '../fixtures/express-standin.js';
import { assertNoLeak, loadVectors, unicodeStringArb } from './helpers.js';

const vectors = loadVectors();
const v0 = vectors[0]!;
const PASSPHRASE = 'correct horse battery staple ✓ 9f3a';
const TOKEN = 'v2xTESTTOKEN0123456789abcdef';
const PAYLOAD = JSON.stringify({
  amount: { currency: 'ofcusdt', quantity: '123456789012345678901234567890' },
  clientExternalId: 'ünïcode-ключ-🔑-SECRETPAYLOADMARKER',
  nonce: 'ab'.repeat(32),
  connectionId: '11111111-2222-4333-8444-555555555555',
});

let standin: ExpressStandin;

function signer(overrides: Partial<ExpressSignerOptions> = {}): ExpressSigner {
  return new ExpressSigner({
    expressUrl: standin.url,
    walletId: standin.walletId,
    walletPassphrase: PASSPHRASE,
    accessToken: TOKEN,
    timeoutMs: 2_000,
    ...overrides,
  });
}

async function rejectsWith(promise: Promise<unknown>, code: SigningErrorCode, extraSecrets: string[] = []): Promise<SigningError> {
  let caught: unknown;
  await assert.rejects(promise, (error: unknown) => {
    caught = error;
    return true;
  });
  assert.ok(caught instanceof SigningError, `not a SigningError: ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  assert.equal(caught.cause, undefined);
  const signatures = standin.calls.map((c) => c.signature).filter((s): s is string => s !== undefined);
  assertNoLeak(caught, [PASSPHRASE, TOKEN, 'SECRETPAYLOADMARKER', v0.payload, ...signatures, ...extraSecrets]);
  return caught;
}

before(async () => {
  standin = await startExpressStandin({ xprv: v0.xprv, passphrase: PASSPHRASE, accessToken: TOKEN });
});
after(async () => {
  await standin.close();
});
beforeEach(() => {
  standin.calls.length = 0;
  standin.fault = undefined;
});

describe('ExpressSigner against an Express stand-in', () => {
  it('gets exactly the local signature of our payload string', async () => {
    const s = signer({ publicKeyHex: v0.publicKeyHex });
    assert.equal(await s.sign(v0.payload), v0.signatureHex);
    assert.equal(standin.calls.length, 1);
  });

  it('sends the payload as a JSON object with wallet id, passphrase and bearer token', async () => {
    const s = signer();
    const signature = await s.sign(PAYLOAD);
    assert.ok(verifyMessage(v0.publicKeyHex, PAYLOAD, signature));
    const call = standin.calls[0]!;
    assert.deepEqual(call.payload, JSON.parse(PAYLOAD));
    assert.equal(call.walletId, standin.walletId);
    assert.equal(call.walletPassphrase, PASSPHRASE);
    assert.equal(call.authorization, `Bearer ${TOKEN}`);
  });

  it('omits the passphrase field when none is configured', async () => {
    const open = await startExpressStandin({ xprv: v0.xprv });
    try {
      const s = new ExpressSigner({ expressUrl: `${open.url}/`, walletId: open.walletId });
      assert.ok(verifyMessage(v0.publicKeyHex, PAYLOAD, await s.sign(PAYLOAD)));
      assert.ok(!('walletPassphrase' in (open.calls[0] as object)) || open.calls[0]!.walletPassphrase === undefined);
      assert.equal(open.calls[0]!.authorization, undefined);
    } finally {
      await open.close();
    }
  });

  it('learns the public key from the first answer', async () => {
    const s = signer();
    assert.equal(s.publicKeyHex, undefined);
    await s.sign(PAYLOAD);
    assert.equal(s.publicKeyHex, v0.publicKeyHex);
  });

  it('signs any JSON object payload exactly (unicode, nesting, big amounts)', async () => {
    const s = signer({ publicKeyHex: v0.xpub });
    await fc.assert(
      fc.asyncProperty(
        fc.object({
          key: unicodeStringArb({ maxLength: 12 }),
          values: [unicodeStringArb(), fc.boolean(), fc.constant(null), fc.integer(), fc.bigInt().map(String)],
        }),
        async (value) => {
          const payload = JSON.stringify(value);
          const signature = await s.sign(payload);
          assert.ok(verifyMessage(v0.publicKeyHex, payload, signature));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('works through SigningService, which re-verifies', async () => {
    const service = new SigningService(signer());
    const before = standin.calls.length;
    for (const v of vectors.slice(0, 1)) assert.equal(await service.sign(v.payload), v.signatureHex);
    assert.equal(standin.calls.length - before, 1);
    assert.equal(service.publicKeyHex, v0.publicKeyHex);
  });
});

describe('ExpressSigner refuses payloads Express would re-serialise, without calling it', () => {
  const refused: Array<[string, string]> = [
    ['integer-like keys reordered by JS', '{"nonce":"SECRETPAYLOADMARKER","1":"a"}'],
    ['whitespace', '{ "nonce": "SECRETPAYLOADMARKER" }'],
    ['number beyond double precision', '{"quantity":12345678901234567890,"n":"SECRETPAYLOADMARKER"}'],
    ['escaped non-ASCII', '{"n":"SECRETPAYLOADMARKER\\u00e9"}'],
    ['escaped slash', '{"n":"SECRETPAYLOADMARKER\\/"}'],
    ['duplicate keys', '{"n":"SECRETPAYLOADMARKER","n":"b"}'],
    ['trailing newline', '{"n":"SECRETPAYLOADMARKER"}\n'],
    ['a JSON string', '"SECRETPAYLOADMARKER"'],
    ['a JSON array', '["SECRETPAYLOADMARKER"]'],
    ['a JSON number', '42'],
    ['null', 'null'],
    ['not JSON', 'SECRETPAYLOADMARKER'],
    ['lone surrogate', '{"n":"SECRETPAYLOADMARKER\ud800"}'],
  ];
  for (const [name, payload] of refused) {
    it(name, async () => {
      await rejectsWith(signer().sign(payload), 'PAYLOAD_INVALID', [payload]);
      assert.equal(standin.calls.length, 0);
    });
  }

  it('through SigningService too: zero signer calls for bad input', async () => {
    const service = new SigningService(signer());
    await rejectsWith(service.sign('{"b":1,"1":2}'), 'PAYLOAD_INVALID');
    await rejectsWith(service.sign(''), 'PAYLOAD_INVALID');
    assert.equal(standin.calls.length, 0);
  });
});

describe('ExpressSigner failures become SigningError without secrets', () => {
  it('wrong passphrase → SIGNER_REJECTED (401)', async () => {
    const e = await rejectsWith(signer({ walletPassphrase: 'wrong passphrase 1234' }).sign(PAYLOAD), 'SIGNER_REJECTED', ['wrong passphrase 1234']);
    assert.equal(e.status, 401);
  });

  it('missing token → SIGNER_REJECTED (401)', async () => {
    const s = new ExpressSigner({ expressUrl: standin.url, walletId: standin.walletId, walletPassphrase: PASSPHRASE });
    assert.equal((await rejectsWith(s.sign(PAYLOAD), 'SIGNER_REJECTED')).status, 401);
  });

  it('unknown wallet → SIGNER_MISCONFIGURED (404)', async () => {
    assert.equal((await rejectsWith(signer({ walletId: 'nope' }).sign(PAYLOAD), 'SIGNER_MISCONFIGURED')).status, 404);
  });

  it('HTTP 500 whose body echoes the request → SIGNER_UNAVAILABLE, body not repeated', async () => {
    standin.fault = { kind: 'status', status: 500, body: JSON.stringify({ error: `failed ${PASSPHRASE} ${PAYLOAD}` }) };
    assert.equal((await rejectsWith(signer().sign(PAYLOAD), 'SIGNER_UNAVAILABLE')).status, 500);
  });

  it('HTTP 400 → SIGNER_REJECTED', async () => {
    standin.fault = { kind: 'status', status: 400, body: '{"error":"bad"}' };
    await rejectsWith(signer().sign(PAYLOAD), 'SIGNER_REJECTED');
  });

  it('an answer that is not JSON → SIGNER_UNAVAILABLE', async () => {
    standin.fault = { kind: 'not-json' };
    await rejectsWith(signer().sign(PAYLOAD), 'SIGNER_UNAVAILABLE');
  });

  it('no answer in time → SIGNER_UNAVAILABLE', async () => {
    standin.fault = { kind: 'hang' };
    const e = await rejectsWith(signer({ timeoutMs: 150 }).sign(PAYLOAD), 'SIGNER_UNAVAILABLE');
    assert.match(e.message, /in time/);
  });

  it('stand-in down → SIGNER_UNAVAILABLE', async () => {
    const down = await startExpressStandin({ xprv: v0.xprv });
    const url = down.url;
    await down.close();
    const s = new ExpressSigner({ expressUrl: url, walletId: down.walletId, walletPassphrase: PASSPHRASE, accessToken: TOKEN });
    const e = await rejectsWith(s.sign(PAYLOAD), 'SIGNER_UNAVAILABLE');
    assert.match(e.message, /could not be reached \(ECONNREFUSED\)/);
  });

  it('a signature by another key than the configured one → SIGNATURE_INVALID', async () => {
    standin.fault = { kind: 'wrong-key' };
    const e = await rejectsWith(signer({ publicKeyHex: v0.publicKeyHex }).sign(PAYLOAD), 'SIGNATURE_INVALID');
    assert.match(e.message, /other than the expected/);
  });

  it('a key change after the first answer → SIGNATURE_INVALID', async () => {
    const s = signer();
    await s.sign(PAYLOAD);
    standin.fault = { kind: 'wrong-key' };
    await rejectsWith(s.sign(PAYLOAD), 'SIGNATURE_INVALID');
    assert.equal(s.publicKeyHex, v0.publicKeyHex);
  });

  it('a bad first answer does not pin the key it happens to recover to', async () => {
    const s = signer();
    standin.fault = { kind: 'high-s', keepRecoveryId: true };
    await rejectsWith(s.sign(PAYLOAD), 'SIGNATURE_INVALID');
    assert.equal(s.publicKeyHex, undefined);
    standin.fault = undefined;
    assert.ok(verifyMessage(v0.publicKeyHex, PAYLOAD, await s.sign(PAYLOAD)));
    assert.equal(s.publicKeyHex, v0.publicKeyHex);
  });

  it('a different payload string signed → SIGNATURE_INVALID', async () => {
    standin.fault = { kind: 'other-payload' };
    await rejectsWith(signer().sign(PAYLOAD), 'SIGNATURE_INVALID');
  });

  it('a high-S signature → SIGNATURE_INVALID', async () => {
    standin.fault = { kind: 'high-s' };
    const e = await rejectsWith(signer({ publicKeyHex: v0.publicKeyHex }).sign(PAYLOAD), 'SIGNATURE_INVALID');
    assert.match(e.message, /low-S/);
  });

  it('an uncompressed-key header → SIGNATURE_INVALID', async () => {
    standin.fault = { kind: 'uncompressed-header' };
    await rejectsWith(signer().sign(PAYLOAD), 'SIGNATURE_INVALID');
  });
});

describe('ExpressSigner configuration and secrets', () => {
  it('refuses bad URLs, wallet ids and public keys', () => {
    const bad: Array<Partial<ExpressSignerOptions>> = [
      { expressUrl: 'not a url' },
      { expressUrl: 'ftp://localhost' },
      { expressUrl: 'http://user:hunter2@localhost:3080' },
      { expressUrl: 'http://localhost:3080/?x=1' },
      { walletId: ' ' },
      { publicKeyHex: '02' + '00'.repeat(32) },
      { publicKeyHex: v0.xprv },
    ];
    for (const options of bad) {
      assert.throws(
        () => signer(options),
        (e: unknown) => {
          assert.ok(e instanceof SigningError && e.code === 'SIGNER_MISCONFIGURED');
          assertNoLeak(e, ['hunter2', v0.xprv]);
          return true;
        },
      );
    }
  });

  it('accepts an xpub or hex public key and keeps a path prefix', async () => {
    assert.equal(signer({ publicKeyHex: v0.xpub }).publicKeyHex, v0.publicKeyHex);
    assert.equal(signer({ publicKeyHex: v0.publicKeyHex.toUpperCase() }).publicKeyHex, v0.publicKeyHex);
    const prefixed = signer({ expressUrl: `${standin.url}/proxy/` });
    await rejectsWith(prefixed.sign(PAYLOAD), 'SIGNER_MISCONFIGURED'); // the stand-in only serves the root path
  });

  it('JSON, inspect and String reveal neither passphrase nor token', () => {
    const s = signer();
    for (const text of [JSON.stringify(s), inspect(s, { showHidden: true, depth: 10 }), String(s), `${s}`, JSON.stringify({ ...s })]) {
      assert.ok(!text.includes(PASSPHRASE) && !text.includes(TOKEN), text);
    }
    assert.deepEqual(JSON.parse(JSON.stringify(s)), { kind: 'express', walletId: standin.walletId });
  });
});
