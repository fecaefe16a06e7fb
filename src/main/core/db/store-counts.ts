import type { Db } from './open';

/** How much of a store is cached: shown in the store list and in the removal confirmation. */
export function countStoreRecords(db: Db, storeId: string): { orders: number; customers: number } {
  const orders = db.prepare('SELECT COUNT(*) AS n FROM orders WHERE store_id = ?').get(storeId) as { n: number };
  const customers = db.prepare('SELECT COUNT(*) AS n FROM customers WHERE store_id = ?').get(storeId) as { n: number };
  return { orders: orders.n, customers: customers.n };
}
