import type { WireAllocation } from '../../bitgo/wire.types.js';
import type { AllocationSubscription } from './live-subscription.js';

/** Sets by key that disappear when empty: nothing stays behind once the last subscriber of a key has gone. */
class Buckets<T> {
  readonly #map = new Map<string, Set<T>>();

  get size(): number {
    return this.#map.size;
  }

  get(key: string): ReadonlySet<T> | undefined {
    return this.#map.get(key);
  }

  values(): IterableIterator<Set<T>> {
    return this.#map.values();
  }

  add(key: string, value: T): void {
    const set = this.#map.get(key);
    if (set) set.add(value);
    else this.#map.set(key, new Set([value]));
  }

  delete(key: string, value: T): void {
    const set = this.#map.get(key);
    if (!set) return;
    set.delete(value);
    if (set.size === 0) this.#map.delete(key);
  }
}

/** The allocationChanged subscriptions of a replica, found by what they follow and by watch group. */
export class SubscriptionIndex {
  readonly #byId = new Buckets<AllocationSubscription>();
  readonly #byConnection = new Buckets<AllocationSubscription>();
  readonly #byClientExternalId = new Buckets<AllocationSubscription>();
  readonly #byGroup = new Buckets<AllocationSubscription>();

  add(subscription: AllocationSubscription): void {
    for (const id of subscription.ids) this.#byId.add(id, subscription);
    for (const id of subscription.connectionIds) this.#byConnection.add(id, subscription);
    for (const id of subscription.clientExternalIds) this.#byClientExternalId.add(id, subscription);
    this.#byGroup.add(subscription.groupKey, subscription);
  }

  delete(subscription: AllocationSubscription): void {
    for (const id of subscription.ids) this.#byId.delete(id, subscription);
    for (const id of subscription.connectionIds) this.#byConnection.delete(id, subscription);
    for (const id of subscription.clientExternalIds) this.#byClientExternalId.delete(id, subscription);
    this.#byGroup.delete(subscription.groupKey, subscription);
  }

  /** Subscriptions that follow the allocation by its id, its connection or its idempotency key. */
  following(allocation: Pick<WireAllocation, 'id' | 'connectionId' | 'clientExternalId'>): Set<AllocationSubscription> {
    const found = new Set<AllocationSubscription>();
    for (const set of [this.#byId.get(allocation.id), this.#byConnection.get(allocation.connectionId), this.#byClientExternalId.get(allocation.clientExternalId)]) {
      for (const subscription of set ?? []) found.add(subscription);
    }
    return found;
  }

  /** Subscriptions that follow an allocation by id or connection (a partner ledger change names no idempotency key). */
  followingIdOrConnection(id: string, connectionId: string | null): Set<AllocationSubscription> {
    return new Set([...(this.#byId.get(id) ?? []), ...(connectionId === null ? [] : (this.#byConnection.get(connectionId) ?? []))]);
  }

  inGroup(groupKey: string): ReadonlySet<AllocationSubscription> {
    return this.#byGroup.get(groupKey) ?? new Set();
  }

  all(): AllocationSubscription[] {
    return [...this.#byGroup.values()].flatMap((set) => [...set]);
  }

  get count(): number {
    let n = 0;
    for (const set of this.#byGroup.values()) n += set.size;
    return n;
  }

  /** Keys held across the filter indexes (tests: zero once everyone has left). */
  get keys(): number {
    return this.#byId.size + this.#byConnection.size + this.#byClientExternalId.size;
  }
}
