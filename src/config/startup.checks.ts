import type { Config } from './config.js';

export interface StartupFacts {
  /** A signer is configured (SIGNING_XPRV(_FILE) or SIGNER=express). */
  signer: boolean;
  /** The embedded sandbox is the upstream: it brings its own token, enterprise and keys. */
  embeddedSandbox: boolean;
}

/**
 * What the operator should hear at start-up about a configuration that starts but will refuse work: no
 * service token, no default enterprise, no signer, or the service token open to every caller in production.
 * What can never work is refused by the configuration itself (exit 2), not warned about.
 */
export function startupWarnings(config: Config, facts: StartupFacts): string[] {
  const warnings: string[] = [];
  if (config.databaseUrl && !config.journalSecretKey) {
    warnings.push('JOURNAL_SECRET_KEY is not set: connect answers SIGNER_UNAVAILABLE (its journal row keeps the connection key\'s secrets sealed under that key; set the same one on every replica)');
  }
  if (facts.embeddedSandbox) return warnings;
  if (!config.accessToken) {
    warnings.push(
      'BITGO_ACCESS_TOKEN is not set: every caller must send `Authorization: Bearer <BitGo access token>` (UNAUTHENTICATED otherwise), ' +
        'and the reconciler re-sends no unsettled signed request (each settles when its caller repeats the mutation, or is abandoned)',
    );
  }
  if (!config.enterpriseId) warnings.push('BITGO_ENTERPRISE_ID is not set: every operation must pass `enterpriseId` (BAD_USER_INPUT otherwise)');
  if (!facts.signer) {
    warnings.push('No signer is configured (SIGNING_XPRV(_FILE) or SIGNER=express): allocate, deallocate and updateAllocation answer SIGNER_UNAVAILABLE');
  }
  if (config.production && config.operations.allowServiceToken && config.accessToken) {
    warnings.push('ALLOW_SERVICE_TOKEN=true: requests without Authorization act with BITGO_ACCESS_TOKEN and the gateway\'s signing key; expose the gateway only behind your own authentication');
  }
  return warnings;
}
