import { ObjectType } from 'type-graphql';
import { RelayConnection } from '../relay-connection.type.js';
import { Partner } from './partner.type.js';

@ObjectType({ description: 'A Relay connection over BitGo\'s partner directory.' })
export class PartnerDirectoryConnection extends RelayConnection(Partner, 'the filter and enterprise') {}
