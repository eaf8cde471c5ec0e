import { ArrayMaxSize, ArrayMinSize, IsUUID, Length } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
import { MAX_LIST } from './allocation/allocation-filter.input.js';
import { PageCursor, PageSize } from './page.fields.js';

/** A filter list of BitGo ids: optional, 1 to MAX_LIST UUIDs. */
export function IdList(description?: string): PropertyDecorator {
  return (target, key) => {
    Field(() => [ID], { nullable: true, ...(description ? { description } : {}) })(target, key);
    ArrayMinSize(1)(target, key);
    ArrayMaxSize(MAX_LIST)(target, key);
    IsUUID('all', { each: true, message: 'each value of $property must be a UUID' })(target, key);
  };
}

/** A filter list of exact names or partner-side ids: optional, 1 to MAX_LIST values of 1 to 256 characters. */
export function TextList(description?: string): PropertyDecorator {
  return (target, key) => {
    Field(() => [String], { nullable: true, ...(description ? { description } : {}) })(target, key);
    ArrayMinSize(1)(target, key);
    ArrayMaxSize(MAX_LIST)(target, key);
    Length(1, 256, { each: true, message: 'each value of $property must be 1 to 256 characters' })(target, key);
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
