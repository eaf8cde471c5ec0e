import { registerEnumType } from 'type-graphql';

// Values are the store's own, so rows resolve without mapping.

export enum PartnerConnectionStatus {
  ACCEPTED = 'accepted',
  REFUSED = 'refused',
}

export enum ConnectionRefusal {
  UNKNOWN_TOKEN = 'unknown_token',
  EXPIRED_TOKEN = 'expired_token',
  USED_TOKEN = 'used_token',
  ACCOUNT_CONNECTED = 'account_connected',
}

registerEnumType(PartnerConnectionStatus, { name: 'PartnerConnectionStatus', description: 'ACCEPTED: this partner initialized the connection. REFUSED: it did not (see refusal).' });
registerEnumType(ConnectionRefusal, {
  name: 'ConnectionRefusal',
  description:
    'UNKNOWN_TOKEN: not a token this partner issued (422). EXPIRED_TOKEN: issued, expired (422). USED_TOKEN: already used for another connection (422). ' +
    'ACCOUNT_CONNECTED: the account the token stands for already has a connection (409).',
});
