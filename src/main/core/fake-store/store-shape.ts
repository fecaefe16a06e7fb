import { hash3, saltOf } from './prng';

/** Where the generated history of a store ends unless told otherwise: fixed, so a seed always gives the same store. */
export const DEFAULT_END_AT = Date.parse('2025-11-28T21:00:00-03:00');

export interface StoreShapeOptions {
  seed: number;
  orders: number;
  customers: number;
  /** Epoch ms of the newest generated order (mutations add later ones at the clock's time). */
  endAt?: number;
  /** How far back the generated orders go; by default grows with the store, 120 to 730 days. */
  spanDays?: number;
}

/** The numbers every lazy record is derived from. */
export interface StoreShape {
  readonly seed: number;
  readonly orders: number;
  readonly customers: number;
  readonly endAt: number;
  readonly startAt: number;
  readonly merchantId: number;
  readonly orderIdBase: number;
  readonly orderNumberBase: number;
  readonly customerIdBase: number;
}

export function storeShape(options: StoreShapeOptions): StoreShape {
  const { seed } = options;
  if (!Number.isInteger(options.orders) || options.orders < 0)
    throw new RangeError('orders must be a non-negative integer');
  if (!Number.isInteger(options.customers) || options.customers < 1)
    throw new RangeError('customers must be a positive integer');
  const endAt = options.endAt ?? DEFAULT_END_AT;
  const spanDays = options.spanDays ?? Math.min(730, Math.max(120, Math.ceil(options.orders / 50)));
  const h = hash3(seed, saltOf('shape'), 0);
  return {
    seed,
    orders: options.orders,
    customers: options.customers,
    endAt,
    startAt: endAt - spanDays * 86_400_000,
    merchantId: 1000 + (h % 9000),
    orderIdBase: 1_000_000 + (h % 997) * 1000,
    orderNumberBase: 1000 + (h % 89) * 100,
    customerIdBase: 200_000 + (h % 991) * 100,
  };
}
