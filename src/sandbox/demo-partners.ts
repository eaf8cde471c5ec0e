import { DEMO_PARTNER_ENTERPRISE_ID, HELIOS_PARTNER_ID, ORBIT_PARTNER_ID, QUANTA_PARTNER_ID } from './demo.js';
import type { TrustOrg } from './types.js';

/** PartnerConnectionKeySchema, as the sandbox reads the contract. */
export type ConnectionKeySchema = 'token' | 'tokenAndSignature' | 'apiKeyAndSecret' | 'clearloop';

/**
 * A partner in the sandbox's directory: what GET …/partners shows, plus what only the sandbox knows (whether BitGo
 * asks the partner to initialize a new connection asynchronously, and the currencies it accepts).
 */
export interface DirectoryPartner {
  id: string;
  name: string;
  institutionId: string;
  institutionIdentifier: string;
  connectionKeySchema: ConnectionKeySchema;
  active: boolean;
  trustOrg: TrustOrg;
  stablePartner: boolean;
  /** New connections wait for the partner's answer to POST /bitgo/v1/connections (initialized: false until then). */
  async: boolean;
  /** OFC currency codes the partner accepts for allocations, deallocations and settlements. */
  currencies: readonly string[];
}

/** Retired from the network: listed, but nothing can connect to it. */
export const LUMEN_PARTNER_ID = 'e2f3a4b5-c6d7-4e8f-9a0b-1c2d3e4f5a6b';

const TESTNET = ['ofctbtc', 'ofcteth', 'ofctusdt', 'ofctusdc', 'ofctsol', 'ofctxrp'];

/**
 * The directory: one active partner per key schema (so every schema can be connected end to end) and one inactive.
 * Ids do not depend on the seed. Nimbus is the asynchronous partner: the sandbox, playing BitGo, calls its
 * /bitgo/v1/connections (the gateway's partner side in `npm start`) before a new connection is initialized.
 */
export const DEMO_PARTNERS: readonly DirectoryPartner[] = [
  {
    id: DEMO_PARTNER_ENTERPRISE_ID, name: 'Nimbus Exchange', institutionId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c61', institutionIdentifier: 'NIMBUS-EXCHANGE',
    connectionKeySchema: 'token', active: true, trustOrg: 'BitGo Trust', stablePartner: true, async: true,
    currencies: [...TESTNET, 'ofcbtc', 'ofceth', 'ofcusdt', 'ofcusdc', 'ofcsol', 'ofcxrp'],
  },
  {
    id: HELIOS_PARTNER_ID, name: 'Helios Markets', institutionId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c62', institutionIdentifier: 'HELIOS-MARKETS',
    connectionKeySchema: 'apiKeyAndSecret', active: true, trustOrg: 'BitGo Trust', stablePartner: true, async: false,
    currencies: [...TESTNET, 'ofcbtc', 'ofceth', 'ofcusdt', 'ofcusdc', 'ofcsol'],
  },
  {
    id: QUANTA_PARTNER_ID, name: 'Quanta Prime', institutionId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c63', institutionIdentifier: 'QUANTA-PRIME',
    connectionKeySchema: 'clearloop', active: true, trustOrg: 'BitGo Germany', stablePartner: true, async: false,
    currencies: [...TESTNET, 'ofcbtc', 'ofceth'],
  },
  {
    id: ORBIT_PARTNER_ID, name: 'Orbit OTC', institutionId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c64', institutionIdentifier: 'ORBIT-OTC',
    connectionKeySchema: 'tokenAndSignature', active: true, trustOrg: 'BitGo Trust', stablePartner: false, async: false,
    currencies: [...TESTNET, 'ofcbtc', 'ofcusdt'],
  },
  {
    id: LUMEN_PARTNER_ID, name: 'Lumen Exchange (retired)', institutionId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c65', institutionIdentifier: 'LUMEN-EXCHANGE',
    connectionKeySchema: 'token', active: false, trustOrg: 'BitGo Trust', stablePartner: true, async: false,
    currencies: ['ofctbtc', 'ofcbtc'],
  },
];

/**
 * A connection key value that a synchronous demo partner refuses (the partner checks the key while BitGo waits): any
 * token or API key starting with this. Lets a client see BitGo's 422 for a key the partner does not know.
 */
export const REFUSED_KEY_PREFIX = 'refuse-';
