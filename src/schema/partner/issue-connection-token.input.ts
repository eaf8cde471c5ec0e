import { IsOptional, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { IsEnterpriseId, IsPrintableText } from '../../workflows/input.rules.js';

/** Longest token lifetime: a week. */
const MAX_EXPIRES_IN = 7 * 24 * 3600;

@InputType({ description: 'Partner side: a one-time connection token for one account on the partner\'s platform, for that account\'s user to give BitGo when connecting.' })
export class IssueConnectionTokenInput {
  @Field(() => ID, { nullable: true, description: 'The partner enterprise; defaults to the one the gateway receives BitGo\'s calls for.' })
  @IsEnterpriseId()
  enterpriseId?: string;

  @Field(() => String, { description: 'The account on the partner\'s platform (answered to BitGo as partnersClientId). It may have one connection.' })
  @IsPrintableText(256, false)
  partnersClientId!: string;

  @Field(() => String, { nullable: true, description: 'The partner\'s own id for the connection to be made; a UUID is made when absent.' })
  @IsPrintableText(256)
  partnersConnectionId?: string;

  @Field(() => Int, { nullable: true, description: 'Seconds the token stays valid: 15 minutes unless given, from 60 s to a week.' })
  @IsOptional()
  @Min(60, { message: 'expiresIn must be at least 60 seconds' })
  @Max(MAX_EXPIRES_IN, { message: `expiresIn must be at most ${MAX_EXPIRES_IN} seconds (a week)` })
  expiresIn?: number;
}
