import type { ConnectWorkflow } from './connect/connect.workflow.js';
import type { UpdateConnectionWorkflow } from './connect/update-connection.workflow.js';
import type { LiveSubscriptions } from './live/live-subscriptions.workflow.js';
import type { PartnerConnectionsWorkflow } from './partner/partner-connections.workflow.js';
import type { PartnerLedgerReads } from './partner/partner-ledger-reads.workflow.js';
import type { PartnerSettleWorkflow } from './partner/partner-settle.workflow.js';
import type { AllocationReads } from './reads/allocation-reads.workflow.js';
import type { BalanceReads } from './reads/balance-reads.workflow.js';
import type { ConnectionReads } from './reads/connection-reads.workflow.js';
import type { PartnerReads } from './reads/partner-reads.workflow.js';
import type { SignedRequestReads } from './reads/signed-request-reads.workflow.js';
import type { DisputeWorkflow } from './settle/dispute.workflow.js';
import type { SettleWorkflow } from './settle/settle.workflow.js';
import type { SettlementReads } from './settle/settlement-reads.workflow.js';
import type { AllocateWorkflow } from './writes/allocate.workflow.js';

/** The application's entry points, built once at the composition root and shared by every request. */
export interface Workflows {
  allocations: AllocationReads;
  connections: ConnectionReads;
  balances: BalanceReads;
  allocate: AllocateWorkflow;
  /** Live subscriptions (allocationChanged, partnerAllocationRequestChanged). */
  live: LiveSubscriptions;
  /** updateAllocation: the partner update, with the fields the partner ledger holds filled in. */
  partnerSettle: PartnerSettleWorkflow;
  /** The partner ledger's reads; undefined when the gateway keeps no ledger (it does not receive BitGo's partner calls). */
  partnerLedger: PartnerLedgerReads | undefined;
  /** The audit trail: the journal of signed requests, read. */
  signedRequests: SignedRequestReads;
  /** The partner directory and what each partner accepts. */
  partners: PartnerReads;
  /** connect (signed, journaled) and updateConnection (rename, deactivate). */
  connect: ConnectWorkflow;
  updateConnection: UpdateConnectionWorkflow;
  /** The partner's connections: tokens it issues, BitGo's connection calls; undefined without a store. */
  partnerConnections: PartnerConnectionsWorkflow | undefined;
  /** Settlements, their transfers and disputes (both sides). */
  settlements: SettlementReads;
  /** The partner's signed settlement (v1 or v2). */
  settle: SettleWorkflow;
  /** The client's signed disputes: dispute, retract or un-retract, close. */
  disputes: DisputeWorkflow;
}
