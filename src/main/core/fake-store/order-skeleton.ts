import { hash3, rngFor, saltOf } from './prng';
import { statusPlan, stepHours, type PaymentKind, type StatusAlias } from './statuses';
import type { StoreShape } from './store-shape';

export interface HistoryEntry {
  alias: StatusAlias;
  at: number;
}

/** The cheap part of an order: enough to filter and sort without building the whole record. */
export interface OrderSkeleton {
  index: number;
  id: number;
  number: number;
  createdAt: number;
  customerIndex: number;
  kind: PaymentKind;
  plan: readonly StatusAlias[];
  /** The prefix of `plan` reached by the store's end time. */
  history: HistoryEntry[];
}

const CREATED_SALT = saltOf('created');
const CUSTOMER_SALT = saltOf('order-customer');

/**
 * Monotonic in the index (each order falls at a jittered point inside its own
 * slot), so a day range is an index range found by binary search.
 */
export function createdAtOf(shape: StoreShape, index: number): number {
  if (shape.orders === 0) return shape.endAt;
  const step = (shape.endAt - shape.startAt) / shape.orders;
  const jitter = hash3(shape.seed, CREATED_SALT, index) / 4294967296;
  const at = shape.startAt + (index + jitter) * step;
  return Math.min(shape.endAt, Math.floor(at / 1000) * 1000);
}

export function customerIndexOf(shape: StoreShape, index: number): number {
  // Squaring skews toward low indices so some customers buy again and again.
  const u = hash3(shape.seed, CUSTOMER_SALT, index) / 4294967296;
  return Math.floor(u * u * shape.customers);
}

const STEP_DRAWS = 8;

/** How many statuses of `plan` an order created at `createdAt` has reached by `until` (at least 1). */
function reachedCount(
  plan: readonly StatusAlias[],
  createdAt: number,
  until: number,
  steps: ArrayLike<number>,
): number {
  let at = createdAt;
  for (let k = 1; k < plan.length; k++) {
    at += Math.round(stepHours(plan[k], steps[k % STEP_DRAWS]) * 3600) * 1000;
    if (at > until) return k;
  }
  return plan.length;
}

function historyOf(
  plan: readonly StatusAlias[],
  createdAt: number,
  reached: number,
  steps: ArrayLike<number>,
): HistoryEntry[] {
  const history: HistoryEntry[] = [{ alias: plan[0], at: createdAt }];
  let at = createdAt;
  for (let k = 1; k < reached; k++) {
    at += Math.round(stepHours(plan[k], steps[k % STEP_DRAWS]) * 3600) * 1000;
    history.push({ alias: plan[k], at });
  }
  return history;
}

// Scans over a million orders (status filter, updated_at sort) reuse one buffer instead of allocating per order.
const scratch = new Float64Array(STEP_DRAWS);

function drawPlan(
  shape: StoreShape,
  index: number,
  steps: Float64Array,
): { kind: PaymentKind; plan: readonly StatusAlias[] } {
  const rng = rngFor(shape.seed, 'order-skeleton', index);
  const kind = rng.weighted<PaymentKind>(KIND_WEIGHTS);
  const plan = statusPlan(kind, rng.next());
  for (let k = 0; k < STEP_DRAWS; k++) steps[k] = rng.next();
  return { kind, plan };
}

const KIND_WEIGHTS: readonly (readonly [PaymentKind, number])[] = [
  ['pix', 35],
  ['billet', 20],
  ['card', 45],
];

/** Current status and its time of a generated (not added, not mutated) order, without building its history. */
export function baseState(shape: StoreShape, index: number): { alias: StatusAlias; at: number } {
  const { plan } = drawPlan(shape, index, scratch);
  const createdAt = createdAtOf(shape, index);
  const reached = reachedCount(plan, createdAt, shape.endAt, scratch);
  let at = createdAt;
  for (let k = 1; k < reached; k++) at += Math.round(stepHours(plan[k], scratch[k % STEP_DRAWS]) * 3600) * 1000;
  return { alias: plan[reached - 1], at };
}

export function orderSkeleton(shape: StoreShape, index: number, createdAtOverride?: number): OrderSkeleton {
  const steps = new Float64Array(STEP_DRAWS);
  const { kind, plan } = drawPlan(shape, index, steps);
  const createdAt = createdAtOverride ?? createdAtOf(shape, index);
  // Orders created by a mutation start fresh; generated ones have lived until the store's end time.
  const reached = createdAtOverride === undefined ? reachedCount(plan, createdAt, shape.endAt, steps) : 1;
  const history = historyOf(plan, createdAt, reached, steps);
  return {
    index,
    id: shape.orderIdBase + index,
    number: shape.orderNumberBase + index,
    createdAt,
    customerIndex: customerIndexOf(shape, index),
    kind,
    plan,
    history,
  };
}
