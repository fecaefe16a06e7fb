import type { ReadableDB } from './connection';
import { sql, type SqlQuery } from './sql';
import { readOne } from './statements';

/**
 * How much of a store is cached: shown in the store list and in the removal
 * confirmation. Orders come from the trigger-kept per-status totals, so this
 * stays instant at a million orders.
 */
export function countStoreRecords(db: ReadableDB, storeId: string): { orders: number; customers: number } {
  const count = (query: SqlQuery<{ n: number }>) => readOne(db, query)?.n ?? 0;
  return {
    orders: count(sql`SELECT coalesce(sum(n), 0) AS n FROM order_status_totals WHERE store_id = ${storeId}`),
    customers: count(sql`SELECT count(*) AS n FROM customers WHERE store_id = ${storeId}`),
  };
}
