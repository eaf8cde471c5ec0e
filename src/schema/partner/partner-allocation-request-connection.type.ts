import { Field, ObjectType } from 'type-graphql';
import { PageInfo } from '../page-info.type.js';
import { PartnerAllocationRequest } from './partner-allocation-request.type.js';

@ObjectType()
export class PartnerAllocationRequestEdge {
  @Field(() => String, { description: 'Opaque; valid only with the filter and enterprise it came from.' })
  cursor!: string;

  @Field(() => PartnerAllocationRequest)
  node!: PartnerAllocationRequest;
}

@ObjectType({ description: 'A Relay connection over the partner ledger, newest first.' })
export class PartnerAllocationRequestConnection {
  @Field(() => [PartnerAllocationRequestEdge])
  edges!: PartnerAllocationRequestEdge[];

  @Field(() => [PartnerAllocationRequest])
  nodes!: PartnerAllocationRequest[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
