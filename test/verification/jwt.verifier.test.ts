import assert from 'node:assert/strict';
import { createHmac, createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { checkBitGoSignature } from '../../src/verification/bitgo-signature.check.js';
import { createJwtVerifier } from '../../src/verification/jwt.verifier.js';
import { parseRsaPublicKeys } from '../../src/verification/public-keys.js';
import { TokenRefusal, type JwtIdRegistry, type TokenRefusalReason } from '../../src/verification/webhook-token.js';

// Keys made here, for this run only: the vectors are generated, never stored.
const bitgo = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const bitgoPem = bitgo.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const NOW = Date.parse('2026-07-01T12:00:00.000Z');
const nowS = NOW / 1000;

const b64 = (value: unknown): string => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A compact JWS built by hand, so that any header (alg none, HS256, …) can be produced. */
function handToken(header: Record<string, unknown>, claims: Record<string, unknown>, sign: (input: string) => string): string {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${sign(input)}`;
}

const rs256 = (key: KeyObject) => (input: string) => createSign('RSA-SHA256').update(input).sign(key).toString('base64url');
const claims = (over: Record<string, unknown> = {}) => ({ iat: nowS, exp: nowS + 60, jti: randomUUID(), ...over });

function verifier(keys = [bitgo.publicKey]) {
  return createJwtVerifier({ keys, now: () => NOW });
}

async function refusal(token: string, keys?: KeyObject[]): Promise<TokenRefusalReason> {
  try {
    await verifier(keys).verify(token);
  } catch (error) {
    assert.ok(error instanceof TokenRefusal, String(error));
    assert.ok(!error.message.includes(token), 'the message never carries the token');
    return error.reason;
  }
  assert.fail('the token was accepted');
}

class SetRegistry implements JwtIdRegistry {
  readonly seen = new Set<string>();
  async accept(jti: string): Promise<boolean> {
    if (this.seen.has(jti)) return false;
    this.seen.add(jti);
    return true;
  }
  async release(jti: string): Promise<void> {
    this.seen.delete(jti);
  }
}

describe('BitGo webhook JWT verification', () => {
  it('round trip: a token from jose and one signed by hand with node:crypto both verify', async () => {
    const jti = randomUUID();
    const byJose = await new SignJWT({ jti }).setProtectedHeader({ alg: 'RS256', typ: 'JWT' }).setIssuedAt(nowS).setExpirationTime(nowS + 60).sign(bitgo.privateKey);
    assert.deepEqual(await verifier().verify(byJose), { jti, expiresAt: new Date((nowS + 60) * 1000) });
    const byHand = handToken({ alg: 'RS256', typ: 'JWT' }, claims({ jti: 'hand-1' }), rs256(bitgo.privateKey));
    assert.equal((await verifier().verify(byHand)).jti, 'hand-1');
  });

  it('refuses every attack with its reason', async () => {
    const pemSecret = Buffer.from(bitgoPem);
    const cases: Array<[string, string, TokenRefusalReason]> = [
      ['garbage', 'not a token', 'malformed_token'],
      ['two parts', 'abc.def', 'malformed_token'],
      ['undecodable parts', 'a.b.c', 'malformed_token'],
      ['alg none', handToken({ alg: 'none' }, claims(), () => ''), 'algorithm_refused'],
      ['alg none, capitalised', handToken({ alg: 'None' }, claims(), () => ''), 'algorithm_refused'],
      ['HS256 keyed with the public key', handToken({ alg: 'HS256' }, claims(), (i) => createHmac('sha256', pemSecret).update(i).digest('base64url')), 'algorithm_refused'],
      ['PS256 with BitGo\'s own key', handToken({ alg: 'PS256' }, claims(), (i) => createSign('RSA-SHA256').update(i).sign({ key: bitgo.privateKey, padding: 6 }).toString('base64url')), 'algorithm_refused'],
      ['RS256 with another key', handToken({ alg: 'RS256' }, claims(), rs256(other.privateKey)), 'bad_signature'],
      ['a claim changed after signing', (() => {
        const [h, , s] = handToken({ alg: 'RS256' }, claims({ jti: 'a' }), rs256(bitgo.privateKey)).split('.');
        return `${h}.${b64(claims({ jti: 'b' }))}.${s}`;
      })(), 'bad_signature'],
      ['expired', handToken({ alg: 'RS256' }, claims({ iat: nowS - 70, exp: nowS - 10 }), rs256(bitgo.privateKey)), 'expired'],
      ['lives 61 s', handToken({ alg: 'RS256' }, claims({ iat: nowS, exp: nowS + 61 }), rs256(bitgo.privateKey)), 'lifetime_too_long'],
      ['no iat, expires in 2 minutes', handToken({ alg: 'RS256' }, { exp: nowS + 120, jti: 'x' }, rs256(bitgo.privateKey)), 'lifetime_too_long'],
      ['back-dated iat, expires in 5 minutes', handToken({ alg: 'RS256' }, claims({ iat: nowS + 250, exp: nowS + 300 }), rs256(bitgo.privateKey)), 'not_yet_valid'],
      ['no jti', handToken({ alg: 'RS256' }, { iat: nowS, exp: nowS + 30 }, rs256(bitgo.privateKey)), 'missing_claim'],
      ['empty jti', handToken({ alg: 'RS256' }, claims({ jti: '' }), rs256(bitgo.privateKey)), 'missing_claim'],
      ['numeric jti', handToken({ alg: 'RS256' }, claims({ jti: 7 }), rs256(bitgo.privateKey)), 'missing_claim'],
      ['no exp', handToken({ alg: 'RS256' }, { iat: nowS, jti: 'x' }, rs256(bitgo.privateKey)), 'missing_claim'],
      ['exp as text', handToken({ alg: 'RS256' }, claims({ exp: String(nowS + 30) }), rs256(bitgo.privateKey)), 'malformed_token'],
      ['not yet valid (nbf)', handToken({ alg: 'RS256' }, claims({ nbf: nowS + 30 }), rs256(bitgo.privateKey)), 'not_yet_valid'],
      ['unknown critical header', handToken({ alg: 'RS256', crit: ['x-bitgo'], 'x-bitgo': 1 }, claims(), rs256(bitgo.privateKey)), 'malformed_token'],
    ];
    for (const [name, token, reason] of cases) assert.equal(await refusal(token), reason, name);
    assert.equal(await refusal('a'.repeat(9_000)), 'malformed_token', 'oversized');
  });

  it('tolerates 5 s of clock skew and no more', async () => {
    const at = (exp: number, iat = exp - 60) => handToken({ alg: 'RS256' }, claims({ iat, exp }), rs256(bitgo.privateKey));
    await verifier().verify(at(nowS - 4));
    assert.equal(await refusal(at(nowS - 6)), 'expired');
    await verifier().verify(at(nowS + 60 + 4, nowS + 4));
    assert.equal(await refusal(at(nowS + 60 + 6, nowS + 6)), 'not_yet_valid');
    await verifier().verify(handToken({ alg: 'RS256' }, { exp: nowS + 64, jti: 'no-iat' }, rs256(bitgo.privateKey)));
    assert.equal(await refusal(handToken({ alg: 'RS256' }, { exp: nowS + 66, jti: 'no-iat' }, rs256(bitgo.privateKey))), 'lifetime_too_long');
  });

  it('accepts exactly the tokens the rules allow (property over iat, exp and jti)', async () => {
    const v = verifier();
    await fc.assert(
      fc.asyncProperty(
        fc.option(fc.integer({ min: -120, max: 120 }), { nil: undefined }),
        fc.option(fc.integer({ min: -120, max: 180 }), { nil: undefined }),
        fc.option(fc.string({ minLength: 0, maxLength: 300 }), { nil: undefined }),
        async (iatOffset, expOffset, jti) => {
          const c: Record<string, unknown> = {};
          if (iatOffset !== undefined) c.iat = nowS + iatOffset;
          if (expOffset !== undefined) c.exp = nowS + expOffset;
          if (jti !== undefined) c.jti = jti;
          const valid =
            expOffset !== undefined &&
            expOffset > -5 && // jose: expired once exp ≤ now − skew
            expOffset <= 65 &&
            jti !== undefined && jti.length >= 1 && jti.length <= 256 &&
            (iatOffset === undefined || (iatOffset <= 5 && expOffset - iatOffset <= 60));
          const token = handToken({ alg: 'RS256' }, c, rs256(bitgo.privateKey));
          const outcome = await v.verify(token).then(() => true, (error: unknown) => (error instanceof TokenRefusal ? false : Promise.reject(error)));
          assert.equal(outcome, valid, JSON.stringify(c));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('several keys (a rotation): a token by any of them passes, by none of them fails', async () => {
    const third = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keys = parseRsaPublicKeys(`${bitgoPem}\n${other.publicKey.export({ type: 'spki', format: 'pem' })}`);
    assert.equal(keys.length, 2);
    await verifier(keys).verify(handToken({ alg: 'RS256' }, claims(), rs256(other.privateKey)));
    await verifier(keys).verify(handToken({ alg: 'RS256' }, claims(), rs256(bitgo.privateKey)));
    assert.equal(await refusal(handToken({ alg: 'RS256' }, claims(), rs256(third.privateKey)), keys), 'bad_signature');
  });

  it('public keys: RSA of 2048 bits or more only, and the text is never echoed', () => {
    const weak = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    assert.throws(() => parseRsaPublicKeys(weak), /at least 2048 bits/);
    assert.throws(() => parseRsaPublicKeys(ec), /RSA public key/);
    assert.throws(() => parseRsaPublicKeys('hello'), /no PEM public key/);
    assert.throws(() => parseRsaPublicKeys('-----BEGIN PUBLIC KEY-----\nnot base64\n-----END PUBLIC KEY-----'), (e: Error) => !e.message.includes('not base64'));
    assert.equal(parseRsaPublicKeys(bitgoPem)[0]?.asymmetricKeyDetails?.modulusLength, 2048);
  });

  it('checkBitGoSignature: header required and single, the id accepted once, nothing burnt by a refused token', async () => {
    const registry = new SetRegistry();
    const deps = { verifier: verifier(), jwtIds: registry };
    await assert.rejects(checkBitGoSignature(undefined, deps), (e: TokenRefusal) => e.reason === 'missing_signature');
    await assert.rejects(checkBitGoSignature('', deps), (e: TokenRefusal) => e.reason === 'missing_signature');
    const token = handToken({ alg: 'RS256' }, claims({ jti: 'once' }), rs256(bitgo.privateKey));
    await assert.rejects(checkBitGoSignature([token, token], deps), (e: TokenRefusal) => e.reason === 'malformed_token');
    const forged = handToken({ alg: 'RS256' }, claims({ jti: 'once' }), rs256(other.privateKey));
    await assert.rejects(checkBitGoSignature(forged, deps), (e: TokenRefusal) => e.reason === 'bad_signature');
    assert.equal(registry.seen.size, 0, 'a forged token takes no id');
    assert.equal((await checkBitGoSignature(token, deps)).jti, 'once');
    await assert.rejects(checkBitGoSignature(token, deps), (e: TokenRefusal) => e.reason === 'replayed');
  });
});
