import type { Db } from '../db/open';

/** Statuses after which an order no longer changes: only the others are re-read by an incremental sync. */
export const FINAL_STATUSES = ['delivered', 'cancelled', 'refused', 'refunded'] as const;

const FINAL_LIST = FINAL_STATUSES.map((s) => `'${s}'`).join(', ');

/** The newest `created_at` (UTC ISO) cached for the store. */
export function newestCreated(db: Db, storeId: string): string | null {
  const row = db.prepare('SELECT max(created_utc) AS newest FROM orders WHERE store_id = ?').get(storeId) as {
    newest: string | null;
  };
  return row.newest;
}

/**
 * The number of the store's next run that brings orders: one past the last that brought any (a run that brought
 * none leaves no trace, so its number is used again, harmlessly). From the partial index of arrived orders.
 */
export function nextArrivalRun(db: Db, storeId: string): number {
  const row = db
    .prepare('SELECT max(arrival_run) AS last FROM orders WHERE store_id = ? AND arrival_run IS NOT NULL')
    .get(storeId) as { last: number | null };
  return (row.last ?? 0) + 1;
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
 * Up to `limit` orders that may still change but were created before `before`, those written longest ago
 * first: the incremental window does not list them, so each run reads a few by id and, run after run,
 * every one of them is refreshed. The open statuses come from the kept per-status totals, so the query
 * reads the status index for those statuses only, not the whole store.
 */
export function staleOpenOrders(db: Db, storeId: string, before: string, limit: number): number[] {
  const statuses = (
    db.prepare('SELECT status_alias FROM order_status_totals WHERE store_id = ? AND n > 0').all(storeId) as {
      status_alias: string;
    }[]
  )
    .map((r) => r.status_alias)
    .filter((alias) => !(FINAL_STATUSES as readonly string[]).includes(alias));
  if (statuses.length === 0) return [];
  // '' stands for orders whose status could not be read (NULL on the row): they may still change too.
  const known = statuses.filter((alias) => alias !== '');
  const which = [
    ...(known.length > 0 ? [`status_alias IN (${known.map(() => '?').join(', ')})`] : []),
    ...(statuses.includes('') ? ['status_alias IS NULL'] : []),
  ];
  const rows = db
    .prepare(
      `SELECT id FROM orders WHERE store_id = ? AND (${which.join(' OR ')}) AND created_utc < ? ORDER BY synced_at, id LIMIT ?`,
    )
    .all(storeId, ...known, before, limit) as { id: number }[];
  return rows.map((r) => r.id);
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

/** Which of `orderIds` the cache already holds for the store (one statement over a JSON list of ids). */
export function cachedOrderIds(db: Db, storeId: string, orderIds: readonly number[]): Set<number> {
  if (orderIds.length === 0) return new Set();
  const rows = db
    .prepare('SELECT id FROM orders WHERE store_id = ? AND id IN (SELECT value FROM json_each(?))')
    .all(storeId, JSON.stringify(orderIds)) as { id: number }[];
  return new Set(rows.map((r) => r.id));
}
