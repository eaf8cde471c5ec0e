import { IsOptional, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IsBitGoUuid, IsEnterpriseId, IsPrintableText } from '../../workflows/input.rules.js';

/** Longest value of a connection key field (tokens, API keys and secrets are far shorter). */
const KEY_FIELD = 1024;
const SECRET = 'A secret: never logged or answered; the journal keeps it sealed.';

@InputType({ description: 'A `token` connection key: the one-time code (or identifier) the partner\'s platform gave its user.' })
export class TokenConnectionKeyInput {
  @Field(() => String, { description: SECRET })
  @IsPrintableText(KEY_FIELD, false)
  connectionToken!: string;
}

@InputType({ description: 'A `tokenAndSignature` connection key.' })
export class TokenAndSignatureConnectionKeyInput extends TokenConnectionKeyInput {
  @Field(() => String, { description: SECRET })
  @IsPrintableText(KEY_FIELD, false)
  signature!: string;
}

@InputType({ description: 'An `apiKeyAndSecret` connection key: an API key made on the partner\'s platform.' })
export class ApiKeyAndSecretConnectionKeyInput {
  @Field(() => String)
  @IsPrintableText(KEY_FIELD, false)
  apiKey!: string;

  @Field(() => String, { description: SECRET })
  @IsPrintableText(KEY_FIELD, false)
  apiSecret!: string;
}

@InputType({ description: 'A `clearloop` connection key.' })
export class ClearloopConnectionKeyInput extends ApiKeyAndSecretConnectionKeyInput {
  @Field(() => String)
  @IsPrintableText(KEY_FIELD, false)
  clientAccountId!: string;

  @Field(() => String)
  @IsPrintableText(KEY_FIELD, false)
  companyRegistrationNumber!: string;
}

/** A tagged input: the federated schema has no @oneOf, so the workflow refuses anything but exactly one member. */
@InputType({ description: 'The connection key, in the shape of the partner\'s connectionKeySchema: set exactly one member, the one Partner.connectionKeySchema names.' })
export class ConnectionKeyInput {
  @Field(() => TokenConnectionKeyInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  token?: TokenConnectionKeyInput;

  @Field(() => TokenAndSignatureConnectionKeyInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  tokenAndSignature?: TokenAndSignatureConnectionKeyInput;

  @Field(() => ApiKeyAndSecretConnectionKeyInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  apiKeyAndSecret?: ApiKeyAndSecretConnectionKeyInput;

  @Field(() => ClearloopConnectionKeyInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  clearloop?: ClearloopConnectionKeyInput;
}

@InputType({ description: 'Connect the enterprise to a partner. The gateway gets BitGo\'s payload, checks and signs it, journals it and submits it.' })
export class ConnectInput {
  @Field(() => ID, { nullable: true, description: 'Defaults to the gateway\'s configured enterprise.' })
  @IsEnterpriseId()
  enterpriseId?: string;

  @Field(() => ID, { description: 'Partner.id, from partners.' })
  @IsBitGoUuid()
  partnerId!: string;

  @Field(() => String, { description: 'The label for the connection.' })
  @IsPrintableText(256, false)
  name!: string;

  @Field(() => ConnectionKeyInput)
  @ValidateNested()
  connectionKey!: ConnectionKeyInput;

  @Field(() => String, {
    nullable: true,
    description: 'Idempotency key. Generated (UUID v4) when absent and always returned: repeat the mutation with it, and the one connection it made is answered.',
  })
  @IsPrintableText(256)
  clientRequestId?: string;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'Check and preview only: the partner is active and takes this key\'s schema, and BitGo\'s payload (secrets masked) says what was asked. Nothing is signed, written or created.',
  })
  dryRun?: boolean;
}

@InputType({ description: 'Rename a connection, or (de)activate it. Safe to repeat: it sets this name and flag, nothing else.' })
export class UpdateConnectionInput {
  @Field(() => ID, { nullable: true, description: 'Defaults to the gateway\'s configured enterprise.' })
  @IsEnterpriseId()
  enterpriseId?: string;

  @Field(() => ID)
  @IsBitGoUuid()
  connectionId!: string;

  @Field(() => String, { nullable: true })
  @IsPrintableText(256)
  name?: string;

  @Field(() => Boolean, { nullable: true, description: 'false: no more allocations to it (deallocations still work); what is in flight is released. true: open it again.' })
  active?: boolean;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Preview only: the connection as it is, and what deactivating it would release.' })
  dryRun?: boolean;
}
