import { Field, ObjectType } from 'type-graphql';
import { ConnectionChangeKind } from '../connect/connect.enums.js';
import { NetworkConnection } from '../connection/network-connection.type.js';
import { ChangeSource } from './change-source.enums.js';

@ObjectType({ description: 'What a connection was before a change, as this subscription saw it.' })
export class ConnectionState {
  @Field(() => String)
  name!: string;

  @Field(() => Boolean)
  active!: boolean;

  @Field(() => Boolean)
  initialized!: boolean;
}

/** Resolves straight from the workflow's event. */
@ObjectType({ description: 'A connection as it now stands, what changed, what it was before, and what changed it.' })
export class ConnectionChange {
  @Field(() => NetworkConnection, { description: 'The record as BitGo answered it.' })
  connection!: NetworkConnection;

  @Field(() => [ConnectionChangeKind])
  changes!: ConnectionChangeKind[];

  @Field(() => ConnectionState)
  previous!: ConnectionState;

  @Field(() => ChangeSource)
  source!: ChangeSource;
}
