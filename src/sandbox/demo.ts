import type { Connection, Enterprise, TokenGrant } from './types.js';

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

const D = DEMO_CLIENT_ENTERPRISE_ID;
const O = OTHER_CLIENT_ENTERPRISE_ID;
const C = DEMO_CONNECTION_IDS;

export const CONNECTIONS: readonly Connection[] = [
  { id: C.nimbusMain, name: 'Nimbus main', clientId: D, partnerId: DEMO_PARTNER_ENTERPRISE_ID, partnersConnectionId: 'nimbus-conn-1001', partnersClientId: 'nimbus-acct-501', active: true, async: true, trustOrg: 'BitGo Trust' },
  { id: C.nimbusSecondary, name: 'Nimbus desk 2', clientId: D, partnerId: DEMO_PARTNER_ENTERPRISE_ID, partnersConnectionId: 'nimbus-conn-1002', partnersClientId: 'nimbus-acct-501', active: true, async: true, trustOrg: 'BitGo New York' },
  { id: C.helios, name: 'Helios spot', clientId: D, partnerId: HELIOS_PARTNER_ID, partnersConnectionId: 'hel-7731', partnersClientId: 'hel-client-88', active: true, async: false, trustOrg: 'BitGo Trust' },
  { id: C.quanta, name: 'Quanta prime brokerage', clientId: D, partnerId: QUANTA_PARTNER_ID, partnersConnectionId: 'qp-c-19', partnersClientId: 'qp-a-4410', active: true, async: false, trustOrg: 'BitGo Germany' },
  { id: C.orbit, name: 'Orbit OTC', clientId: D, partnerId: ORBIT_PARTNER_ID, partnersConnectionId: 'orbit-55', partnersClientId: 'orbit-user-12', active: true, async: false, trustOrg: 'BitGo Trust' },
  { id: C.heliosLegacyInactive, name: 'Helios legacy (closed)', clientId: D, partnerId: HELIOS_PARTNER_ID, partnersConnectionId: 'hel-1002', partnersClientId: 'hel-client-88', active: false, async: false, trustOrg: 'BitGo New York' },
  { id: OTHER_CONNECTION_IDS.beaconNimbus, name: 'Beacon at Nimbus', clientId: O, partnerId: DEMO_PARTNER_ENTERPRISE_ID, partnersConnectionId: 'nimbus-conn-2001', partnersClientId: 'nimbus-acct-777', active: true, async: true, trustOrg: 'BitGo Switzerland' },
  { id: OTHER_CONNECTION_IDS.beaconQuanta, name: 'Beacon at Quanta', clientId: O, partnerId: QUANTA_PARTNER_ID, partnersConnectionId: 'qp-c-31', partnersClientId: 'qp-a-5120', active: true, async: false, trustOrg: 'BitGo Switzerland' },
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
