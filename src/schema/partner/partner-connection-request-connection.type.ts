import { ObjectType } from 'type-graphql';
import { RelayConnection } from '../relay-connection.type.js';
import { PartnerConnectionRequest } from './partner-connection-request.type.js';

@ObjectType({ description: 'A Relay connection over the partner\'s connection requests, newest first.' })
export class PartnerConnectionRequestConnection extends RelayConnection(PartnerConnectionRequest, 'the filter and enterprise') {}
