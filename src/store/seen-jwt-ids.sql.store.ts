import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './database.type.js';
import { ACCEPT_JTI, DELETE_EXPIRED_JTIS, RELEASE_JTI } from './partner-ledger.sql.js';
import type { SeenJwtIdStore } from './partner-ledger.store.js';

/** Accepted JWT ids on Kysely (both engines): the primary key decides which of racing replicas accepts a jti. */
export class SqlSeenJwtIdStore implements SeenJwtIdStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async accept(jti: string, expiresAt: Date): Promise<boolean> {
    const { rows } = await this.#db.executeQuery(CompiledQuery.raw(ACCEPT_JTI, [jti, expiresAt.toISOString()]));
    return rows.length === 1;
  }

  async release(jti: string): Promise<void> {
    await this.#db.executeQuery(CompiledQuery.raw(RELEASE_JTI, [jti]));
  }

  async deleteExpired(graceMs: number): Promise<number> {
    const result = await this.#db.executeQuery(CompiledQuery.raw(DELETE_EXPIRED_JTIS, [graceMs]));
    return Number(result.numAffectedRows ?? 0n);
  }
}
