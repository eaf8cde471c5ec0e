import { Directive, Field, ObjectType } from 'type-graphql';

// Other subgraphs of a supergraph commonly define PageInfo too.
@Directive('@shareable')
@ObjectType({ description: 'Relay connection page information.' })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean)
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}
