import type { Db } from '../db/open';

/** Statuses after which an order no longer changes: only the others are re-read by an incremental sync. */
export const FINAL_STATUSES = ['delivered', 'cancelled', 'refused', 'refunded'] as const;

const FINAL_LIST = FINAL_STATUSES.map((s) => `'${s}'`).join(', ');

/** The newest `created_at` (UTC ISO) cached for the store. */
export function newestCreated(db: Db, storeId: string): string | null {
  const row = db.prepare('SELECT max(created_utc) AS newest FROM orders WHERE store_id = ?').get(storeId) as { newest: string | null };
  return row.newest;
}

/** Orders that may still change, created at or after `since` (UTC ISO): id and creation time. */
export function openOrdersSince(db: Db, storeId: string, since: string): { id: number; createdUtc: string }[] {
  return (
    db
      .prepare(
        `SELECT id, created_utc FROM orders WHERE store_id = ? AND created_utc >= ?
         AND (status_alias IS NULL OR status_alias NOT IN (${FINAL_LIST})) ORDER BY created_utc`,
      )
      .all(storeId, since) as { id: number; created_utc: string }[]
  ).map((r) => ({ id: r.id, createdUtc: r.created_utc }));
}

/**
 * Customers of `orderIds` known only from an order (never read from the customers endpoint). One statement over a
 * JSON list of ids: thousands of point queries would hold the main thread for tens of milliseconds.
 */
export function stubCustomersOfOrders(db: Db, storeId: string, orderIds: readonly number[]): number[] {
  if (orderIds.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT DISTINCT c.id FROM orders o JOIN customers c ON c.store_id = o.store_id AND c.id = o.customer_id
       WHERE o.store_id = ? AND o.id IN (SELECT value FROM json_each(?)) AND c.source = 'order'`,
    )
    .all(storeId, JSON.stringify(orderIds)) as { id: number }[];
  return rows.map((r) => r.id);
}
