// Records as a full sync receives them, straight from the fake store's model (no HTTP): each order presented with
// every include the sync asks for, and each customer as the customer list sends it, beside what the normaliser reads
// from them. For the footprint bench, the bench caches' raw JSON and the fixture caches of test/db/fixtures.
import { presentCustomer, presentOrder, StoreModel } from '../src/main/core/fake-store';
import { normalizeCustomer, normalizeOrder } from '../src/main/core/normalize';
import { ORDER_INCLUDES } from '../src/main/core/sync';
import type { Customer } from '../src/shared/domain/customer';
import type { Order } from '../src/shared/domain/order';

const INCLUDES = new Set<string>(ORDER_INCLUDES);
const NONE = new Set<string>();

export interface ModelOptions {
  seed: number;
  orders: number;
  customers: number;
}

export function storeModel(options: ModelOptions): StoreModel {
  return new StoreModel(options);
}

/** The raw order record at that index, as a sync page holds it. */
export function rawOrder(model: StoreModel, index: number): Record<string, unknown> {
  return presentOrder(model.order(index), INCLUDES);
}

/**
 * A realistic raw record for a generated bench order (db-generator.ts): the model's record at that index, as the
 * sync receives it, carrying the bench order's id and number. Its other values are not the bench order's: it is
 * there for the size and make-up of what the cache keeps, not to be read back as that order.
 */
export function benchRaw(model: StoreModel, order: Pick<Order, 'id' | 'number'>, index: number): unknown {
  return { ...rawOrder(model, index % model.orderCount), id: order.id, number: order.number };
}

/** The model's orders in pages of `size`, each order with the raw record it was read from. */
export function* orderPages(
  model: StoreModel,
  storeId: string,
  size: number,
): Generator<{ orders: Order[]; raws: unknown[] }> {
  const ctx = { storeId, storeZone: 'America/Sao_Paulo' };
  for (let start = 0; start < model.orderCount; start += size) {
    const orders: Order[] = [];
    const raws: unknown[] = [];
    for (let i = start; i < Math.min(start + size, model.orderCount); i += 1) {
      const raw = rawOrder(model, i);
      const { order } = normalizeOrder(raw, ctx);
      if (order === null) continue;
      orders.push(order);
      raws.push(raw);
    }
    yield { orders, raws };
  }
}

/** The model's customers in pages of `size`, each with its raw record. */
export function* customerPages(
  model: StoreModel,
  storeId: string,
  size: number,
): Generator<{ customers: Customer[]; raws: unknown[] }> {
  const ctx = { storeId, storeZone: 'America/Sao_Paulo' };
  for (let start = 0; start < model.shape.customers; start += size) {
    const customers: Customer[] = [];
    const raws: unknown[] = [];
    for (let i = start; i < Math.min(start + size, model.shape.customers); i += 1) {
      const raw = presentCustomer(model.customer(i), NONE);
      const { customer } = normalizeCustomer(raw, ctx);
      if (customer === null) continue;
      customers.push(customer);
      raws.push(raw);
    }
    yield { customers, raws };
  }
}
