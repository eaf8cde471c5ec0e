import type { Caller } from '../caller.js';
import type { BalanceReads, BalancesReport, CurrencyBalance } from './balance-reads.workflow.js';
import { readScopeOf, type Scope } from './read-scope.js';

/**
 * Per-request memo of balances reports: `balances`, every `NetworkConnection.balances` and every
 * `ConnectionBalances` of one operation share one read per (enterprise, view). Built in the context factory.
 */
export class BalanceMemo {
  readonly #reports = new Map<string, Promise<BalancesReport>>();

  constructor(
    private readonly reads: BalanceReads,
    private readonly caller: Caller,
    /** Called once per report actually read (the request's upstream budget). */
    private readonly onRead: () => void = () => undefined,
  ) {}

  for(scope: Scope): Promise<BalancesReport> {
    const key = `${scope.view}:${scope.enterpriseId}`;
    let report = this.#reports.get(key);
    if (!report) {
      this.onRead();
      report = this.reads.report(this.caller, scope);
      this.#reports.set(key, report);
    }
    return report;
  }

  /** A connection's network balances, from the report of the scope it was read in (none when the report does not list it). */
  async ofConnection(connection: { id: string }): Promise<CurrencyBalance[]> {
    const report = await this.for(readScopeOf(connection) ?? this.reads.scopeOf({}));
    return report.byConnection.get(connection.id)?.balances ?? [];
  }
}
