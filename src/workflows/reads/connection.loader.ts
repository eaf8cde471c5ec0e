import type { WireConnection } from '../../bitgo/wire.types.js';
import type { Caller } from '../caller.js';
import type { ConnectionReads } from './connection-reads.workflow.js';
import { readScopeOf } from './read-scope.js';
import { ScopedLoaders } from './scoped.loader.js';

/**
 * `networkConnection(id)`, `Allocation.connection`, `ConnectionBalances.connection` and NetworkConnection
 * entity references: one `connectionIds` list call per tick and scope.
 */
export class ConnectionLoaders extends ScopedLoaders<WireConnection> {
  constructor(
    private readonly reads: ConnectionReads,
    caller: Caller,
  ) {
    super((scope, ids) => reads.loadByIds(caller, scope, ids), 'connections');
  }

  /** The connection a record names, looked up in the scope the record was read in (the gateway's default when untagged). */
  loadFor(record: object, connectionId: string): Promise<WireConnection | null> {
    return this.for(readScopeOf(record) ?? this.reads.scopeOf({})).load(connectionId.toLowerCase());
  }
}
