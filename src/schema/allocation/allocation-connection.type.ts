import { Field, ObjectType } from 'type-graphql';
import { PageInfo } from '../page-info.type.js';
import { Allocation } from './allocation.type.js';

@ObjectType()
export class AllocationEdge {
  @Field(() => String, { description: 'Opaque; valid only with the filter, order, view and enterprise it came from.' })
  cursor!: string;

  @Field(() => Allocation)
  node!: Allocation;
}

@ObjectType({ description: 'A Relay connection over BitGo\'s allocation list.' })
export class AllocationConnection {
  @Field(() => [AllocationEdge])
  edges!: AllocationEdge[];

  @Field(() => [Allocation])
  nodes!: Allocation[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
