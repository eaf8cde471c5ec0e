import { after, before, mock } from 'node:test';
import type { Signer } from '../../src/signing/signer.js';
import { SigningService } from '../../src/signing/signing.service.js';

/**
 * Counts signatures made by every SigningService while the current suite runs (a spy on the class, calling
 * through): tests assert that bad input makes none.
 */
export function spyOnSignatures(): { count(): number } {
  let spy: ReturnType<typeof mock.method> | undefined;
  before(() => {
    spy = mock.method(SigningService.prototype, 'sign');
  });
  after(() => spy?.mock.restore());
  return { count: () => spy?.mock.callCount() ?? 0 };
}

/** Wraps a signer and remembers every payload and signature, so a test knows what must never be logged or sent. */
export class RecordingSigner implements Signer {
  readonly payloads: string[] = [];
  readonly signatures: string[] = [];
  constructor(private readonly inner: Signer) {}
  get kind() {
    return this.inner.kind;
  }
  get publicKeyHex() {
    return this.inner.publicKeyHex;
  }
  async sign(payload: string): Promise<string> {
    const signature = await this.inner.sign(payload);
    this.payloads.push(payload);
    this.signatures.push(signature);
    return signature;
  }
}
