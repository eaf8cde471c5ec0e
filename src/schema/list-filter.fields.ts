import { ArrayMaxSize, ArrayMinSize, IsUUID, Length } from 'class-validator';
import { Field, ID } from 'type-graphql';

/** Most values one list filter takes. */
export const MAX_LIST = 100;

/**
 * A list filter, as every list declares one: optional, 1 to MAX_LIST values (an empty list is refused rather than
 * matching nothing), matching any of them. `more` adds the checks of each value.
 */
export function ListFilter(type: () => [unknown], description?: string, ...more: PropertyDecorator[]): PropertyDecorator {
  const decorators = [Field(type as never, { nullable: true, ...(description !== undefined ? { description } : {}) }), ArrayMinSize(1), ArrayMaxSize(MAX_LIST), ...more];
  // Applied last to first, as stacked decorators are: the checks run in the order they always did.
  return (target, key) => {
    for (const decorator of [...decorators].reverse()) decorator(target, key);
  };
}

/** A list filter of BitGo ids (UUIDs). */
export function IdListFilter(description?: string): PropertyDecorator {
  return ListFilter(() => [ID], description, IsUUID('all', { each: true, message: 'each value of $property must be a UUID' }));
}

/** A list filter of texts of 1 to `max` characters. */
export function TextListFilter(max: number, description?: string, ...more: PropertyDecorator[]): PropertyDecorator {
  return ListFilter(() => [String], description, Length(1, max, { each: true, message: `each value of $property must be 1 to ${max} characters` }), ...more);
}
