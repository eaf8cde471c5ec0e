import type { SigningService } from './signing.service.js';

/**
 * Which key signs for which enterprise. A deployment normally holds one
 * trading-account key; the embedded sandbox mode holds the demo client's and the
 * demo partner's, so both sides of a flow can be tried from one gateway.
 */
export class SignerRegistry {
  readonly #byEnterprise = new Map<string, SigningService>();

  constructor(private readonly fallback: SigningService | undefined) {}

  set(enterpriseId: string, service: SigningService): this {
    this.#byEnterprise.set(enterpriseId, service);
    return this;
  }

  for(enterpriseId: string): SigningService | undefined {
    return this.#byEnterprise.get(enterpriseId) ?? this.fallback;
  }
}
