import { IsOptional, Matches, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import { ENTERPRISE_ID } from '../common/patterns.js';

/** Largest Relay page: `first` and `last` above it are BAD_USER_INPUT. */
export const MAX_PAGE = 100;

const DESCRIPTIONS = {
  forward: 'Page size going forward: 25 by default, at most 100.',
  backward: 'Page size going backward, at most 100.',
} as const;

/** `first` / `last`, as every Relay list declares them: optional, 0 to MAX_PAGE. */
export function PageSize(direction: keyof typeof DESCRIPTIONS): PropertyDecorator {
  return (target, key) => {
    Field(() => Int, { nullable: true, description: DESCRIPTIONS[direction] })(target, key);
    IsOptional()(target, key);
    Min(0)(target, key);
    Max(MAX_PAGE)(target, key);
  };
}

/** `after` / `before`: opaque cursors, checked by the list they came from. */
export function PageCursor(): PropertyDecorator {
  return Field(() => String, { nullable: true });
}

/** An optional enterprise id argument, in BitGo's shape. */
export function EnterpriseIdArg(description = 'Defaults to the gateway\'s configured enterprise.'): PropertyDecorator {
  return (target, key) => {
    Field(() => ID, { nullable: true, description })(target, key);
    IsOptional()(target, key);
    Matches(ENTERPRISE_ID, { message: 'enterpriseId must be a BitGo enterprise id' })(target, key);
  };
}

/** Relay's four paging arguments, for lists that add their own filters to them. */
@ArgsType()
export class RelayPageArgs {
  @PageSize('forward')
  first?: number;

  @PageCursor()
  after?: string;

  @PageSize('backward')
  last?: number;

  @PageCursor()
  before?: string;
}
