import type { Caller } from '../workflows/caller.js';
import type DataLoader from 'dataloader';
import type { AllocationLoaders } from '../workflows/reads/allocation.loader.js';
import type { BalanceMemo } from '../workflows/reads/balances.memo.js';
import type { ConnectionLoaders } from '../workflows/reads/connection.loader.js';
import type { SignedRequestEventView, SignedRequestRef } from '../workflows/reads/signed-request-reads.workflow.js';
import type { SupportedCurrencyLoaders } from '../workflows/reads/supported-currencies.loader.js';
import type { SettlementLoaders } from '../workflows/settle/settlement.loaders.js';
import type { Workflows } from '../workflows/workflows.js';

/** Bounds the BitGo list reads one request may cause (aliases in the text, entity batches from a router). */
export interface ListBudget {
  /** Counts one list read; throws when the request has used its budget. */
  spend(): void;
}

/**
 * Everything a resolver may use for one request. Built per request by the server's context factory; the
 * resolvers hold no per-request state of their own.
 */
export interface GatewayContext {
  caller: Caller;
  workflows: Workflows;
  /** Per-request DataLoaders: lookups by id in one tick become one BitGo call. */
  loaders: AllocationLoaders;
  connections: ConnectionLoaders;
  /** Per-request memo: one balances report per (enterprise, view). */
  balances: BalanceMemo;
  lists: ListBudget;
  /** Per-request DataLoader: every partner's supported currencies asked in one tick, one BitGo call. */
  currencies: SupportedCurrencyLoaders;
  /** Per-request DataLoaders of what settlements read further (transfers, connection, a connection's latest settlements). */
  settlements: SettlementLoaders;
  /**
   * A subscription keeps one context for its life: before each event its loaders, memo and budget start afresh,
   * so an event never answers from what an earlier one cached.
   */
  renew(): void;
  /** Per-request DataLoader: the `events` of one audit page in one journal read. */
  signedRequestEvents: DataLoader<SignedRequestRef, SignedRequestEventView[], string>;
}
