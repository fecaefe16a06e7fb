import type { ReadableDB, WritableDB } from './connection';
import { packRawJson } from './raw-json';
import { sql } from './sql';
import { readAll, readOne, write } from './statements';
import { derivedVersions } from './derived-versions';

/** Raise it when rows must be packed again (never for a new dictionary: old ids stay readable). */
export const RAW_PACK_VERSION = 1;

/**
 * Rows of each table a batch packs: ~200 µs a row (the deflate), so some 40-80 ms a batch, short enough that a sync's
 * pages queued on the same writer thread wait little between them.
 */
export const RAW_REPACK_BATCH = 200;

/** Where the walk is: the last `pk` of each table packed. Kept in memory only; a new walk starts at zero. */
export interface RepackCursor {
  orderPk: number;
  customerPk: number;
}

export interface RepackStep {
  cursor: RepackCursor;
  /** Rows this batch packed. */
  packed: number;
  /** True once no row is left as text and the version says so. */
  done: boolean;
  /** How far the walk is: `done` of `total` by `pk` (deleted rows leave gaps, so it is a position, not a count). */
  position: { done: number; total: number };
}

export const REPACK_START: RepackCursor = { orderPk: 0, customerPk: 0 };

/** Whether rows that versions before migration 8 kept as text may be left (a file below migration 8 is left alone). */
export function rawRepackPending(db: ReadableDB): boolean {
  // Undefined below migration 8, which names it.
  const known = derivedVersions(db)?.get('raw');
  return known !== undefined && known < RAW_PACK_VERSION;
}

/**
 * Packs the next batch of raw JSON that versions before migration 8 kept as text, walking each table by `pk` from
 * `cursor`, in one transaction; when none is left, raises the version in the same transaction. It runs after the
 * open, a batch at a time on the writer thread (sync/raw-repack-run.ts), so opening an old cache does not wait for
 * it: every read takes a row packed or not (raw-json.ts, storedRawJson), and every write packs. A kill loses at most
 * the batch in flight; the next walk starts again at zero and skips what is packed.
 */
export function repackRawBatch(db: WritableDB, cursor: RepackCursor, batch = RAW_REPACK_BATCH): RepackStep {
  return db
    .transaction((): RepackStep => {
      const last = lastPks(db);
      const total = last.orders + last.customers;
      if (!rawRepackPending(db)) return { cursor, packed: 0, done: true, position: { done: total, total } };
      const orders = readAll(
        db,
        sql<{ pk: number; raw: string }>`SELECT pk, raw FROM orders WHERE pk > ${cursor.orderPk}
          AND raw_deflated IS NULL ORDER BY pk LIMIT ${batch}`,
      );
      for (const o of orders)
        write(db, sql`UPDATE orders SET raw = '', raw_deflated = ${packRawJson(o.raw, 'order')} WHERE pk = ${o.pk}`);
      const customers = readAll(
        db,
        sql<{ pk: number; raw: string }>`SELECT pk, raw FROM customers
          WHERE pk > ${cursor.customerPk} AND raw IS NOT NULL AND raw_deflated IS NULL ORDER BY pk LIMIT ${batch}`,
      );
      for (const c of customers)
        write(
          db,
          sql`UPDATE customers SET raw = NULL, raw_deflated = ${packRawJson(c.raw, 'customer')} WHERE pk = ${c.pk}`,
        );
      const packed = orders.length + customers.length;
      if (packed === 0) {
        write(db, sql`UPDATE derived_versions SET version = ${RAW_PACK_VERSION} WHERE name = 'raw'`);
        return { cursor, packed, done: true, position: { done: total, total } };
      }
      const next = {
        orderPk: orders.at(-1)?.pk ?? last.orders,
        customerPk: customers.at(-1)?.pk ?? last.customers,
      };
      return { cursor: next, packed, done: false, position: { done: next.orderPk + next.customerPk, total } };
    })
    .immediate();
}

function lastPks(db: ReadableDB): { orders: number; customers: number } {
  const orders = readOne(db, sql<{ n: number | null }>`SELECT max(pk) AS n FROM orders`)?.n ?? 0;
  const customers = readOne(db, sql<{ n: number | null }>`SELECT max(pk) AS n FROM customers`)?.n ?? 0;
  return { orders, customers };
}
