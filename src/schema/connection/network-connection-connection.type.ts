import { Field, ObjectType } from 'type-graphql';
import { PageInfo } from '../page-info.type.js';
import { NetworkConnection } from './network-connection.type.js';

@ObjectType()
export class NetworkConnectionEdge {
  @Field(() => String, { description: 'Opaque; valid only with the filter, view and enterprise it came from.' })
  cursor!: string;

  @Field(() => NetworkConnection)
  node!: NetworkConnection;
}

@ObjectType({ description: 'A Relay connection over BitGo\'s connection list (oldest first).' })
export class NetworkConnectionConnection {
  @Field(() => [NetworkConnectionEdge])
  edges!: NetworkConnectionEdge[];

  @Field(() => [NetworkConnection])
  nodes!: NetworkConnection[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
