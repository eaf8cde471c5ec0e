import { ObjectType } from 'type-graphql';
import { RelayConnection } from '../relay-connection.type.js';
import { Allocation } from './allocation.type.js';

@ObjectType({ description: 'A Relay connection over BitGo\'s allocation list.' })
export class AllocationConnection extends RelayConnection(Allocation, 'the filter, order, view and enterprise') {}
