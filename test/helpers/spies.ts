import { after, before, mock } from 'node:test';
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
