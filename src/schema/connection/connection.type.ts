import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * A Go Network connection, owned by another subgraph of the supergraph; this
 * subgraph only contributes its allocations.
 */
@Directive('@key(fields: "id")')
@ObjectType()
export class Connection {
  @Field(() => ID)
  id!: string;
}
