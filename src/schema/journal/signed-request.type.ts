import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Amount } from '../allocation/amount.type.js';
import { DateTimeScalar } from '../date-time.scalar.js';
import { SignedRequestKind, SignedRequestState } from './signed-request.enums.js';
import { SignedRequestEvent } from './signed-request-event.type.js';
import { SignedRequestOutcome } from './signed-request-outcome.type.js';

@ObjectType({ description: 'A request the gateway signed and committed to its journal before sending it to BitGo.' })
export class SignedRequest {
  @Field(() => ID)
  id!: string;

  @Field(() => SignedRequestKind)
  kind!: SignedRequestKind;

  @Field(() => SignedRequestState)
  state!: SignedRequestState;

  @Field(() => String, { nullable: true, description: 'The idempotency key of an allocate or deallocate (clientExternalId), or of a connect (clientRequestId).' })
  clientExternalId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The allocation a partner update names, else the one BitGo answered with.' })
  allocationId!: string | null;

  @Field(() => ID, { nullable: true })
  connectionId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The record the request acts on, for kinds beyond allocations: the partner of a connect, the settlement or dispute of a settle or dispute.' })
  subjectId!: string | null;

  @Field(() => Amount, { nullable: true, description: 'The one amount the request moves; null for kinds that move none (or many: see the payload).' })
  amount!: Amount | null;

  @Field(() => String, {
    description: 'The exact string that was signed; for a connect, with the connection key\'s secret fields masked (the exact one is kept only sealed, to be re-sent).',
  })
  payload!: string;

  @Field(() => String, { description: 'Lowercase-hex SHA-256 of the signature\'s hex string as it was sent. The signature itself is never shown.' })
  signatureSha256!: string;

  @Field(() => String, { description: 'Who asked: the first 16 hex characters of the SHA-256 of their BitGo token, or `service` for the gateway\'s own token.' })
  caller!: string;

  @Field(() => Int, { description: 'Sends so far, by every replica.' })
  attempts!: number;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  settledAt!: Date | null;

  @Field(() => SignedRequestOutcome, { nullable: true, description: 'BitGo\'s last answer: the settling one once SETTLED.' })
  outcome!: SignedRequestOutcome | null;

  @Field(() => [SignedRequestEvent], { description: 'Oldest first.' })
  events!: SignedRequestEvent[];
}
