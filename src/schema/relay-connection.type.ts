import { Field, ObjectType, type ClassType } from 'type-graphql';
import { PageInfo } from './page-info.type.js';

/**
 * The Relay connection of one node type, written once (type-graphql's generic types): `<Node>Edge` with its cursor
 * and node, and an abstract connection (edges, nodes, pageInfo) that each list's `<Node>Connection` extends with
 * its own description. `cursorRule` says what a cursor is valid with, which differs per list.
 */
export function RelayConnection<TNode extends object>(node: ClassType<TNode>, cursorRule: string) {
  @ObjectType(`${node.name}Edge`)
  class Edge {
    @Field(() => String, { description: `Opaque; valid only with ${cursorRule} it came from.` })
    cursor!: string;

    @Field(() => node)
    node!: TNode;
  }

  // Never emitted itself: only the connections that extend it are reachable from a resolver.
  @ObjectType()
  abstract class Connection {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => [node])
    nodes!: TNode[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }

  return Connection;
}
