import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listOrders, writeOrderPage } from '../../src/main/core/db';
import { bucketOf, OVERFLOW_KEY_BASE, SLOTS } from '../../src/main/core/db/order-search-index';
import type { Order } from '../../src/shared/domain/order';
import { addTestStore, makeOrder, tempDb, type TempDb } from './helpers';

// Few instants and few ids, so writes pile orders into one millisecond in every arrival order, move
// orders between instants, and give two stores the same instant.
const INSTANTS = ['2024-03-01T12:00:00.000Z', '2024-03-01T12:00:00.001Z', '2024-03-01T12:00:01.000Z', '2023-12-31T23:59:59.999Z', null];
const STORES = ['store-a', 'store-b'];

let t: TempDb;
beforeEach(() => {
  t = tempDb();
  for (const store of STORES) addTestStore(t.db, store);
});
afterEach(() => t.close());

function orderAt(id: number, instant: string | null, storeId: string): Order {
  return makeOrder(id, { createdAt: instant === null ? null : { utc: instant, zone: 'America/Sao_Paulo' } }, storeId);
}

interface Row {
  store_id: string;
  id: number;
  created_utc: string | null;
  search_key: number;
  tracking_code: string;
}

const rowsOf = () => t.db.prepare('SELECT store_id, id, created_utc, search_key, tracking_code FROM orders').all() as Row[];

/** The lists' date order, oldest first: NULL dates first (as SQLite sorts them), then by time, then id. */
const byDateThenId = (a: Row, b: Row) =>
  a.created_utc === b.created_utc ? a.id - b.id : a.created_utc === null ? -1 : b.created_utc === null ? 1 : a.created_utc < b.created_utc ? -1 : 1;

/** What must hold after any sequence of writes. */
function checkIndex(): void {
  const rows = rowsOf();
  expect(rows.every((r) => Number.isSafeInteger(r.search_key))).toBe(true);
  expect(new Set(rows.map((r) => r.search_key)).size).toBe(rows.length);
  for (const store of STORES) {
    const mine = rows.filter((r) => r.store_id === store);
    expect([...mine].sort((a, b) => a.search_key - b.search_key).map((r) => r.id)).toEqual([...mine].sort(byDateThenId).map((r) => r.id));
  }
  // One search row per order, on the order's key: moved orders left nothing behind.
  expect((t.db.prepare('SELECT count(*) AS n FROM orders_fts').get() as { n: number }).n).toBe(rows.length);
  const keysOf = t.db.prepare('SELECT rowid AS k FROM orders_fts WHERE orders_fts MATCH ? ORDER BY rowid');
  for (const code of new Set(rows.map((r) => r.tracking_code))) {
    const expected = rows.filter((r) => r.tracking_code === code).map((r) => r.search_key).sort((a, b) => a - b);
    expect((keysOf.all(`"${code}"`) as { k: number }[]).map((r) => r.k)).toEqual(expected);
  }
}

describe('search keys', () => {
  it('stay unique and in the lists\' date order, with one search row each, whatever order orders arrive and move in', () => {
    const write = fc.record({
      store: fc.constantFrom(...STORES),
      orders: fc.array(fc.record({ id: fc.integer({ min: 1, max: 40 }), instant: fc.constantFrom(...INSTANTS) }), { minLength: 1, maxLength: 12 }),
    });
    fc.assert(
      fc.property(fc.array(write, { minLength: 1, maxLength: 25 }), (writes) => {
        t.db.exec('DELETE FROM orders');
        for (const { store, orders } of writes) {
          // One page holds an order once, as the API's pages do.
          const page = [...new Map(orders.map((o) => [o.id, orderAt(o.id, o.instant, store)])).values()];
          writeOrderPage(t.db, store, page, page.map(() => ({})), [], null);
        }
        checkIndex();
      }),
      { numRuns: 120 },
    );
  });

  it('a search lists orders exactly as the unsearched list does, ties in one millisecond included', () => {
    // Arriving newest id first: every order of a millisecond lands below the ones already there.
    const orders = [7, 3, 9, 1, 8, 2].flatMap((k) => INSTANTS.map((instant, i) => orderAt(k * 10 + i, instant, 'store-a')));
    for (const order of orders) writeOrderPage(t.db, 'store-a', [order], [{}], [], null);
    for (const direction of ['asc', 'desc'] as const) {
      const sort = { key: 'date', direction } as const;
      // Every test order's customer is a "Cliente n": the search matches them all.
      const searched = listOrders(t.db, 'store-a', { search: 'cliente', sort }).rows.map((r) => r.id);
      expect(searched).toEqual(listOrders(t.db, 'store-a', { sort }).rows.map((r) => r.id));
      expect(searched).toHaveLength(orders.length);
    }
    checkIndex();
  });

  it('sends an order whose day has no slot left past every day, where it is still found, and moves nobody', () => {
    const day = INSTANTS[0]!;
    const lo = bucketOf(day) * SLOTS;
    // A day already full of another store's orders, ids even, on consecutive keys: no gap, no room to spread.
    t.db
      .prepare(
        `WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < ?)
         INSERT INTO orders (store_id, id, created_utc, raw, synced_at, search_key) SELECT 'store-b', 2 * k, ?, '{}', ?, ? + k FROM n`,
      )
      .run(SLOTS - 1, day, day, lo);
    const before = rowsOf();
    const order = orderAt(2 * 5000 + 1, day, 'store-a');
    writeOrderPage(t.db, 'store-a', [order], [{}], [], null);
    const key = (t.db.prepare("SELECT search_key AS k FROM orders WHERE store_id = 'store-a'").get() as { k: number }).k;
    expect(key).toBeGreaterThanOrEqual(OVERFLOW_KEY_BASE);
    expect(rowsOf().filter((r) => r.store_id === 'store-b')).toEqual(before);
    expect(listOrders(t.db, 'store-a', { search: order.trackingCode! }).rows.map((r) => r.id)).toEqual([order.id]);
  });
});
