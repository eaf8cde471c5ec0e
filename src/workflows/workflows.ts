import type { AllocationReads } from './reads/allocation-reads.workflow.js';
import type { BalanceReads } from './reads/balance-reads.workflow.js';
import type { ConnectionReads } from './reads/connection-reads.workflow.js';
import type { AllocateWorkflow } from './writes/allocate.workflow.js';
import type { PartnerUpdateWorkflow } from './writes/partner-update.workflow.js';

/** The application's entry points, built once at the composition root and shared by every request. */
export interface Workflows {
  allocations: AllocationReads;
  connections: ConnectionReads;
  balances: BalanceReads;
  allocate: AllocateWorkflow;
  partnerUpdate: PartnerUpdateWorkflow;
}
