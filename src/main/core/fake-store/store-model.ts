import { generateCustomer, type CustomerFacts } from './generate-customer';
import { generateOrder, type OrderRecord } from './generate-order';
import { Lru } from './lru';
import { baseState, createdAtOf, orderSkeleton, type HistoryEntry, type OrderSkeleton } from './order-skeleton';
import { Rng, hash3, saltOf } from './prng';
import { SHIPPED, TERMINAL, storeStatuses, type StatusAlias, type StoreStatus } from './statuses';
import { storeShape, type StoreShape, type StoreShapeOptions } from './store-shape';

export interface MutationResult {
  id: number;
  from: StatusAlias;
  to: StatusAlias;
}

/**
 * The store's truth: generated records plus an overlay of mutations. Only the
 * overlay and two small caches live in memory.
 */
export class StoreModel {
  readonly shape: StoreShape;
  readonly statuses: readonly StoreStatus[];
  readonly statusByAlias: ReadonlyMap<StatusAlias, StoreStatus>;
  private readonly addedCreatedAt: number[] = [];
  private readonly overlay = new Map<number, HistoryEntry[]>();
  private readonly orders = new Lru<number, OrderRecord>(500);
  private readonly customers = new Lru<number, CustomerFacts>(1000);
  private readonly mutationRng: Rng;
  /** Bumped on every mutation so response caches know they are stale. */
  version = 0;

  constructor(options: StoreShapeOptions) {
    this.shape = storeShape(options);
    this.statuses = storeStatuses(this.shape.seed);
    this.statusByAlias = new Map(this.statuses.map((s) => [s.alias, s]));
    this.mutationRng = new Rng(hash3(this.shape.seed, saltOf('mutations'), 0));
  }

  get orderCount(): number {
    return this.shape.orders + this.addedCreatedAt.length;
  }

  orderIndexOfId(id: number): number | null {
    const index = id - this.shape.orderIdBase;
    return Number.isInteger(index) && index >= 0 && index < this.orderCount ? index : null;
  }

  customerIndexOfId(id: number): number | null {
    const index = id - this.shape.customerIdBase;
    return Number.isInteger(index) && index >= 0 && index < this.shape.customers ? index : null;
  }

  createdAt(index: number): number {
    return index < this.shape.orders ? createdAtOf(this.shape, index) : this.addedCreatedAt[index - this.shape.orders];
  }

  skeleton(index: number): OrderSkeleton {
    return index < this.shape.orders
      ? orderSkeleton(this.shape, index)
      : orderSkeleton(this.shape, index, this.createdAt(index));
  }

  history(index: number, skeleton?: OrderSkeleton): HistoryEntry[] {
    return this.overlay.get(index) ?? (skeleton ?? this.skeleton(index)).history;
  }

  /** Current status and when it was set; cheap for untouched generated orders (used by full scans). */
  private state(index: number): { alias: StatusAlias; at: number } {
    const h = index < this.shape.orders ? this.overlay.get(index) : this.history(index);
    if (!h) return baseState(this.shape, index);
    return h[h.length - 1];
  }

  currentStatus(index: number): StatusAlias {
    return this.state(index).alias;
  }

  updatedAt(index: number): number {
    return Math.max(this.createdAt(index), this.state(index).at);
  }

  customer(index: number): CustomerFacts {
    let facts = this.customers.get(index);
    if (!facts) {
      facts = generateCustomer(this.shape, index);
      this.customers.set(index, facts);
    }
    return facts;
  }

  /** The canonical order with every relation; callers must not mutate it. */
  order(index: number): OrderRecord {
    let record = this.orders.get(index);
    if (!record) {
      const skeleton = this.skeleton(index);
      record = generateOrder({
        shape: this.shape,
        skeleton,
        history: this.history(index, skeleton),
        customer: this.customer(skeleton.customerIndex),
        statuses: this.statusByAlias,
      });
      this.orders.set(index, record);
    }
    return record;
  }

  /** First index whose created_at is >= ms (created_at is non-decreasing in the index). */
  lowerBound(ms: number): number {
    let lo = 0;
    let hi = this.orderCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.createdAt(mid) < ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  // --- mutations -----------------------------------------------------------

  addOrders(count: number, now: number): number[] {
    const ids: number[] = [];
    for (let k = 0; k < count; k++) {
      const last = this.orderCount > 0 ? this.createdAt(this.orderCount - 1) : 0;
      this.addedCreatedAt.push(Math.max(last, Math.floor(now / 1000) * 1000));
      ids.push(this.shape.orderIdBase + this.orderCount - 1);
    }
    this.version++;
    return ids;
  }

  private setHistory(index: number, history: HistoryEntry[]): void {
    this.overlay.set(index, history);
    this.orders.delete(index);
    this.version++;
  }

  private stamp(index: number, now: number): number {
    const h = this.history(index);
    return Math.max(h[h.length - 1].at + 1000, Math.floor(now / 1000) * 1000);
  }

  /** Moves an order one step along its planned path; null when it is already final. */
  advance(id: number, now: number): MutationResult | null {
    const index = this.orderIndexOfId(id);
    if (index === null) return null;
    const skeleton = this.skeleton(index);
    const history = this.history(index, skeleton);
    const from = history[history.length - 1].alias;
    if (TERMINAL.has(from)) return null;
    const to = skeleton.plan[history.length];
    if (!to || skeleton.plan[history.length - 1] !== from) return null;
    this.setHistory(index, [...history, { alias: to, at: this.stamp(index, now) }]);
    return { id, from, to };
  }

  /** Cancels an order not yet final nor shipped; null when it cannot be. */
  cancel(id: number, now: number): MutationResult | null {
    const index = this.orderIndexOfId(id);
    if (index === null) return null;
    const history = this.history(index);
    const from = history[history.length - 1].alias;
    if (TERMINAL.has(from) || SHIPPED.has(from)) return null;
    this.setHistory(index, [...history, { alias: 'cancelled', at: this.stamp(index, now) }]);
    return { id, from, to: 'cancelled' };
  }

  /**
   * Advances up to `count` open orders picked by the mutation RNG among the
   * newest `window` orders (old ones are nearly all final): the same seed and
   * call sequence give the same changes.
   */
  advanceSome(count: number, now: number, window = 2000): MutationResult[] {
    const results: MutationResult[] = [];
    const total = this.orderCount;
    const span = Math.min(window, total);
    for (let tries = 0; results.length < count && tries < count * 50 && span > 0; tries++) {
      const index = total - 1 - Math.floor(this.mutationRng.next() * span);
      const r = this.advance(this.shape.orderIdBase + index, now);
      if (r) results.push(r);
    }
    return results;
  }

  /** Cancels one open order picked by the mutation RNG, as `advanceSome` picks. */
  cancelSome(count: number, now: number, window = 2000): MutationResult[] {
    const results: MutationResult[] = [];
    const total = this.orderCount;
    const span = Math.min(window, total);
    for (let tries = 0; results.length < count && tries < count * 50 && span > 0; tries++) {
      const index = total - 1 - Math.floor(this.mutationRng.next() * span);
      const r = this.cancel(this.shape.orderIdBase + index, now);
      if (r) results.push(r);
    }
    return results;
  }
}
