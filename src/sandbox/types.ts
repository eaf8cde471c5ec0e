import type { AllocationRecord, AllocationType, V1ConnectionOutput } from './wire.types.js';

/** The trust organisations BitGo deployments accept in `trustOrg` (README). */
export const TRUST_ORGS = [
  'BitGo Trust',
  'BitGo New York',
  'BitGo Germany',
  'BitGo Switzerland',
  'BitGo Europe ApS',
  'Frankfurt DE Trust',
  'BitGo Singapore',
  'BitGo Korea',
  'BitGo Custody MENA FZE',
  'BitGo India',
  'BitGo Sister Trust 1',
] as const;
export type TrustOrg = (typeof TRUST_ORGS)[number];

export type Scope = 'settlement_network_read' | 'settlement_network_write';
export type View = 'client' | 'partner';

export interface Enterprise {
  id: string;
  name: string;
  /** Without an OES licence every allocation route answers 403. */
  oesLicence: boolean;
}

/** A connection as the books keep it: the record BitGo answers, and what the sandbox knows beside it. */
interface ConnectionBase extends Omit<V1ConnectionOutput, 'partnersConnectionId' | 'partnersClientId' | 'initialized'> {
  /** Shown in the client's balances next to the connection. */
  partnerInstitutionIdentifier: string;
  /** The partner clears asynchronously: writes answer `reserved` until it calls PUT …/partners/allocations. */
  async: boolean;
  trustOrg: TrustOrg;
}

/** A connection the partner has initialized: it has the partner's own ids and can be allocated to. */
export interface Connection extends ConnectionBase {
  partnersConnectionId: string;
  partnersClientId: string;
  initialized: true;
}

/** Requested by the client, not yet initialized by the partner: no partner ids, nothing can be allocated. */
export interface PendingConnection extends ConnectionBase {
  partnersConnectionId: null;
  partnersClientId: null;
  initialized: false;
}

export type AnyConnection = Connection | PendingConnection;

export interface TokenGrant {
  enterprises: string[];
  scopes: Scope[];
  /** Shown as `initiatedBy` on records the token creates. */
  userId?: string;
}

/**
 * A record plus what the wire does not show: who owns it, and the exact
 * request that created it (to tell an identical re-send from a different one).
 */
export interface StoredRecord {
  wire: AllocationRecord;
  /** The client enterprise that owns the record. */
  ownerId: string;
  payload?: string;
  signature?: string;
}

export type RecordType = AllocationType;

export interface Balance {
  available: bigint;
  held: bigint;
}
