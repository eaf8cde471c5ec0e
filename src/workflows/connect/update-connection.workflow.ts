import { updateConnection } from '../../bitgo/connect.api.js';
import { getClientBalances, getClientConnection } from '../../bitgo/connections.api.js';
import { BitGoError } from '../../bitgo/errors.js';
import type { WireConnectionUpdate } from '../../bitgo/network.wire.js';
import type { WireConnection } from '../../bitgo/wire.types.js';
import { callOptions, requireEnterpriseId, requireToken, type Caller } from '../caller.js';
import { inputProblems } from '../input.rules.js';
import type { CurrencyBalance } from '../reads/balance-reads.workflow.js';
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
  /** Only a dry run answers one: the connection as it is now, and what deactivating it would release. */
  dryRun?: { connection: WireConnection; releases: CurrencyBalance[] } | null;
}

const UNKNOWN =
  'BitGo did not confirm the update in time, and the connection read back does not show it yet. Repeating this mutation is safe: ' +
  'it sets the same name and flag again, and changes nothing more.';

/**
 * updateConnection (PUT …/clients/connections/{id}): rename, deactivate or reactivate. BitGo does not sign it; it is
 * safe to repeat because its effect is absolute (this name, this flag). It is sent once: an unknown outcome is settled
 * by reading the connection back, and a repeat sends it again. A dry run says what deactivating releases: the amounts
 * held on the connection by records still in flight.
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
    const [connection, report] = await Promise.allSettled([
      getClientConnection(this.deps.client, enterpriseId, connectionId, callOptions(caller)),
      getClientBalances(this.deps.client, enterpriseId, { connectionIds: [connectionId] }, callOptions(caller)),
    ]);
    if (connection.status === 'rejected') return { connection: null, userErrors: [refusal(connection.reason, ['connectionId'])], dryRun: null };
    if (report.status === 'rejected') throw report.reason instanceof BitGoError ? upstreamError(report.reason) : report.reason;
    const current = connection.value.connection;
    const deactivates = current.active && update.active === false;
    const held = Object.entries(report.value.networkBalances?.[connectionId]?.balances ?? {})
      .filter(([, b]) => typeof b.held === 'string' && b.held !== '0' && /^[0-9]+$/.test(b.held))
      .map(([currency, b]) => ({ currency, available: b.available, held: b.held }));
    return { connection: null, userErrors: [], dryRun: { connection: scoped(current), releases: deactivates ? held : [] } };
  }
}

/** The connection as read shows what the update asked. */
function shows(connection: WireConnection, update: WireConnectionUpdate): boolean {
  return (update.name === undefined || connection.name === update.name) && (update.active === undefined || connection.active === update.active);
}
