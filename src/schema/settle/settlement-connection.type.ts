import { ObjectType } from 'type-graphql';
import { RelayConnection } from '../relay-connection.type.js';
import { Settlement, SettlementDispute, SettlementTransfer } from './settlement.type.js';

@ObjectType({ description: 'A Relay connection over BitGo\'s settlements.' })
export class SettlementConnection extends RelayConnection(Settlement, 'the filter and enterprise') {}

@ObjectType({ description: 'A Relay connection over the client\'s settlement transfers, newest update first.' })
export class SettlementTransferConnection extends RelayConnection(SettlementTransfer, 'the filter and enterprise') {}

@ObjectType({ description: 'A Relay connection over settlement disputes.' })
export class SettlementDisputeConnection extends RelayConnection(SettlementDispute, 'the filter and enterprise') {}
