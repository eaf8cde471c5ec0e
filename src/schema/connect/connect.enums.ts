import { registerEnumType } from 'type-graphql';

// Enum values are the wire's own, so BitGo's records resolve without mapping.

export enum ConnectionKeySchema {
  TOKEN = 'token',
  TOKEN_AND_SIGNATURE = 'tokenAndSignature',
  API_KEY_AND_SECRET = 'apiKeyAndSecret',
  CLEARLOOP = 'clearloop',
}

/** What changed between two states of a connection (workflows/live/connection-subscriptions.ts). */
export enum ConnectionChangeKind {
  INITIALIZED = 'INITIALIZED',
  RENAMED = 'RENAMED',
  DEACTIVATED = 'DEACTIVATED',
  ACTIVATED = 'ACTIVATED',
  UPDATED = 'UPDATED',
}

registerEnumType(ConnectionKeySchema, {
  name: 'ConnectionKeySchema',
  description: 'Which connectionKey a partner takes: the member of ConnectionKeyInput to set when connecting to it.',
});
registerEnumType(ConnectionChangeKind, {
  name: 'ConnectionChangeKind',
  description: 'INITIALIZED: the partner initialized it (it can hold funds now). RENAMED, DEACTIVATED, ACTIVATED. UPDATED: anything else BitGo changed.',
});
