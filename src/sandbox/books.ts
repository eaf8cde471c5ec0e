import type { AllocationRecord, AllocationType } from './wire.types.js';
import { Ledger } from './ledger.js';
import { compressedKeyHex } from './message-signature.js';
import type { AnyConnection, Balance, Enterprise, StoredRecord, TokenGrant, View } from './types.js';

/**
 * The sandbox's in-memory state. Routes and tests share it; getters hand out
 * copies so a test cannot corrupt the books by mutating what it read.
 */
export class Books {
  private readonly enterpriseById = new Map<string, Enterprise>();
  private readonly connectionById = new Map<string, AnyConnection>();
  private readonly recordById = new Map<string, StoredRecord>();
  /** Idempotency index: owner|type|clientExternalId → record. */
  private readonly byExternalId = new Map<string, StoredRecord>();
  private readonly tokens = new Map<string, TokenGrant>();
  private readonly keys = new Map<string, Set<string>>();
  /** The same keys in the compressed form signature recovery yields. */
  private readonly signers = new Map<string, Set<string>>();
  private readonly nonces = new Map<string, Set<string>>();
  /** Enterprise trading balances and connection (allocated) balances. */
  readonly ledger = new Ledger();

  // Enterprises and connections

  addEnterprise(enterprise: Enterprise): void {
    this.enterpriseById.set(enterprise.id, { ...enterprise });
  }

  enterprise(id: string): Enterprise | undefined {
    const e = this.enterpriseById.get(id);
    return e === undefined ? undefined : { ...e };
  }

  addConnection(connection: AnyConnection): void {
    this.connectionById.set(connection.id, { ...connection });
  }

  connection(id: string): AnyConnection | undefined {
    const c = this.connectionById.get(id);
    return c === undefined ? undefined : { ...c };
  }

  /** Connections where the enterprise is the client (default) or the partner. */
  connections(enterpriseId: string, view: View = 'client'): AnyConnection[] {
    const out: AnyConnection[] = [];
    for (const c of this.connectionById.values()) {
      if ((view === 'client' ? c.clientId : c.partnerId) === enterpriseId) out.push({ ...c });
    }
    return out;
  }

  setConnectionActive(connectionId: string, active: boolean): void {
    const c = this.connectionById.get(connectionId);
    if (c === undefined) throw new Error(`unknown connection ${connectionId}`);
    if (c.active !== active) c.updatedAt = new Date().toISOString();
    c.active = active;
  }

  // Records

  /** Every record the enterprise sees as client (default) or as partner, in insertion order. */
  allRecords(enterpriseId: string, view: View = 'client'): AllocationRecord[] {
    return this.visible(enterpriseId, view).map((r) => structuredClone(r.wire));
  }

  /** The stored records behind a view, not copied: for the routes. */
  visible(enterpriseId: string, view: View): StoredRecord[] {
    const out: StoredRecord[] = [];
    for (const r of this.recordById.values()) {
      if (view === 'client' ? r.ownerId === enterpriseId : this.connectionById.get(r.wire.connectionId)?.partnerId === enterpriseId) {
        out.push(r);
      }
    }
    return out;
  }

  /**
   * Replaces what the enterprise sees in a view with `records` (for property
   * tests). In the partner view the owner is taken from each record's
   * connection, which must therefore exist. Balances are left as they are.
   */
  replaceRecords(enterpriseId: string, records: readonly AllocationRecord[], view: View = 'client'): void {
    const owners = records.map((r) => {
      if (view === 'client') return enterpriseId;
      const c = this.connectionById.get(r.connectionId);
      if (c?.partnerId !== enterpriseId) throw new Error(`record ${r.id}: connection ${r.connectionId} is not a connection of partner ${enterpriseId}`);
      return c.clientId;
    });
    const ids = new Set(records.map((r) => r.id));
    if (ids.size !== records.length) throw new Error('replaceRecords: duplicate record ids');
    const replaced = this.visible(enterpriseId, view);
    const replacedIds = new Set(replaced.map((r) => r.wire.id));
    for (const r of records) {
      if (this.recordById.has(r.id) && !replacedIds.has(r.id)) throw new Error(`replaceRecords: id ${r.id} belongs to another enterprise`);
    }
    for (const r of replaced) this.remove(r);
    records.forEach((r, i) => this.insert({ wire: structuredClone(r), ownerId: owners[i]! }));
  }

  record(id: string): StoredRecord | undefined {
    return this.recordById.get(id);
  }

  findByClientExternalId(enterpriseId: string, type: AllocationType, clientExternalId: string): AllocationRecord | undefined {
    const r = this.storedByClientExternalId(enterpriseId, type, clientExternalId);
    return r === undefined ? undefined : structuredClone(r.wire);
  }

  storedByClientExternalId(enterpriseId: string, type: AllocationType, clientExternalId: string): StoredRecord | undefined {
    return this.byExternalId.get(externalKey(enterpriseId, type, clientExternalId));
  }

  insert(record: StoredRecord): void {
    this.recordById.set(record.wire.id, record);
    this.byExternalId.set(externalKey(record.ownerId, record.wire.type, record.wire.clientExternalId), record);
  }

  private remove(record: StoredRecord): void {
    this.recordById.delete(record.wire.id);
    const key = externalKey(record.ownerId, record.wire.type, record.wire.clientExternalId);
    if (this.byExternalId.get(key) === record) this.byExternalId.delete(key);
  }

  // Balances

  /** The enterprise's trading balance in `currency`. */
  balance(enterpriseId: string, currency: string): Balance {
    return this.ledger.get(enterpriseId, currency);
  }

  setBalance(enterpriseId: string, currency: string, balance: Partial<Balance>): void {
    this.ledger.set(enterpriseId, currency, balance);
  }

  /** What is allocated to the connection (available at the partner) and what is in flight back. */
  connectionBalance(connectionId: string, currency: string): Balance {
    return this.ledger.get(connectionId, currency);
  }

  setConnectionBalance(connectionId: string, currency: string, balance: Partial<Balance>): void {
    this.ledger.set(connectionId, currency, balance);
  }

  // Tokens, keys, nonces

  addToken(token: string, grant: TokenGrant): void {
    this.tokens.set(token, { ...grant, enterprises: [...grant.enterprises], scopes: [...grant.scopes] });
  }

  tokenGrant(token: string): TokenGrant | undefined {
    return this.tokens.get(token);
  }

  /** Adds a signing key (compressed or uncompressed hex); any registered key of the enterprise may sign. */
  registerPublicKey(enterpriseId: string, publicKeyHex: string): void {
    const compressed = compressedKeyHex(publicKeyHex);
    if (compressed === undefined) throw new Error(`not a secp256k1 public key: ${publicKeyHex}`);
    addTo(this.keys, enterpriseId, publicKeyHex.toLowerCase());
    addTo(this.signers, enterpriseId, compressed);
  }

  publicKeys(enterpriseId: string): string[] {
    return [...(this.keys.get(enterpriseId) ?? [])];
  }

  /** Whether a recovered signer (compressed hex) is one of the enterprise's keys. */
  isSigningKey(enterpriseId: string, compressedHex: string): boolean {
    return this.signers.get(enterpriseId)?.has(compressedHex) ?? false;
  }

  nonceSeen(enterpriseId: string, nonce: string): boolean {
    return this.nonces.get(enterpriseId)?.has(nonce) ?? false;
  }

  useNonce(enterpriseId: string, nonce: string): void {
    addTo(this.nonces, enterpriseId, nonce);
  }
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (set === undefined) {
    set = new Set();
    map.set(key, set);
  }
  set.add(value);
}

function externalKey(ownerId: string, type: string, clientExternalId: string): string {
  return `${ownerId}\u0000${type}\u0000${clientExternalId}`;
}
