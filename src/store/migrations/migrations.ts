import type { Migration, MigrationProvider } from 'kysely';
import * as signedRequests from './0001-signed-requests.migration.js';
import * as sandboxBooks from './0002-sandbox-books.migration.js';
import * as partnerLedger from './0003-partner-ledger.migration.js';
import * as liveChanges from './0004-live-changes.migration.js';
import * as signedKinds from './0005-signed-kinds.migration.js';
import * as partnerConnections from './0006-partner-connections.migration.js';

/**
 * Every migration this build knows, by name; names sort in the order they apply. Forward only: a migration
 * has `up` and no `down`, and once released it is never edited (add the next one instead).
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = Object.freeze({
  '0001-signed-requests': signedRequests,
  '0002-sandbox-books': sandboxBooks,
  '0003-partner-ledger': partnerLedger,
  '0004-live-changes': liveChanges,
  '0005-signed-kinds': signedKinds,
  '0006-partner-connections': partnerConnections,
});

/** A static provider: no directory scan at run time, so the compiled build is all that is needed. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...MIGRATIONS }),
};
