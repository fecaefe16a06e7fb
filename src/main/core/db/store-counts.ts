import type { Db } from './open';
import { stmt } from './statements';

/**
 * How much of a store is cached: shown in the store list and in the removal
 * confirmation. Orders come from the trigger-kept per-status totals, so this
 * stays instant at a million orders.
 */
export function countStoreRecords(db: Db, storeId: string): { orders: number; customers: number } {
  const orders = stmt(db, 'SELECT coalesce(sum(n), 0) AS n FROM order_status_totals WHERE store_id = ?').get(
    storeId,
  ) as { n: number };
  const customers = stmt(db, 'SELECT count(*) AS n FROM customers WHERE store_id = ?').get(storeId) as { n: number };
  return { orders: orders.n, customers: customers.n };
}
