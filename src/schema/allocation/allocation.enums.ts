import { registerEnumType } from 'type-graphql';

// Enum values are BitGo's wire values, so wire records resolve without mapping.

export enum AllocationType {
  ALLOCATION = 'allocation',
  DEALLOCATION = 'deallocation',
}

export enum AllocationStatus {
  CLEARED = 'cleared',
  RELEASED = 'released',
  RESERVED = 'reserved',
}

export enum PolicyResult {
  APPROVED = 'approved',
  REJECTED = 'rejected',
}

export enum AllocationView {
  CLIENT = 'client',
  PARTNER = 'partner',
}

export enum AllocationOrderField {
  ID = 'id',
  UPDATED_AT = 'updatedAt',
  QUANTITY = 'quantity',
  CURRENCY = 'currency',
}

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

export enum TrustOrg {
  BITGO_TRUST = 'BitGo Trust',
  BITGO_NEW_YORK = 'BitGo New York',
  BITGO_GERMANY = 'BitGo Germany',
  BITGO_SWITZERLAND = 'BitGo Switzerland',
  BITGO_EUROPE_APS = 'BitGo Europe ApS',
  FRANKFURT_DE_TRUST = 'Frankfurt DE Trust',
  BITGO_SINGAPORE = 'BitGo Singapore',
  BITGO_KOREA = 'BitGo Korea',
  BITGO_CUSTODY_MENA_FZE = 'BitGo Custody MENA FZE',
  BITGO_INDIA = 'BitGo India',
  BITGO_SISTER_TRUST_1 = 'BitGo Sister Trust 1',
}

registerEnumType(AllocationType, {
  name: 'AllocationType',
  description: 'What a record moves: funds to a connection (allocation) or back from it (deallocation).',
});
registerEnumType(AllocationStatus, {
  name: 'AllocationStatus',
  description: 'RESERVED waits on the partner; CLEARED and RELEASED are final.',
});
registerEnumType(PolicyResult, { name: 'PolicyResult', description: 'Outcome of a BitGo policy evaluation.' });
registerEnumType(AllocationView, {
  name: 'AllocationView',
  description: 'Which side of the connections to read: the client that allocates (CLIENT) or the partner that receives (PARTNER).',
});
registerEnumType(AllocationOrderField, {
  name: 'AllocationOrderField',
  description: 'Primary sort key. BitGo always breaks ties by createdAt then id, both ascending. CURRENCY is for the CLIENT view only.',
});
registerEnumType(OrderDirection, { name: 'OrderDirection' });
registerEnumType(TrustOrg, { name: 'TrustOrg', description: 'The BitGo trust entity that holds the funds.' });
