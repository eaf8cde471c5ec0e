import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { PolicyResult } from '../allocation/allocation.enums.js';
import { DateTimeScalar } from '../date-time.scalar.js';

/**
 * Resolves straight from BitGo's V1ConnectionOutput. Every field but the key is nullable: a connection known
 * only from a balances report, or by a reference from another subgraph, may not carry them all.
 * `balances` and `allocations` are field resolvers (network-connection.resolver.ts).
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A Go Network connection between a client and a trading partner, as BitGo holds it.' })
export class NetworkConnection {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: 'The label the client gave the connection.' })
  name?: string;

  @Field(() => ID, { nullable: true, description: 'The client enterprise.' })
  clientId?: string;

  @Field(() => ID, { nullable: true, description: 'The partner enterprise.' })
  partnerId?: string;

  @Field(() => ID, { nullable: true, description: 'The BitGo account that holds what is allocated to the connection.' })
  networkAccountId?: string;

  @Field(() => Boolean, { nullable: true, description: 'False once deactivated: BitGo then releases anything allocated to it.' })
  active?: boolean;

  @Field(() => DateTimeScalar, { nullable: true })
  createdAt?: string;

  @Field(() => DateTimeScalar, { nullable: true })
  updatedAt?: string;

  @Field(() => String, { nullable: true, description: 'BitGo\'s proof of the request the client connected with.' })
  proof?: string;

  @Field(() => String, { nullable: true, description: 'The nonce of the request the client connected with.' })
  nonce?: string;

  // BitGo's policy evaluation, as each of its records carries it: a deliberate twin of allocation.type.ts's (an inherited
  // class would put these fields first).
  @Field(() => String, { nullable: true })
  evaluationId?: string;

  @Field(() => String, { nullable: true })
  pendingApprovalId?: string;

  @Field(() => PolicyResult, { nullable: true })
  policyResult?: PolicyResult;

  @Field(() => String, { nullable: true, description: 'The partner\'s own id for the connection; null until the partner has initialized it.' })
  partnersConnectionId?: string | null;

  @Field(() => String, { nullable: true, description: 'The partner\'s own id for the client; null until the partner has initialized the connection.' })
  partnersClientId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True once the partner has initialized the connection; only then can it hold funds.' })
  initialized?: boolean;
}
