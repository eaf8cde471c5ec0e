import type { WireAllocation, WireAllocationType } from '../bitgo/wire.types.js';

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

export interface Connection {
  id: string;
  name: string;
  /** The client enterprise id. */
  clientId: string;
  /** The partner enterprise id. */
  partnerId: string;
  partnersConnectionId: string;
  partnersClientId: string;
  active: boolean;
  /** The partner clears asynchronously: writes answer `reserved` until it calls PUT …/partners/allocations. */
  async: boolean;
  trustOrg: TrustOrg;
}

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
  wire: WireAllocation;
  /** The client enterprise that owns the record. */
  ownerId: string;
  payload?: string;
  signature?: string;
}

export type RecordType = WireAllocationType;

export interface Balance {
  available: bigint;
  held: bigint;
}
