import { ObjectType } from 'type-graphql';
import { RelayConnection } from '../relay-connection.type.js';
import { PartnerAllocationRequest } from './partner-allocation-request.type.js';

@ObjectType({ description: 'A Relay connection over the partner ledger, newest first.' })
export class PartnerAllocationRequestConnection extends RelayConnection(PartnerAllocationRequest, 'the filter and enterprise') {}
