import { ObjectType } from 'type-graphql';
import { RelayConnection } from '../relay-connection.type.js';
import { NetworkConnection } from './network-connection.type.js';

@ObjectType({ description: 'A Relay connection over BitGo\'s connection list (oldest first).' })
export class NetworkConnectionConnection extends RelayConnection(NetworkConnection, 'the filter, view and enterprise') {}
