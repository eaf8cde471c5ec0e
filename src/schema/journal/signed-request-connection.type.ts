import { Field, ObjectType } from 'type-graphql';
import { PageInfo } from '../page-info.type.js';
import { SignedRequest } from './signed-request.type.js';

@ObjectType()
export class SignedRequestEdge {
  @Field(() => String, { description: 'Opaque; valid only with the filter and enterprise it came from.' })
  cursor!: string;

  @Field(() => SignedRequest)
  node!: SignedRequest;
}

@ObjectType({ description: 'A Relay connection over the journal of signed requests, newest first.' })
export class SignedRequestConnection {
  @Field(() => [SignedRequestEdge])
  edges!: SignedRequestEdge[];

  @Field(() => [SignedRequest])
  nodes!: SignedRequest[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
