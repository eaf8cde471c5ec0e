import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Connection, Enterprise, PendingConnection, TokenGrant } from './types.js';

/**
 * The fixed cast of the sandbox: ids do not depend on the seed so that docs,
 * tests and the playground can name them. Enterprise ids are UUIDs because
 * the allocation APIs use the client enterprise id as `clientId` (typed uuid).
 * The tokens are sandbox-only and not secrets.
 */
export const SANDBOX_TOKEN = 'v2x-sandbox-demo-token-read-write';
export const SANDBOX_READONLY_TOKEN = 'v2x-sandbox-demo-token-read-only';

export const DEMO_CLIENT_ENTERPRISE_ID = '3f1c9a52-7d4e-4b8a-9e21-5a0c7e3b9d11';
/** Nimbus Exchange: the asynchronous partner. */
export const DEMO_PARTNER_ENTERPRISE_ID = '8b2e4d10-5c6f-4a3b-8d9e-1f2a3b4c5d6e';
export const HELIOS_PARTNER_ID = 'c4a7e2f9-0b1d-4e3c-a5f6-7d8e9f0a1b2c';
export const QUANTA_PARTNER_ID = '5e6f7a8b-9c0d-4e1f-b2a3-c4d5e6f7a8b9';
export const ORBIT_PARTNER_ID = 'd1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f5a';
/** A second client of Nimbus, so the partner view spans clients; the demo token cannot see it. */
export const OTHER_CLIENT_ENTERPRISE_ID = '2a3b4c5d-6e7f-4a8b-9c0d-e1f2a3b4c5d6';
/** Visible to the demo token but without an OES licence: 403. */
export const NO_LICENCE_ENTERPRISE_ID = '7f8e9d0c-1b2a-4c3d-8e4f-5a6b7c8d9e0f';

export const DEMO_USER_ID = '65f1c0de2b7a4e0012ab34cd';
export const DEMO_PARTNER_USER_ID = '65f1c0de2b7a4e0012ab99ef';

export const DEMO_CONNECTION_IDS = {
  nimbusMain: '0c6d1e8a-2b3f-4c5d-9e6f-7a8b9c0d1e2f',
  nimbusSecondary: '1d7e2f9b-3c4a-4d6e-8f7a-8b9c0d1e2f3a',
  helios: '2e8f3a0c-4d5b-4e7f-9a8b-9c0d1e2f3a4b',
  quanta: '3f9a4b1d-5e6c-4f8a-8b9c-0d1e2f3a4b5c',
  orbit: '4a0b5c2e-6f7d-4a9b-9c0d-1e2f3a4b5c6d',
  heliosLegacyInactive: '5b1c6d3f-7a8e-4b0c-8d1e-2f3a4b5c6d7e',
} as const;

export const OTHER_CONNECTION_IDS = {
  beaconNimbus: '6c2d7e4a-8b9f-4c1d-9e2f-3a4b5c6d7e8f',
  beaconQuanta: '7d3e8f5b-9c0a-4d2e-8f3a-4b5c6d7e8f9a',
} as const;

export const ENTERPRISES: readonly Enterprise[] = [
  { id: DEMO_CLIENT_ENTERPRISE_ID, name: 'Demo Client Fund', oesLicence: true },
  { id: DEMO_PARTNER_ENTERPRISE_ID, name: 'Nimbus Exchange', oesLicence: true },
  { id: HELIOS_PARTNER_ID, name: 'Helios Markets', oesLicence: true },
  { id: QUANTA_PARTNER_ID, name: 'Quanta Prime', oesLicence: true },
  { id: ORBIT_PARTNER_ID, name: 'Orbit OTC', oesLicence: true },
  { id: OTHER_CLIENT_ENTERPRISE_ID, name: 'Beacon Capital', oesLicence: true },
  { id: NO_LICENCE_ENTERPRISE_ID, name: 'Unlicensed Holdings', oesLicence: false },
];

/** Requested by the demo client, not yet initialized by Orbit: partner ids are null and nothing can be allocated to it. */
export const DEMO_PENDING_CONNECTION_ID = '8e4f9a6c-0d1b-4e3f-9a4b-5c6d7e8f9a0b';

const D = DEMO_CLIENT_ENTERPRISE_ID;
const O = OTHER_CLIENT_ENTERPRISE_ID;
const C = DEMO_CONNECTION_IDS;

/** Not secrets: stand-ins for what the client signed when it connected, derived from the id so they never change. */
function signedAtConnect(id: string): { proof: string; nonce: string } {
  const hash = (label: string): string => bytesToHex(sha256(utf8ToBytes(`bitgo-sandbox/connection-${label}/${id}`)));
  return { proof: hash('proof'), nonce: hash('nonce') };
}

type DemoConnection = Omit<Connection, 'proof' | 'nonce' | 'initialized'>;

const initialized = (c: DemoConnection): Connection => ({ ...c, ...signedAtConnect(c.id), initialized: true });

const NIMBUS = { partnerId: DEMO_PARTNER_ENTERPRISE_ID, partnerInstitutionIdentifier: 'NIMBUS-EXCHANGE', async: true } as const;
const HELIOS = { partnerId: HELIOS_PARTNER_ID, partnerInstitutionIdentifier: 'HELIOS-MARKETS', async: false } as const;
const QUANTA = { partnerId: QUANTA_PARTNER_ID, partnerInstitutionIdentifier: 'QUANTA-PRIME', async: false } as const;
const ORBIT = { partnerId: ORBIT_PARTNER_ID, partnerInstitutionIdentifier: 'ORBIT-OTC', async: false } as const;

/**
 * Every connection its partner has initialized, all created before the seeded history (2026). The
 * order is the seed's (the history draws connections from it), not creation order: the routes sort.
 */
export const CONNECTIONS: readonly Connection[] = [
  initialized({
    id: C.nimbusMain, name: 'Nimbus main', clientId: D, ...NIMBUS,
    networkAccountId: 'a1f0c3d2-4b5e-4f6a-8b7c-9d0e1f2a3b01', createdAt: '2025-03-04T09:15:00.000Z', updatedAt: '2025-03-04T09:15:00.000Z',
    partnersConnectionId: 'nimbus-conn-1001', partnersClientId: 'nimbus-acct-501', active: true, trustOrg: 'BitGo Trust',
  }),
  initialized({
    id: C.nimbusSecondary, name: 'Nimbus desk 2', clientId: D, ...NIMBUS,
    networkAccountId: 'a1f0c3d2-4b5e-4f6a-8b7c-9d0e1f2a3b02', createdAt: '2025-05-19T14:02:31.000Z', updatedAt: '2025-06-02T08:40:12.000Z',
    partnersConnectionId: 'nimbus-conn-1002', partnersClientId: 'nimbus-acct-501', active: true, trustOrg: 'BitGo New York',
  }),
  initialized({
    id: C.helios, name: 'Helios spot', clientId: D, ...HELIOS,
    networkAccountId: 'a1f0c3d2-4b5e-4f6a-8b7c-9d0e1f2a3b03', createdAt: '2025-06-11T11:30:00.000Z', updatedAt: '2025-06-11T11:30:00.000Z',
    partnersConnectionId: 'hel-7731', partnersClientId: 'hel-client-88', active: true, trustOrg: 'BitGo Trust',
  }),
  initialized({
    id: C.quanta, name: 'Quanta prime brokerage', clientId: D, ...QUANTA,
    networkAccountId: 'a1f0c3d2-4b5e-4f6a-8b7c-9d0e1f2a3b04', createdAt: '2025-07-23T16:45:09.000Z', updatedAt: '2025-07-24T10:00:00.000Z',
    evaluationId: '9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f', policyResult: 'approved',
    partnersConnectionId: 'qp-c-19', partnersClientId: 'qp-a-4410', active: true, trustOrg: 'BitGo Germany',
  }),
  initialized({
    id: C.orbit, name: 'Orbit OTC', clientId: D, ...ORBIT,
    networkAccountId: 'a1f0c3d2-4b5e-4f6a-8b7c-9d0e1f2a3b05', createdAt: '2025-09-01T07:00:00.000Z', updatedAt: '2025-09-01T07:00:00.000Z',
    partnersConnectionId: 'orbit-55', partnersClientId: 'orbit-user-12', active: true, trustOrg: 'BitGo Trust',
  }),
  initialized({
    id: C.heliosLegacyInactive, name: 'Helios legacy (closed)', clientId: D, ...HELIOS,
    networkAccountId: 'a1f0c3d2-4b5e-4f6a-8b7c-9d0e1f2a3b06', createdAt: '2024-11-20T13:20:00.000Z', updatedAt: '2025-12-15T17:05:44.000Z',
    partnersConnectionId: 'hel-1002', partnersClientId: 'hel-client-88', active: false, trustOrg: 'BitGo New York',
  }),
  initialized({
    id: OTHER_CONNECTION_IDS.beaconNimbus, name: 'Beacon at Nimbus', clientId: O, ...NIMBUS,
    networkAccountId: 'b2e1d4c3-5a6f-4e7b-9c8d-0e1f2a3b4c01', createdAt: '2025-04-08T10:10:10.000Z', updatedAt: '2025-04-08T10:10:10.000Z',
    partnersConnectionId: 'nimbus-conn-2001', partnersClientId: 'nimbus-acct-777', active: true, trustOrg: 'BitGo Switzerland',
  }),
  initialized({
    id: OTHER_CONNECTION_IDS.beaconQuanta, name: 'Beacon at Quanta', clientId: O, ...QUANTA,
    networkAccountId: 'b2e1d4c3-5a6f-4e7b-9c8d-0e1f2a3b4c02', createdAt: '2025-08-14T12:00:00.000Z', updatedAt: '2025-08-14T12:00:00.000Z',
    partnersConnectionId: 'qp-c-31', partnersClientId: 'qp-a-5120', active: true, trustOrg: 'BitGo Switzerland',
  }),
];

/** Connections still waiting for the partner: seeded after CONNECTIONS, never part of the seeded history. */
export const PENDING_CONNECTIONS: readonly PendingConnection[] = [
  {
    id: DEMO_PENDING_CONNECTION_ID, name: 'Orbit OTC desk 2 (awaiting Orbit)', clientId: D, ...ORBIT,
    networkAccountId: 'a1f0c3d2-4b5e-4f6a-8b7c-9d0e1f2a3b07', createdAt: '2026-06-20T15:30:00.000Z', updatedAt: '2026-06-20T15:30:00.000Z',
    ...signedAtConnect(DEMO_PENDING_CONNECTION_ID),
    evaluationId: '0d2e3f4a-5b6c-4d7e-9f8a-1b2c3d4e5f60', pendingApprovalId: '1e3f4a5b-6c7d-4e8f-8a9b-2c3d4e5f6a71',
    partnersConnectionId: null, partnersClientId: null, initialized: false, active: true, trustOrg: 'BitGo Trust',
  },
];

export const TOKENS: Readonly<Record<string, TokenGrant>> = {
  [SANDBOX_TOKEN]: {
    enterprises: [DEMO_CLIENT_ENTERPRISE_ID, DEMO_PARTNER_ENTERPRISE_ID, NO_LICENCE_ENTERPRISE_ID],
    scopes: ['settlement_network_read', 'settlement_network_write'],
    userId: DEMO_USER_ID,
  },
  [SANDBOX_READONLY_TOKEN]: {
    enterprises: [DEMO_CLIENT_ENTERPRISE_ID, DEMO_PARTNER_ENTERPRISE_ID],
    scopes: ['settlement_network_read'],
    userId: DEMO_USER_ID,
  },
};
