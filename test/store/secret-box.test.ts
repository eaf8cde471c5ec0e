import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { holdSecretBox, isSealed, openSealed, SecretBox, SecretBoxError } from '../../src/store/secret-box.js';
import { loadOrCreateSecretKey, SECRET_KEY_FILE } from '../../src/store/secret-key.file.js';

describe('the journal\'s secret box (AES-256-GCM)', () => {
  it('round-trips any text, never shows it, and binds it to its row', () => {
    const box = new SecretBox(randomBytes(32));
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ minLength: 1, maxLength: 80 }), (plain, context) => {
        const sealed = box.seal(plain, context);
        assert.ok(isSealed(sealed));
        if (plain.length >= 4) assert.ok(!sealed.includes(plain));
        assert.equal(box.open(sealed, context), plain);
        assert.throws(() => box.open(sealed, `${context}x`), SecretBoxError);
      }),
      { numRuns: 200 },
    );
    // A fresh IV each time: the same text seals differently.
    assert.notEqual(box.seal('same', 'row'), box.seal('same', 'row'));
  });

  it('refuses another key (naming both ids), an altered value and garbage, without echoing anything', () => {
    const a = new SecretBox(randomBytes(32));
    const b = new SecretBox(randomBytes(32));
    const sealed = a.seal('apiSecret-value', 'e/connect/k');
    assert.throws(() => b.open(sealed, 'e/connect/k'), (e: Error) => e instanceof SecretBoxError && e.message.includes(a.keyId) && e.message.includes(b.keyId) && !e.message.includes('apiSecret'));
    const bytes = Buffer.from(sealed.slice(sealed.lastIndexOf(':') + 1), 'base64url');
    bytes[20] = bytes[20]! ^ 1;
    assert.throws(() => a.open(`${sealed.slice(0, sealed.lastIndexOf(':') + 1)}${bytes.toString('base64url')}`, 'e/connect/k'), SecretBoxError);
    assert.throws(() => a.open('plain text', 'e/connect/k'), SecretBoxError);
    assert.throws(() => new SecretBox(randomBytes(16)), SecretBoxError);
  });

  it('keyed digests: equal for the same secret, different under another key', () => {
    const key = randomBytes(32);
    assert.equal(new SecretBox(key).digest('token'), new SecretBox(key).digest('token'));
    assert.notEqual(new SecretBox(key).digest('token'), new SecretBox(randomBytes(32)).digest('token'));
    assert.notEqual(new SecretBox(key).digest('token'), new SecretBox(key).digest('token2'));
  });

  it('the keyring opens a row with the box its key id names, and says which key it lacks', () => {
    const box = new SecretBox(randomBytes(32));
    const sealed = box.seal('x', 'c');
    assert.throws(() => openSealed(sealed, 'c'), /JOURNAL_SECRET_KEY/);
    holdSecretBox(box);
    assert.equal(openSealed(sealed, 'c'), 'x');
  });

  it('the embedded store\'s key: made once with mode 0600, read back the same; a loose file is tightened; a bad one refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'secret-key-'));
    try {
      const first = loadOrCreateSecretKey(dir);
      assert.equal(first.length, 32);
      const path = join(dir, SECRET_KEY_FILE);
      assert.equal(statSync(path).mode & 0o777, 0o600);
      assert.deepEqual(loadOrCreateSecretKey(dir), first);
      chmodSync(path, 0o644);
      loadOrCreateSecretKey(dir);
      assert.equal(statSync(path).mode & 0o777, 0o600);
      writeFileSync(path, 'short\n');
      assert.throws(() => loadOrCreateSecretKey(dir), /32-byte/);
      assert.ok(!readFileSync(path, 'utf8').includes(first.toString('base64')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
