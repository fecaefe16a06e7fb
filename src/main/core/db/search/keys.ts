import type { Order } from '../../../../shared/domain/order';
import { AppError } from '../../base/app-error';
import type { ReadableDB, WritableDB } from '../connection';
import { sql, sqlConstant, sqlFragment } from '../sql';
import { readAll, readOne, write } from '../statements';
import { orderSearchTerms } from './terms';

/**
 * The orders' search index is keyed by each order's **search key**, not its pk: keys follow the lists' date
 * order (`created_utc, id`), so FTS5 yields a word's matches newest first and a page of a common word stops
 * after a hundred matches instead of gathering all of them (migration 003; BENCHMARKS.md). Keys are derived
 * data: written with each order, and placed again for every order by the reindex (reindex.ts).
 *
 * key = (store number × BUCKETS + bucket) × SLOTS + slot. Each store owns one range of keys
 * (`stores.search_no`, the smallest number free when it was added), so a search reads only its store's part of
 * the shared index, and one store's orders never land between another's. A bucket is a UTC day; inside it the
 * store's orders hold slots in (created_utc, id) order. Keys stay small numbers with small gaps between
 * neighbours, which is what FTS5 stores for each entry: keys from the creation millisecond were measured to
 * make the index 1.8 times larger, and the first store's keys stay under 2^30.
 */
export const SLOTS = 2 ** 14;
const BUCKETS = 2 ** 16;
/** Bucket 0: no readable creation time (SQLite sorts a NULL date below every date); 1: before 2000. */
const UNDATED = 0;
/** The last bucket: where an order goes when its day has no slot left (see placeSearchKey). */
export const OVERFLOW_BUCKET = BUCKETS - 1;
const DAY_2000 = Date.UTC(2000, 0, 1) / 86_400_000;

export function bucketOf(createdUtc: string | null): number {
  const day = createdUtc === null ? Number.NaN : Date.parse(`${createdUtc.slice(0, 10)}T00:00:00Z`) / 86_400_000;
  if (!Number.isFinite(day)) return UNDATED;
  return Math.min(OVERFLOW_BUCKET - 1, Math.max(1, day - DAY_2000 + 2));
}

export interface KeyRange {
  lo: number;
  hi: number;
}

/** The keys of a store's orders: `lo <= key < hi`. */
export function storeKeyRange(db: ReadableDB, storeId: string): KeyRange {
  const row = readOne(db, sql<{ search_no: number | null }>`SELECT search_no FROM stores WHERE id = ${storeId}`);
  const no = row?.search_no ?? 0;
  return { lo: no * BUCKETS * SLOTS, hi: (no + 1) * BUCKETS * SLOTS };
}

/** The number a new store takes: the smallest no other store holds, so keys stay small. */
export function freeSearchNo(db: ReadableDB): number {
  const taken = readAll(
    db,
    sql<{ search_no: number }>`SELECT search_no FROM stores WHERE search_no IS NOT NULL ORDER BY search_no`,
  ).map((r) => r.search_no);
  let no = 0;
  for (const t of taken) if (t === no) no += 1;
  return no;
}

export interface KeyMove {
  pk: number;
  from: number;
  to: number;
}

interface Placed {
  pk: number;
  id: number;
  created_utc: string | null;
  search_key: number;
}

/** The lists' date order. */
function compare(a: Omit<Placed, 'search_key'>, b: Omit<Placed, 'search_key'>): number {
  const ca = a.created_utc ?? '';
  const cb = b.created_utc ?? '';
  return ca < cb ? -1 : ca > cb ? 1 : a.id - b.id || a.pk - b.pk;
}

const COLUMNS = sqlFragment`pk, id, created_utc, search_key`;

/**
 * Gives order `pk` of store `storeId` (its search_key NULL) its key. The first order of a day takes the
 * middle slot; an order after (or before) all of its day's takes the next slot up (or down): a sync reads
 * pages in date order one way or the other, so that is nearly every order. One that falls between two others
 * takes the middle of the gap between them. With no room, the day's orders are laid out again: packed at the
 * far end when the new one is the newest or the oldest (the way a sync goes on), else spread evenly; the keys
 * that moved are returned so the caller can move their FTS rows. A day with no slot left at all (over 16,383
 * orders of one store in one UTC day) sends the order to the store's overflow bucket: still found, but listed
 * first among a search's results.
 */
export function placeSearchKey(
  db: WritableDB,
  storeId: string,
  pk: number,
  id: number,
  createdUtc: string | null,
): { key: number; moved: KeyMove[] } {
  const store = storeKeyRange(db, storeId);
  const lo = store.lo + bucketOf(createdUtc) * SLOTS;
  const hi = lo + SLOTS;
  const me = { pk, id, created_utc: createdUtc };
  const set = (key: number | null, rowPk: number) =>
    write(db, sql`UPDATE orders SET search_key = ${key} WHERE pk = ${rowPk}`);
  const done = (key: number) => {
    set(key, pk);
    return { key, moved: [] };
  };
  const inDay = sqlFragment`search_key >= ${lo} AND search_key < ${hi}`;
  const last = readOne(db, sql<Placed>`SELECT ${COLUMNS} FROM orders WHERE ${inDay} ORDER BY search_key DESC LIMIT 1`);
  if (last === undefined) return done(lo + SLOTS / 2);
  if (compare(me, last) > 0 && last.search_key + 1 < hi) return done(last.search_key + 1);
  const first = readOne(db, sql<Placed>`SELECT ${COLUMNS} FROM orders WHERE ${inDay} ORDER BY search_key LIMIT 1`);
  if (first === undefined) return done(lo + SLOTS / 2);
  if (compare(me, first) < 0 && first.search_key > lo) return done(first.search_key - 1);
  if (compare(me, first) > 0 && compare(me, last) < 0) {
    // Down from the top, the first order before this one; its successor in key order is the one after.
    const before = readOne(
      db,
      sql<Placed>`SELECT ${COLUMNS} FROM orders WHERE ${inDay} AND (coalesce(created_utc, ''), id, pk) < (${createdUtc ?? ''}, ${id}, ${pk})
        ORDER BY search_key DESC LIMIT 1`,
    );
    const after =
      before === undefined
        ? undefined
        : readOne(
            db,
            sql<Placed>`SELECT ${COLUMNS} FROM orders WHERE search_key > ${before.search_key} AND search_key < ${hi}
              ORDER BY search_key LIMIT 1`,
          );
    if (before !== undefined && after !== undefined && after.search_key - before.search_key > 1)
      return done(Math.floor((before.search_key + after.search_key) / 2));
  }
  const day = readAll(db, sql<Placed>`SELECT ${COLUMNS} FROM orders WHERE ${inDay}`);
  if (day.length >= SLOTS - 1) return done(overflowKey(db, store.lo));
  const ranked = [...day, { ...me, search_key: Number.NaN }].sort(compare);
  const at = ranked.findIndex((row) => row.pk === pk);
  const n = ranked.length;
  const slotOf =
    at === 0
      ? (i: number) => hi - n + i
      : at === n - 1
        ? (i: number) => lo + i
        : (i: number) => lo + Math.floor(((i + 1) * SLOTS) / (n + 1));
  // Clear first: the unique index must never see two rows on one key mid-move.
  for (const row of day) set(null, row.pk);
  const moved: KeyMove[] = [];
  ranked.forEach((row, i) => {
    set(slotOf(i), row.pk);
    if (row.pk !== pk && row.search_key !== slotOf(i)) moved.push({ pk: row.pk, from: row.search_key, to: slotOf(i) });
  });
  return { key: slotOf(at), moved };
}

/** The next free key of the store's overflow bucket, from the top down (newest first, as overflow goes). */
function overflowKey(db: ReadableDB, storeLo: number): number {
  const lo = storeLo + OVERFLOW_BUCKET * SLOTS;
  const lowest = readOne(
    db,
    sql<{
      k: number | null;
    }>`SELECT min(search_key) AS k FROM orders WHERE search_key >= ${lo} AND search_key < ${lo + SLOTS}`,
  );
  const key = lowest === undefined || lowest.k === null ? lo + SLOTS - 1 : lowest.k - 1;
  if (key < lo) throw new AppError('INTERNAL', 'too many orders in one day of this store for the search index');
  return key;
}

/** The cached columns an order's search terms are made of (`o` is the orders row). */
const ORDER_TERMS_COLUMNS = sqlFragment`o.pk, o.id, o.number, o.customer_name, o.customer_email, o.customer_tax_id, o.customer_phone,
  o.tracking_code, o.promocode_code,
  (SELECT json_group_array(json_array(sku, name)) FROM order_items WHERE order_pk = o.pk) AS items,
  a.city, a.zipcode`;
const ORDER_TERMS_FROM = sqlFragment`orders o LEFT JOIN order_addresses a ON a.order_pk = o.pk AND a.kind = 'shipping'`;

interface OrderTermsRow {
  pk: number;
  id: number;
  number: number | null;
  customer_name: string | null;
  customer_email: string | null;
  customer_tax_id: string | null;
  customer_phone: string | null;
  tracking_code: string | null;
  promocode_code: string | null;
  /** `[[sku, name], …]` */
  items: string;
  city: string | null;
  zipcode: string | null;
}

const textOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The search terms of a cached order, as orderSearchTerms makes them for an order being written. */
function cachedOrderTerms(row: OrderTermsRow): string {
  const customer = {
    name: row.customer_name,
    email: row.customer_email,
    taxId: row.customer_tax_id,
    phone: row.customer_phone,
  };
  const parsed: unknown = JSON.parse(row.items);
  const items = (Array.isArray(parsed) ? parsed : []).map((item: unknown) => {
    const [sku, name] = Array.isArray(item) ? (item as unknown[]) : [];
    return { sku: textOrNull(sku), name: textOrNull(name) };
  });
  return orderSearchTerms({
    id: row.id,
    number: row.number,
    customer,
    trackingCode: row.tracking_code,
    items,
    shippingAddress: { city: row.city, zipcode: row.zipcode },
    promocode: { code: row.promocode_code },
  });
}

/**
 * The search terms of up to `batch` cached orders after pk `afterPk`, in pk order, with their search keys (the
 * reindex reads them in batches: a connection cannot write while one of its statements is still iterating).
 */
export function cachedTermsBatch(
  db: ReadableDB,
  afterPk: number,
  batch: number,
): { pk: number; searchKey: number | null; terms: string }[] {
  return readAll(
    db,
    sql<
      OrderTermsRow & { search_key: number | null }
    >`SELECT o.search_key, ${ORDER_TERMS_COLUMNS} FROM ${ORDER_TERMS_FROM}
      WHERE o.pk > ${afterPk} ORDER BY o.pk LIMIT ${sqlConstant(batch)}`,
  ).map((row) => ({ pk: row.pk, searchKey: row.search_key, terms: cachedOrderTerms(row) }));
}

/**
 * Writes the search row of an order just upserted. `previous` is the row as it was before (undefined for
 * a new order): its key stays while the creation time does, else the order is placed again.
 */
export function writeOrderSearchRow(
  db: WritableDB,
  pk: number,
  order: Order,
  previous: { search_key: number | null; created_utc: string | null } | undefined,
): void {
  const created = order.createdAt?.utc ?? null;
  const insert = (key: number, terms: string) =>
    write(db, sql`INSERT INTO orders_fts (rowid, terms) VALUES (${key}, ${terms})`);
  const remove = (key: number) => write(db, sql`DELETE FROM orders_fts WHERE rowid = ${key}`);
  if (previous !== undefined && previous.search_key !== null) {
    remove(previous.search_key);
    if (previous.created_utc === created) {
      insert(previous.search_key, orderSearchTerms(order));
      return;
    }
    write(db, sql`UPDATE orders SET search_key = NULL WHERE pk = ${pk}`);
  }
  const { key, moved } = placeSearchKey(db, order.storeId, pk, order.id, created);
  // All removals before any insert: a moved order may take a key another one just left.
  for (const move of moved) remove(move.from);
  for (const move of moved) {
    const row = readOne(
      db,
      sql<OrderTermsRow>`SELECT ${ORDER_TERMS_COLUMNS} FROM ${ORDER_TERMS_FROM} WHERE o.pk = ${move.pk}`,
    );
    if (row !== undefined) insert(move.to, cachedOrderTerms(row));
  }
  insert(key, orderSearchTerms(order));
}

const BATCH = 5000;

/**
 * Gives every cached order its search key and rebuilds the orders' search index from the cached columns
 * (the reindex). Each store's orders are placed in (creation, id) order, so each lands next to the one
 * before; the index rows are written once every key is placed, so keys that move meanwhile (several stores
 * sharing a day) cost nothing. Rows are read in batches (see cachedTermsBatch).
 */
export function rebuildOrderSearchIndex(db: WritableDB): void {
  write(db, sql`UPDATE orders SET search_key = NULL`);
  write(db, sql`INSERT INTO orders_fts (orders_fts) VALUES ('delete-all')`);
  type Row = { pk: number; id: number; created_utc: string | null };
  const limit = sqlConstant(BATCH);
  for (const { id: storeId } of readAll(db, sql<{ id: string }>`SELECT id FROM stores`)) {
    const undated = readAll(
      db,
      sql<Row>`SELECT pk, id, created_utc FROM orders WHERE store_id = ${storeId} AND created_utc IS NULL ORDER BY id`,
    );
    for (const row of undated) placeSearchKey(db, storeId, row.pk, row.id, null);
    const page = (after: Row | null) =>
      readAll(
        db,
        sql<Row>`SELECT pk, id, created_utc FROM orders WHERE store_id = ${storeId} AND ${
          after === null
            ? sqlFragment`created_utc IS NOT NULL`
            : sqlFragment`(created_utc, id) > (${after.created_utc}, ${after.id})`
        } ORDER BY created_utc, id LIMIT ${limit}`,
      );
    for (let rows = page(null); rows.length > 0;) {
      for (const row of rows) placeSearchKey(db, storeId, row.pk, row.id, row.created_utc);
      rows = rows.length < BATCH ? [] : page(rows[rows.length - 1]);
    }
  }
  for (let after = 0; ;) {
    const rows = cachedTermsBatch(db, after, BATCH);
    for (const row of rows)
      write(db, sql`INSERT INTO orders_fts (rowid, terms) VALUES (${row.searchKey}, ${row.terms})`);
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1].pk;
  }
}
