import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listOrders, writeOrderPage } from '../../src/main/core/db';
import { bucketOf, OVERFLOW_BUCKET, SLOTS, storeKeyRange } from '../../src/main/core/db/search/keys';
import { orderSearchTerms } from '../../src/main/core/db/search/terms';
import type { Order } from '../../src/shared/domain/order';
import { addTestStore, makeOrder, tempDb, type TempDb } from './helpers';

// Few instants and few ids, so writes pile orders into one millisecond in every arrival order, move
// orders between instants, and give two stores the same instant.
const INSTANTS = [
  '2024-03-01T12:00:00.000Z',
  '2024-03-01T12:00:00.001Z',
  '2024-03-01T12:00:01.000Z',
  '2023-12-31T23:59:59.999Z',
  null,
];
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

const rowsOf = () =>
  t.db.prepare('SELECT store_id, id, created_utc, search_key, tracking_code FROM orders').all() as Row[];

/** The lists' date order, oldest first: NULL dates first (as SQLite sorts them), then by time, then id. */
const byDateThenId = (a: Row, b: Row) =>
  a.created_utc === b.created_utc
    ? a.id - b.id
    : a.created_utc === null
      ? -1
      : b.created_utc === null
        ? 1
        : a.created_utc < b.created_utc
          ? -1
          : 1;

/** What must hold after any sequence of writes. */
function checkIndex(): void {
  const rows = rowsOf();
  expect(rows.every((r) => Number.isSafeInteger(r.search_key))).toBe(true);
  expect(new Set(rows.map((r) => r.search_key)).size).toBe(rows.length);
  for (const store of STORES) {
    const mine = rows.filter((r) => r.store_id === store);
    expect([...mine].sort((a, b) => a.search_key - b.search_key).map((r) => r.id)).toEqual(
      [...mine].sort(byDateThenId).map((r) => r.id),
    );
  }
  // One search row per order, on the order's key: moved orders left nothing behind.
  expect((t.db.prepare('SELECT count(*) AS n FROM orders_fts').get() as { n: number }).n).toBe(rows.length);
  const keysOf = t.db.prepare('SELECT rowid AS k FROM orders_fts WHERE orders_fts MATCH ? ORDER BY rowid');
  for (const code of new Set(rows.map((r) => r.tracking_code))) {
    const expected = rows
      .filter((r) => r.tracking_code === code)
      .map((r) => r.search_key)
      .sort((a, b) => a - b);
    expect((keysOf.all(`"${code}"`) as { k: number }[]).map((r) => r.k)).toEqual(expected);
  }
}

describe('search keys', () => {
  it("stay unique and in the lists' date order, with one search row each, whatever order orders arrive and move in", () => {
    const write = fc.record({
      store: fc.constantFrom(...STORES),
      orders: fc.array(fc.record({ id: fc.integer({ min: 1, max: 40 }), instant: fc.constantFrom(...INSTANTS) }), {
        minLength: 1,
        maxLength: 12,
      }),
    });
    fc.assert(
      fc.property(fc.array(write, { minLength: 1, maxLength: 25 }), (writes) => {
        t.db.exec('DELETE FROM orders');
        for (const { store, orders } of writes) {
          // One page holds an order once, as the API's pages do.
          const page = [...new Map(orders.map((o) => [o.id, orderAt(o.id, o.instant, store)])).values()];
          writeOrderPage(
            t.db,
            store,
            page,
            page.map(() => ({})),
            [],
            null,
          );
        }
        checkIndex();
      }),
      { numRuns: 120 },
    );
  });

  it('a search lists orders exactly as the unsearched list does, ties in one millisecond included', () => {
    // Arriving newest id first: every order of a millisecond lands below the ones already there.
    const orders = [7, 3, 9, 1, 8, 2].flatMap((k) =>
      INSTANTS.map((instant, i) => orderAt(k * 10 + i, instant, 'store-a')),
    );
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

  it("keeps each store's orders in its own range: a second store's orders move none of the first's", () => {
    const day = (k: number) => `2024-03-01T12:00:${String(k).padStart(2, '0')}.000Z`;
    const a = Array.from({ length: 30 }, (_, k) => orderAt(k + 1, day(2 * k), 'store-a'));
    writeOrderPage(
      t.db,
      'store-a',
      a,
      a.map(() => ({})),
      [],
      null,
    );
    const before = rowsOf().filter((r) => r.store_id === 'store-a');
    // Store b's orders fall between store a's in time, newest first as a sync reads them.
    const b = Array.from({ length: 30 }, (_, k) => orderAt(k + 1, day(2 * k + 1), 'store-b')).reverse();
    for (const order of b) writeOrderPage(t.db, 'store-b', [order], [{}], [], null);
    expect(rowsOf().filter((r) => r.store_id === 'store-a')).toEqual(before);
    for (const store of STORES) {
      const { lo, hi } = storeKeyRange(t.db, store);
      expect(
        rowsOf()
          .filter((r) => r.store_id === store)
          .every((r) => r.search_key >= lo && r.search_key < hi),
      ).toBe(true);
    }
    checkIndex();
  });

  it('when a day has no room left at the end a sync goes towards, lays it out again with all the room on that side', () => {
    const day = '2024-03-01';
    const lo = storeKeyRange(t.db, 'store-a').lo + bucketOf(`${day}T00:00:00.000Z`) * SLOTS;
    const order = (id: number, second: number) =>
      orderAt(id, `${day}T12:00:${String(second).padStart(2, '0')}.000Z`, 'store-a');
    writeOrderPage(t.db, 'store-a', [order(10, 30), order(11, 31)], [{}, {}], [], null);
    const keyOf = (id: number) =>
      (
        t.db.prepare("SELECT search_key AS k FROM orders WHERE store_id = 'store-a' AND id = ?").get(id) as {
          k: number;
        }
      ).k;
    // As if older orders had already taken every slot below: the oldest sits on the day's first slot
    // (its search row moved with it).
    t.db.prepare('DELETE FROM orders_fts WHERE rowid = ?').run(keyOf(10));
    t.db.prepare("UPDATE orders SET search_key = ? WHERE store_id = 'store-a' AND id = 10").run(lo);
    t.db.prepare('INSERT INTO orders_fts (rowid, terms) VALUES (?, ?)').run(lo, orderSearchTerms(order(10, 30)));
    writeOrderPage(t.db, 'store-a', [order(9, 29)], [{}], [], null);
    // Packed at the top: everything below is free for the older orders still to come.
    expect([keyOf(9), keyOf(10), keyOf(11)]).toEqual([lo + SLOTS - 3, lo + SLOTS - 2, lo + SLOTS - 1]);
    writeOrderPage(t.db, 'store-a', [order(8, 28)], [{}], [], null);
    expect(keyOf(8)).toBe(lo + SLOTS - 4);
    // And the other way: the newest on the last slot, a newer one packs the day at the bottom.
    writeOrderPage(t.db, 'store-a', [order(12, 40)], [{}], [], null);
    expect([keyOf(8), keyOf(9), keyOf(10), keyOf(11), keyOf(12)]).toEqual([lo, lo + 1, lo + 2, lo + 3, lo + 4]);
    checkIndex();
  });

  it("sends an order whose day has no slot left to its store's overflow bucket, where it is still found, and moves nobody", () => {
    const day = INSTANTS[0]!;
    const lo = storeKeyRange(t.db, 'store-a').lo + bucketOf(day) * SLOTS;
    // A day already full of orders, ids even, on consecutive keys: no gap, no room to spread.
    t.db
      .prepare(
        `WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < ?)
         INSERT INTO orders (store_id, id, created_utc, raw, synced_at, search_key) SELECT 'store-a', 2 * k, ?, '{}', ?, ? + k FROM n`,
      )
      .run(SLOTS - 1, day, day, lo);
    const before = rowsOf();
    const order = orderAt(2 * 5000 + 1, day, 'store-a');
    writeOrderPage(t.db, 'store-a', [order], [{}], [], null);
    const key = (
      t.db.prepare("SELECT search_key AS k FROM orders WHERE store_id = 'store-a' AND id = ?").get(order.id) as {
        k: number;
      }
    ).k;
    const overflow = storeKeyRange(t.db, 'store-a').lo + OVERFLOW_BUCKET * SLOTS;
    expect(key).toBeGreaterThanOrEqual(overflow);
    expect(key).toBeLessThan(overflow + SLOTS);
    expect(rowsOf().filter((r) => r.id !== order.id)).toEqual(before);
    expect(listOrders(t.db, 'store-a', { search: order.trackingCode! }).rows.map((r) => r.id)).toEqual([order.id]);
  });
});
