import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IsPrintableText } from '../../workflows/input.rules.js';
import { DateTimeScalar } from '../date-time.scalar.js';
import { SignedRequestKind, SignedRequestState } from './signed-request.enums.js';

@InputType({ description: 'Filters of the audit trail; every one given must hold. Lists match any of their values.' })
export class SignedRequestFilter {
  @Field(() => [SignedRequestKind], { nullable: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  kinds?: SignedRequestKind[];

  @Field(() => [SignedRequestState], { nullable: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  states?: SignedRequestState[];

  @Field(() => String, { nullable: true, description: 'The idempotency key: an allocate\'s or deallocate\'s clientExternalId, a connect\'s clientRequestId.' })
  @IsPrintableText(256)
  clientExternalId?: string;

  @Field(() => ID, { nullable: true, description: 'The allocation a request names or that BitGo answered with.' })
  @IsOptional()
  @IsUUID('all', { message: 'allocationId must be a UUID' })
  allocationId?: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Inclusive lower bound on createdAt.' })
  createdOnOrAfter?: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Exclusive upper bound on createdAt.' })
  createdBefore?: Date;
}
