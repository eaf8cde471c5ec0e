import DataLoader from 'dataloader';
import type { WireSettlement, WireSettlementTransfer } from '../../bitgo/settlement.wire.js';
import type { WireConnection } from '../../bitgo/wire.types.js';
import type { Caller } from '../caller.js';
import { readScopeOf, type Scope } from '../reads/read-scope.js';
import { ScopedLoaders } from '../reads/scoped.loader.js';
import type { SettlementReads } from './settlement-reads.workflow.js';

/** Most settlements one batched transfers call is asked for (the ids go in the query string). */
const MAX_SETTLEMENTS_PER_CALL = 50;
/** Most connections one batched "latest settlements" call is asked for. */
const MAX_CONNECTIONS_PER_CALL = 25;

/** Per-scope DataLoaders, made on first use. */
class PerScope<K, V> {
  readonly #loaders = new Map<string, DataLoader<K, V, string>>();
  constructor(private readonly make: (scope: Scope) => DataLoader<K, V, string>) {}
  for(scope: Scope): DataLoader<K, V, string> {
    const key = `${scope.view}:${scope.enterpriseId}`;
    let loader = this.#loaders.get(key);
    if (!loader) this.#loaders.set(key, (loader = this.make(scope)));
    return loader;
  }
}

/**
 * What settlement fields read further, batched per request (built in the context factory, never shared): settlements
 * by id, a page's transfers in one call, the connection each settlement moved, and each connection's latest
 * settlements in one call for every connection of the operation.
 */
export class SettlementLoaders {
  readonly byId: ScopedLoaders<WireSettlement>;
  readonly #transfers: PerScope<string, WireSettlementTransfer[]>;
  readonly #partnerConnections: PerScope<string, WireConnection[]>;
  readonly #latest = new Map<number, PerScope<WireConnection, WireSettlement[]>>();

  constructor(
    private readonly reads: SettlementReads,
    private readonly caller: Caller,
    /** Spends one list read of the request's budget per BitGo call. */
    private readonly spend: () => void,
  ) {
    this.byId = new ScopedLoaders((scope, ids) => reads.loadByIds(caller, scope, ids), 'settlements');
    this.#transfers = new PerScope(
      (scope) => new DataLoader((ids: readonly string[]) => (this.spend(), reads.transfersOf(caller, scope, ids)), { maxBatchSize: MAX_SETTLEMENTS_PER_CALL }),
    );
    this.#partnerConnections = new PerScope(
      (scope) => new DataLoader((ids: readonly string[]) => (this.spend(), reads.connectionsOfPartners(caller, scope, ids)), { maxBatchSize: MAX_SETTLEMENTS_PER_CALL }),
    );
  }

  #scope(record: object): Scope {
    return readScopeOf(record) ?? this.reads.scopeOf({}, 'client');
  }

  /** The client's transfers of a settlement (one call for every settlement of the tick). */
  transfersOf(settlement: WireSettlement): Promise<WireSettlementTransfer[]> {
    return this.#transfers.for(this.#scope(settlement)).load(settlement.id);
  }

  /** The client's connection a settlement moved: the one whose account its transfers name, else the only one to its partner. */
  async connectionOf(settlement: WireSettlement): Promise<WireConnection | null> {
    const [transfers, connections] = await Promise.all([this.transfersOf(settlement), this.#partnerConnections.for(this.#scope(settlement)).load(settlement.partnerId)]);
    const accounts = new Set(transfers.flatMap((t) => [t.sourceNetworkAccountId, t.destinationNetworkAccountId]));
    return connections.find((c) => accounts.has(c.networkAccountId)) ?? (connections.length === 1 ? connections[0]! : null);
  }

  /** A connection's latest settlements, newest first (one call for every connection of the tick asking the same limit). */
  latestFor(connection: WireConnection, limit: number): Promise<WireSettlement[]> {
    let perScope = this.#latest.get(limit);
    if (!perScope) {
      perScope = new PerScope(
        (scope) =>
          new DataLoader((connections: readonly WireConnection[]) => (this.spend(), this.reads.latestFor(this.caller, scope, connections, limit)), {
            maxBatchSize: MAX_CONNECTIONS_PER_CALL,
            cacheKeyFn: (c) => c.id,
          }),
      );
      this.#latest.set(limit, perScope);
    }
    return perScope.for(this.#scope(connection)).load(connection);
  }
}
