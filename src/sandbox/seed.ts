import type { AllocationRecord, AllocationStatus, AllocationType, PolicyResult } from './wire.types.js';
import type { Books } from './books.js';
import { SEEDED_CURRENCIES } from './currencies.js';
import { CONNECTIONS, DEMO_CLIENT_ENTERPRISE_ID, DEMO_PARTNER_USER_ID, DEMO_USER_ID, ENTERPRISES, OTHER_CLIENT_ENTERPRISE_ID, PENDING_CONNECTIONS, TOKENS } from './demo.js';
import { hold, transfer } from './funds.js';
import { sandboxKey } from './keys.js';
import { Prng } from './prng.js';
import { seedSettlements } from './settlement-seed.js';
import type { AnyConnection, Connection } from './types.js';

export const DEFAULT_SEED = 20260101;
export const DEFAULT_ALLOCATIONS = 600;

/** 10 million whole units of every seeded currency, so normal allocations succeed after the history is replayed. */
const FUNDING_UNITS = 10_000_000n;
/** The partners' own BitGo trading balances (shown in their balances report; client allocations do not touch them). */
const PARTNER_FUNDING_UNITS = 250_000n;
const START = Date.UTC(2026, 0, 1);
const END = Date.UTC(2026, 6, 1);

const USERS = [DEMO_USER_ID, '65f1c0de2b7a4e0012ab56ef', '65f1c0de2b7a4e0012ab7801'];
const NOTES = ['month-end rebalance', 'fund desk for Asia session', 'margin top-up', 'sweep back to custody', 'arb inventory', 'treasury transfer'];
const PARTNER_REJECTS = ['partner rejected: account frozen', 'partner rejected: limit exceeded'];

export interface SeedOptions {
  seed: number;
  /** Records of the demo client; the other client gets a sixth of that. */
  allocations: number;
}

/** Fills empty books with the demo cast and a deterministic history. */
export function seedBooks(books: Books, options: SeedOptions): void {
  for (const e of ENTERPRISES) {
    books.addEnterprise(e);
    books.registerPublicKey(e.id, sandboxKey(e.id).publicKeyHex);
  }
  for (const c of [...CONNECTIONS, ...PENDING_CONNECTIONS]) books.addConnection(c);
  for (const [token, grant] of Object.entries(TOKENS)) books.addToken(token, grant);
  const partners = new Set(CONNECTIONS.map((c) => c.partnerId));
  for (const partnerId of partners) {
    for (const [currency, decimals] of Object.entries(SEEDED_CURRENCIES)) {
      books.setBalance(partnerId, currency, { available: PARTNER_FUNDING_UNITS * 10n ** BigInt(decimals), held: 0n });
    }
  }
  const prng = new Prng(options.seed);
  seedClient(books, prng, DEMO_CLIENT_ENTERPRISE_ID, options.allocations);
  seedClient(books, prng, OTHER_CLIENT_ENTERPRISE_ID, Math.ceil(options.allocations / 6));
  // A PRNG of their own, after the allocation history: the settlements leave the allocation draws as they were.
  seedSettlements(books, new Prng(options.seed + 19));
}

function seedClient(books: Books, prng: Prng, clientId: string, count: number): void {
  for (const [currency, decimals] of Object.entries(SEEDED_CURRENCIES)) {
    books.setBalance(clientId, currency, { available: FUNDING_UNITS * 10n ** BigInt(decimals), held: 0n });
  }
  // Only initialized connections carry history; filtering keeps the PRNG's draws what they were before pending connections existed.
  const connections = books.connections(clientId).filter((c: AnyConnection): c is Connection => c.initialized);
  for (const at of timeline(prng, count)) {
    const record = makeRecord(books, prng, clientId, prng.pick(connections), at);
    books.insert({ wire: record, ownerId: clientId });
    if (record.status === 'cleared') transfer(books.ledger, record, clientId);
    else if (record.status === 'reserved') hold(books.ledger, record, clientId);
  }
}

/** Sorted creation times over the first half of 2026, with about one in twenty an exact tie with its predecessor. */
function timeline(prng: Prng, count: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push(prng.int(START, END - 1));
  times.sort((a, b) => a - b);
  for (let i = 1; i < times.length; i++) if (prng.chance(0.05)) times[i] = times[i - 1]!;
  return times;
}

function makeRecord(books: Books, prng: Prng, clientId: string, connection: Connection, at: number): AllocationRecord {
  const currency = prng.pick(Object.keys(SEEDED_CURRENCIES));
  const unit = 10n ** BigInt(SEEDED_CURRENCIES[currency]!);
  const allocated = books.connectionBalance(connection.id, currency).available;
  // A deallocation only ever takes back what the history has put there, so balances never go negative.
  const type: AllocationType = prng.chance(0.3) && allocated > 0n ? 'deallocation' : 'allocation';
  let quantity: bigint;
  if (type === 'deallocation') quantity = 1n + prng.bigBelow(allocated < 500n * unit ? allocated : 500n * unit);
  else if (prng.chance(0.1)) quantity = BigInt(prng.int(1, 5)) * unit; // round amounts: ties for the quantity sort
  else quantity = 1n + prng.bigBelow(1000n * unit);

  const policy = prng.chance(0.12) ? { evaluationId: prng.uuid(), policyResult: (prng.chance(0.8) ? 'approved' : 'rejected') as PolicyResult } : undefined;
  const outcome = policy?.policyResult === 'rejected' ? released('rejected by policy') : pickOutcome(prng, connection);
  const pendingApprovalId = outcome.reason === 'pending approval' ? prng.uuid() : undefined;
  const partnerExternalId = outcome.status !== 'reserved' && prng.chance(0.4) ? `${connection.partnersConnectionId}-tx-${prng.int(10000, 99999)}` : undefined;
  const notes = prng.chance(0.3) ? prng.pick(NOTES) : undefined;
  const updatedMs = outcome.status === 'reserved' ? at + prng.int(0, 5000) : at + prng.int(0, 3_600_000);
  return {
    id: prng.uuid(),
    amount: { currency, quantity: quantity.toString() },
    connectionId: connection.id,
    clientExternalId: prng.uuid(),
    ...(partnerExternalId === undefined ? {} : { partnerExternalId }),
    initiatedBy: connection.clientId === DEMO_CLIENT_ENTERPRISE_ID ? prng.pick(USERS) : DEMO_PARTNER_USER_ID,
    ...(notes === undefined ? {} : { notes }),
    createdAt: new Date(at).toISOString(),
    updatedAt: new Date(updatedMs).toISOString(),
    retriable: outcome.retriable,
    ...(policy === undefined ? {} : { evaluationId: policy.evaluationId }),
    ...(pendingApprovalId === undefined ? {} : { pendingApprovalId }),
    ...(policy === undefined ? {} : { policyResult: policy.policyResult }),
    reason: outcome.reason,
    status: outcome.status,
    type,
  };
}

interface Outcome {
  status: AllocationStatus;
  retriable: boolean;
  reason: string | null;
}

const released = (reason: string): Outcome => ({ status: 'released', retriable: false, reason });

function pickOutcome(prng: Prng, connection: Connection): Outcome {
  const r = prng.next();
  if (connection.async) {
    if (r < 0.55) return { status: 'cleared', retriable: false, reason: null };
    if (r < 0.75) return released(prng.pick(PARTNER_REJECTS));
    return { status: 'reserved', retriable: false, reason: 'awaiting partner confirmation' };
  }
  if (r < 0.8) return { status: 'cleared', retriable: false, reason: null };
  if (r < 0.92) return released('insufficient balance');
  if (r < 0.96) return { status: 'reserved', retriable: true, reason: 'partner call timed out; retry with the identical request' };
  return { status: 'reserved', retriable: false, reason: 'pending approval' };
}
