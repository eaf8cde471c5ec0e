import type { AllocationRecord, AllocationType } from './wire.types.js';
import { entry, KINDS, pairKey, parsePair, restored, type EntryKind } from './books-entries.js';
import { Ledger } from './ledger.js';
import { compressedKeyHex } from './message-signature.js';
import { DEMO_PARTNERS, type DirectoryPartner } from './demo-partners.js';
import type { BooksEntry } from './persistence.js';
import { SettlementBooks } from './settlement-books.js';
import type { AnyConnection, Balance, Enterprise, StoredRecord, TokenGrant, View } from './types.js';

/**
 * The sandbox's in-memory state. Routes and tests share it; getters hand out
 * copies so a test cannot corrupt the books by mutating what it read. Every
 * change goes through a method here (records through `insert` and
 * `updateRecord`), so that, once `trackChanges()` is on, the books can say
 * what changed since they were last asked (`takeChanges`).
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
  readonly ledger = new Ledger((account, currency) => this.mark('balance', pairKey(account, currency)));
  /** Settlements, their transfers and disputes (settlement-books.ts), saved with the rest. */
  readonly settlements = new SettlementBooks((kind, key) => this.mark(kind, key));
  /** Items changed since `takeChanges` last ran, as `kind\u0000key`; undefined while changes are not tracked. */
  private dirty: Set<string> | undefined;
  /** The partner directory: fixed demo data, never saved, so books restored from a store get the same one. */
  private readonly partnerById = new Map<string, DirectoryPartner>(DEMO_PARTNERS.map((p) => [p.id, p]));

  // Enterprises and connections

  addEnterprise(enterprise: Enterprise): void {
    this.enterpriseById.set(enterprise.id, { ...enterprise });
    this.mark('enterprise', enterprise.id);
  }

  enterprise(id: string): Enterprise | undefined {
    const e = this.enterpriseById.get(id);
    return e === undefined ? undefined : { ...e };
  }

  addConnection(connection: AnyConnection): void {
    this.connectionById.set(connection.id, { ...connection });
    this.mark('connection', connection.id);
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
    this.mark('connection', connectionId);
  }

  /** Renames, (de)activates or initializes a connection; `updatedAt` moves only when something changed. */
  changeConnection(connectionId: string, patch: { name?: string; active?: boolean; partnersConnectionId?: string; partnersClientId?: string }): AnyConnection {
    const c = this.connectionById.get(connectionId);
    if (c === undefined) throw new Error(`unknown connection ${connectionId}`);
    const next = { ...c, ...patch, ...(patch.partnersConnectionId !== undefined ? { initialized: true } : {}) } as AnyConnection;
    if (JSON.stringify(next) !== JSON.stringify(c)) {
      next.updatedAt = new Date(Math.max(Date.now(), Date.parse(c.updatedAt) + 1)).toISOString();
      this.connectionById.set(connectionId, next);
      this.mark('connection', connectionId);
    }
    return { ...next };
  }

  // The partner directory

  partner(id: string): DirectoryPartner | undefined {
    return this.partnerById.get(id);
  }

  /** Every partner in the directory, in the order they were added. */
  partners(): DirectoryPartner[] {
    return [...this.partnerById.values()];
  }

  /** Adds (or replaces) a partner in the directory, for tests; not saved. */
  addPartner(partner: DirectoryPartner): void {
    this.partnerById.set(partner.id, { ...partner, currencies: [...partner.currencies] });
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
    this.mark('record', record.wire.id);
  }

  /** A record moves on (cleared, released, completed): its wire form is replaced, its identity kept. */
  updateRecord(record: StoredRecord, wire: AllocationRecord): void {
    record.wire = wire;
    this.mark('record', wire.id);
  }

  private remove(record: StoredRecord): void {
    this.recordById.delete(record.wire.id);
    const key = externalKey(record.ownerId, record.wire.type, record.wire.clientExternalId);
    if (this.byExternalId.get(key) === record) this.byExternalId.delete(key);
    this.mark('record', record.wire.id);
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
    this.mark('token', token);
  }

  /** BitGo revokes a token: every later call with it is 401. */
  revokeToken(token: string): void {
    this.tokens.delete(token);
    this.mark('token', token);
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
    this.mark('key', pairKey(enterpriseId, publicKeyHex.toLowerCase()));
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
    this.mark('nonce', pairKey(enterpriseId, nonce));
  }

  // Saving and restoring

  /** From now on, remember what changes, for `takeChanges`. */
  trackChanges(): void {
    this.dirty ??= new Set();
  }

  /** What changed since the last call, as it now stands (a removed item with `value: null`); forgets it. */
  takeChanges(): BooksEntry[] {
    if (this.dirty === undefined || this.dirty.size === 0) return [];
    const out: BooksEntry[] = [];
    for (const item of this.dirty) {
      const at = item.indexOf('\u0000');
      out.push(this.entryOf(item.slice(0, at) as EntryKind, item.slice(at + 1)));
    }
    this.dirty.clear();
    return out;
  }

  /** Everything, kind by kind in KINDS order, records in insertion order: what `restore` needs to rebuild the books. */
  snapshot(): BooksEntry[] {
    const out: BooksEntry[] = [];
    for (const e of this.enterpriseById.values()) out.push(entry.enterprise(e));
    for (const [enterpriseId, keys] of this.keys) for (const hex of keys) out.push(entry.key(enterpriseId, hex));
    for (const [token, grant] of this.tokens) out.push(entry.token(token, grant));
    for (const c of this.connectionById.values()) out.push(entry.connection(c));
    for (const [account, currency, b] of this.ledger.entries()) out.push(entry.balance(account, currency, b));
    for (const r of this.recordById.values()) out.push(entry.record(r));
    for (const [enterpriseId, nonces] of this.nonces) for (const nonce of nonces) out.push(entry.nonce(enterpriseId, nonce));
    for (const s of this.settlements.all()) out.push(entry.settlement(s));
    for (const d of this.settlements.disputes()) out.push(entry.dispute(d));
    return out;
  }

  /** Applies saved entries in order (records keep the order they come in); removed items are skipped. */
  restore(entries: readonly BooksEntry[]): void {
    for (const { kind, value } of entries) {
      if (value === null) continue;
      if (!(KINDS as readonly string[]).includes(kind)) throw new Error(`books: unknown kind of entry ${JSON.stringify(kind)}`);
      switch (kind as EntryKind) {
        case 'enterprise':
          this.addEnterprise(restored('enterprise', value));
          break;
        case 'key': {
          const k = restored('key', value);
          this.registerPublicKey(k.enterpriseId, k.publicKeyHex);
          break;
        }
        case 'token': {
          const t = restored('token', value);
          this.addToken(t.token, t.grant);
          break;
        }
        case 'connection':
          this.addConnection(restored('connection', value));
          break;
        case 'balance': {
          const b = restored('balance', value);
          this.ledger.set(b.account, b.currency, b.balance);
          break;
        }
        case 'record':
          this.insert(restored('record', value));
          break;
        case 'nonce': {
          const n = restored('nonce', value);
          this.useNonce(n.enterpriseId, n.nonce);
          break;
        }
        case 'settlement':
        case 'dispute':
          this.settlements.restore(kind as 'settlement' | 'dispute', restored(kind as 'settlement', value));
          break;
      }
    }
  }

  private mark(kind: EntryKind, key: string): void {
    this.dirty?.add(`${kind}\u0000${key}`);
  }

  /** One item as it now stands. */
  private entryOf(kind: EntryKind, key: string): BooksEntry {
    const gone: BooksEntry = { kind, key, value: null };
    switch (kind) {
      case 'enterprise': {
        const e = this.enterpriseById.get(key);
        return e ? entry.enterprise(e) : gone;
      }
      case 'connection': {
        const c = this.connectionById.get(key);
        return c ? entry.connection(c) : gone;
      }
      case 'record': {
        const r = this.recordById.get(key);
        return r ? entry.record(r) : gone;
      }
      case 'token': {
        const grant = this.tokens.get(key);
        return grant ? entry.token(key, grant) : gone;
      }
      case 'key': {
        const [enterpriseId, hex] = parsePair(key);
        return this.keys.get(enterpriseId)?.has(hex) ? entry.key(enterpriseId, hex) : gone;
      }
      case 'nonce': {
        const [enterpriseId, nonce] = parsePair(key);
        return this.nonceSeen(enterpriseId, nonce) ? entry.nonce(enterpriseId, nonce) : gone;
      }
      case 'balance': {
        const [account, currency] = parsePair(key);
        return entry.balance(account, currency, this.ledger.get(account, currency));
      }
      case 'settlement': {
        const s = this.settlements.get(key);
        return s ? entry.settlement(s) : gone;
      }
      case 'dispute': {
        const d = this.settlements.dispute(key);
        return d ? entry.dispute(d) : gone;
      }
    }
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
