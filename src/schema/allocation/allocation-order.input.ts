import { Field, InputType } from 'type-graphql';
import { AllocationOrderField, OrderDirection } from './allocation.enums.js';

@InputType({ description: 'Primary order; BitGo then orders by createdAt and id ascending, whatever the direction.' })
export class AllocationOrder {
  @Field(() => AllocationOrderField)
  field!: AllocationOrderField;

  @Field(() => OrderDirection)
  direction!: OrderDirection;
}
