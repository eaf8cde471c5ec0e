import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../date-time.scalar.js';
import { SignedRequestEventType } from './signed-request.enums.js';
import { SignedRequestOutcome } from './signed-request-outcome.type.js';

@ObjectType({ description: 'One step in the life of a signed request.' })
export class SignedRequestEvent {
  @Field(() => SignedRequestEventType)
  type!: SignedRequestEventType;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field(() => SignedRequestOutcome, { nullable: true, description: 'For ANSWER: what BitGo said.' })
  outcome!: SignedRequestOutcome | null;
}
