import { BOTH_TYPES, listAllocations } from '../../bitgo/allocations.api.js';
import { updateConnection } from '../../bitgo/connect.api.js';
import { getClientConnection } from '../../bitgo/connections.api.js';
import { BitGoError } from '../../bitgo/errors.js';
import type { WireConnectionUpdate } from '../../bitgo/network.wire.js';
import type { WireAllocation, WireConnection } from '../../bitgo/wire.types.js';
import { callOptions, requireEnterpriseId, requireToken, type Caller } from '../caller.js';
import { inputProblems } from '../input.rules.js';
import { withScope } from '../reads/read-scope.js';
import { upstreamError } from '../upstream-refusal.js';
import { userError, UserErrorCode, type UserError } from '../user-error.js';
import { writeOptions, type WriteDeps } from '../writes/write.deps.js';
import { refusal } from '../writes/write-outcome.js';

export interface UpdateConnectionRequest {
  enterpriseId?: string | null;
  connectionId: string;
  name?: string | null;
  active?: boolean | null;
  dryRun?: boolean | null;
}

export interface UpdateConnectionResult {
  connection: WireConnection | null;
  userErrors: UserError[];
  /**
   * Only a dry run answers one: the connection as it is now, and what deactivating it would release (its records still
   * in flight, at most RELEASES_SHOWN; `moreReleases` when there are others).
   */
  dryRun?: { connection: WireConnection; releases: WireAllocation[]; moreReleases: boolean } | null;
}

/** Records in flight a dry run lists. */
const RELEASES_SHOWN = 100;

const UNKNOWN =
  'BitGo did not confirm the update in time, and the connection read back does not show it yet. Repeating this mutation is safe: ' +
  'it sets the same name and flag again, and changes nothing more.';

/**
 * updateConnection (PUT …/clients/connections/{id}): rename, deactivate or reactivate. BitGo does not sign it; it is
 * safe to repeat because its effect is absolute (this name, this flag). It is sent once: an unknown outcome is settled
 * by reading the connection back, and a repeat sends it again. A dry run says what deactivating releases: the
 * allocations and deallocations on the connection still in flight (reserved), whose held amounts go back.
 */
export class UpdateConnectionWorkflow {
  constructor(private readonly deps: WriteDeps) {}

  async run(caller: Caller, input: UpdateConnectionRequest): Promise<UpdateConnectionResult> {
    const failed = (userErrors: UserError[]): UpdateConnectionResult => ({ connection: null, userErrors, ...(input.dryRun ? { dryRun: null } : {}) });
    const problems = await inputProblems(input);
    if (problems.length > 0) return failed(problems);
    if (input.name == null && input.active == null) return failed([userError(UserErrorCode.INVALID_INPUT, 'Give name, active, or both: nothing to update', ['name'])]);
    requireToken(caller);
    const enterpriseId = requireEnterpriseId(input.enterpriseId, this.deps.defaultEnterpriseId).toLowerCase();
    const connectionId = input.connectionId.toLowerCase();
    const update: WireConnectionUpdate = { ...(input.name != null ? { name: input.name } : {}), ...(input.active != null ? { active: input.active } : {}) };
    const scoped = (c: WireConnection) => withScope([c], { enterpriseId, view: 'client' })[0]!;
    if (input.dryRun === true) return this.#dryRun(caller, enterpriseId, connectionId, update, scoped);
    let connection: WireConnection;
    try {
      ({ connection } = await updateConnection(this.deps.client, enterpriseId, connectionId, update, writeOptions(this.deps, caller)));
    } catch (error) {
      if (!(error instanceof BitGoError) || !error.outcomeUnknown) return failed([refusal(error, ['connectionId'])]);
      const read = await getClientConnection(this.deps.client, enterpriseId, connectionId, callOptions(caller)).catch(() => undefined);
      if (!read || !shows(read.connection, update)) {
        this.deps.logger.warn({ requestId: caller.requestId, connectionId, status: error.status, upstreamRequestId: error.requestId }, 'connection update outcome unknown');
        return failed([userError(UserErrorCode.OUTCOME_UNKNOWN, UNKNOWN, ['connectionId'])]);
      }
      connection = read.connection;
    }
    await this.deps.changes?.connectionAnswered({ enterpriseId, view: 'client', source: 'MUTATION', connection });
    this.deps.logger.info({ requestId: caller.requestId, connectionId, renamed: update.name !== undefined, active: connection.active }, 'connection updated');
    return { connection: scoped(connection), userErrors: [] };
  }

  async #dryRun(caller: Caller, enterpriseId: string, connectionId: string, update: WireConnectionUpdate, scoped: (c: WireConnection) => WireConnection): Promise<UpdateConnectionResult> {
    const inFlight = { connectionIds: [connectionId], statuses: ['reserved' as const], types: BOTH_TYPES, pageNumber: 0, pageSize: RELEASES_SHOWN + 1 };
    const [connection, reserved] = await Promise.allSettled([
      getClientConnection(this.deps.client, enterpriseId, connectionId, callOptions(caller)),
      listAllocations(this.deps.client, enterpriseId, 'client', inFlight, callOptions(caller)),
    ]);
    if (connection.status === 'rejected') return { connection: null, userErrors: [refusal(connection.reason, ['connectionId'])], dryRun: null };
    if (reserved.status === 'rejected') throw reserved.reason instanceof BitGoError ? upstreamError(reserved.reason) : reserved.reason;
    const current = connection.value.connection;
    const releases = current.active && update.active === false ? reserved.value.allocations : [];
    const scope = { enterpriseId, view: 'client' as const };
    return {
      connection: null,
      userErrors: [],
      dryRun: { connection: scoped(current), releases: withScope(releases.slice(0, RELEASES_SHOWN), scope), moreReleases: releases.length > RELEASES_SHOWN },
    };
  }
}

/** The connection as read shows what the update asked. */
function shows(connection: WireConnection, update: WireConnectionUpdate): boolean {
  return (update.name === undefined || connection.name === update.name) && (update.active === undefined || connection.active === update.active);
}
