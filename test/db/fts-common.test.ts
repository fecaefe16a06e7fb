import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countOrders,
  listOrders,
  orderListSql,
  orderStatusCounts,
  setReview,
  writeOrderPage,
} from '../../src/main/core/db';
import { COMMON_SEARCH_MATCHES } from '../../src/main/core/db';
import type { Order } from '../../src/shared/domain/order';
import type { OrderQuery } from '../../src/shared/domain/query';
import { addTestStore, makeOrder, tempDb, type TempDb } from './helpers';

// Enough orders sharing a surname to cross the common-term threshold, plus a rare name.
const COUNT = COMMON_SEARCH_MATCHES + 300;
let t: TempDb;
let orders: Order[];
beforeAll(() => {
  t = tempDb();
  addTestStore(t.db);
  orders = Array.from({ length: COUNT }, (_, k) => {
    const id = k + 1;
    const name = id % 997 === 0 ? 'Otília Peçanha' : `Cliente ${id % 50} Silva`;
    const status =
      id % 3 === 0 ? { alias: 'cancelled', name: 'Cancelado', id: 5 } : { alias: 'paid', name: 'Pago', id: 4 };
    return makeOrder(id, {
      status,
      customer: { id: 10 + (id % 50), name, email: null, taxId: null, phone: null },
      items: [],
    });
  });
  for (let i = 0; i < COUNT; i += 100) {
    const page = orders.slice(i, i + 100);
    writeOrderPage(
      t.db,
      'store-a',
      page,
      page.map(() => ({})),
      [],
      null,
    );
  }
});
afterAll(() => t.close());

const newestFirst = (list: Order[]) =>
  [...list]
    .sort((a, b) =>
      a.createdAt!.utc === b.createdAt!.utc ? b.id - a.id : a.createdAt!.utc < b.createdAt!.utc ? 1 : -1,
    )
    .map((o) => o.id);

const planOf = (query: OrderQuery) => {
  const { sql, params } = orderListSql(t.db, 'store-a', query);
  return (t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
    .map((r) => r.detail)
    .join('\n');
};
const byNumber = (list: Order[]) => [...list].sort((a, b) => a.number! - b.number! || a.id - b.id).map((o) => o.id);
const silvas = () => orders.filter((o) => o.customer?.name?.endsWith('Silva'));

describe('search plans', () => {
  it('streams a common term from the search index in date order, with the right page and total', () => {
    expect(planOf({ search: 'silva' })).toMatch(
      /SCAN orders_fts VIRTUAL TABLE[^\n]*\nSEARCH o USING INDEX orders_by_search_key/,
    );
    expect(planOf({ search: 'silva' })).not.toMatch(/TEMP B-TREE/);
    const expected = newestFirst(silvas());
    const page = listOrders(t.db, 'store-a', { search: 'silva', offset: 100, limit: 50 });
    // More matches than a search total counts: reported as "more than COMMON_SEARCH_MATCHES".
    expect(expected.length).toBeGreaterThan(COMMON_SEARCH_MATCHES);
    expect(page).toMatchObject({ total: COMMON_SEARCH_MATCHES, totalIsExact: false });
    expect(countOrders(t.db, 'store-a', { search: 'silva' }, Infinity)).toEqual({
      total: expected.length,
      totalIsExact: true,
    });
    expect(page.rows.map((r) => r.id)).toEqual(expected.slice(100, 150));
    const oldest = listOrders(t.db, 'store-a', { search: 'silva', sort: { key: 'date', direction: 'asc' }, limit: 30 });
    expect(oldest.rows.map((r) => r.id)).toEqual([...expected].reverse().slice(0, 30));
  });

  it('treats a begun word like the whole one: same plan, page and capped total whether or not the exact token is common', () => {
    const expected = newestFirst(silvas());
    for (const search of ['silva', 'silv', 'cliente silv']) {
      expect(planOf({ search })).toMatch(/SCAN orders_fts/);
      const page = listOrders(t.db, 'store-a', { search, limit: 100 });
      expect(page.rows.map((r) => r.id)).toEqual(expected.slice(0, 100));
      expect(page).toMatchObject({ total: COMMON_SEARCH_MATCHES, totalIsExact: false });
    }
    expect(listOrders(t.db, 'store-a', { search: 'silv', statuses: ['nothing'] })).toMatchObject({
      total: 0,
      totalIsExact: true,
    });
  });

  it('counts a search total past the cap when the page itself lies beyond it, so "next" stays right', () => {
    const expected = newestFirst(silvas());
    const deep = listOrders(t.db, 'store-a', { search: 'silva', offset: 2000, limit: 100 });
    expect(deep.rows.map((r) => r.id)).toEqual(expected.slice(2000, 2100));
    expect(deep).toMatchObject({ total: 2100, totalIsExact: false });
    const last = listOrders(t.db, 'store-a', { search: 'silva', offset: 2200, limit: 100 });
    expect(last.rows.map((r) => r.id)).toEqual(expected.slice(2200));
    expect(last).toMatchObject({ total: expected.length, totalIsExact: true });
  });

  it('counts status chips for a search like its total: exact up to the cap, lower bounds past it', () => {
    const perStatus = (list: Order[]) => {
      const counts = new Map<string, number>();
      for (const o of list) counts.set(o.status!.alias, (counts.get(o.status!.alias) ?? 0) + 1);
      return counts;
    };
    const all = perStatus(silvas());
    const capped = orderStatusCounts(t.db, 'store-a', { search: 'silva', statuses: ['paid'] });
    expect(capped.map((c) => c.alias).sort()).toEqual(['cancelled', 'paid']);
    expect(capped.every((c) => !c.countIsExact && c.count <= all.get(c.alias)!)).toBe(true);
    // The newest cap + 1 matches were counted.
    expect(new Map(capped.map((c) => [c.alias, c.count]))).toEqual(
      perStatus(
        silvas().filter((o) =>
          newestFirst(silvas())
            .slice(0, COMMON_SEARCH_MATCHES + 1)
            .includes(o.id),
        ),
      ),
    );
    const exact = orderStatusCounts(t.db, 'store-a', { search: 'silva' }, Infinity);
    expect(new Map(exact.map((c) => [c.alias, c.count]))).toEqual(all);
    expect(exact.every((c) => c.countIsExact)).toBe(true);
    const rare = orderStatusCounts(t.db, 'store-a', { search: 'pecanha' });
    expect(new Map(rare.map((c) => [c.alias, c.count]))).toEqual(
      perStatus(orders.filter((o) => o.customer?.name === 'Otília Peçanha')),
    );
    expect(rare.every((c) => c.countIsExact)).toBe(true);
  });

  it("in another sort, walks that sort's index for a common term and reads the matches first for a rare one", () => {
    const sort = { key: 'number', direction: 'asc' } as const;
    expect(planOf({ search: 'silva', sort })).toMatch(/SEARCH o USING INDEX orders_by_number \(store_id=\?\)/);
    expect(listOrders(t.db, 'store-a', { search: 'silva', sort, limit: 60 }).rows.map((r) => r.id)).toEqual(
      byNumber(silvas()).slice(0, 60),
    );
    expect(planOf({ search: 'pecanha', sort })).toMatch(/SEARCH o USING INDEX orders_by_search_key/);
    const rare = orders.filter((o) => o.customer?.name === 'Otília Peçanha');
    expect(listOrders(t.db, 'store-a', { search: 'pecanha', sort }).rows.map((r) => r.id)).toEqual(byNumber(rare));
    expect(listOrders(t.db, 'store-a', { search: 'pecanha' }).rows.map((r) => r.id)).toEqual(newestFirst(rare));
  });
});

describe('total range plans by how broad the range is', () => {
  const planOf = (q: Parameters<typeof orderListSql>[2]) => {
    const { sql, params } = orderListSql(t.db, 'store-a', q);
    return (t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
      .map((r) => r.detail)
      .join('\n');
  };

  it('walks the date index for a broad range and reads the total index for a narrow one, with the same answers', () => {
    expect(planOf({ minTotalCents: 0 })).toMatch(/orders_by_created/);
    expect(planOf({ minTotalCents: 10_500, maxTotalCents: 10_510 })).toMatch(/orders_by_total/);
    const broad = orders.filter((o) => (o.totalCents ?? 0) >= 10_100);
    const page = listOrders(t.db, 'store-a', { minTotalCents: 10_100, limit: 30 });
    expect(page.total).toBe(broad.length);
    expect(page.rows.map((r) => r.id)).toEqual(newestFirst(broad).slice(0, 30));
    const narrow = orders.filter((o) => (o.totalCents ?? 0) >= 10_500 && (o.totalCents ?? 0) <= 10_510);
    expect(listOrders(t.db, 'store-a', { minTotalCents: 10_500, maxTotalCents: 10_510 }).rows.map((r) => r.id)).toEqual(
      newestFirst(narrow),
    );
  });
});

describe('review filters on the flags mirrored from review_state', () => {
  const planOf = () => {
    const { sql, params } = orderListSql(t.db, 'store-a', { review: 'reviewed' });
    return (t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
      .map((r) => r.detail)
      .join('\n');
  };

  it('reads the reviewed orders from their partial index in date order, few or most of them, with the same answers', () => {
    setReview(t.db, 'store-a', 5, { reviewed: true });
    expect(planOf()).toMatch(/orders_reviewed/);
    expect(planOf()).not.toMatch(/TEMP B-TREE/);
    t.db.transaction(() => {
      for (const o of orders) if (o.id % 10 !== 0) setReview(t.db, 'store-a', o.id, { reviewed: true });
    })();
    expect(planOf()).toMatch(/orders_reviewed/);
    const expected = newestFirst(orders.filter((o) => o.id % 10 !== 0));
    const page = listOrders(t.db, 'store-a', { review: 'reviewed', offset: 40, limit: 20 });
    expect(page.total).toBe(expected.length);
    expect(page.rows.map((r) => r.id)).toEqual(expected.slice(40, 60));
    expect(listOrders(t.db, 'store-a', { review: 'unreviewed' }).total).toBe(COUNT - expected.length);
  });

  it('follows every change of review_state, and an order written again after a purge gets its marks back', () => {
    setReview(t.db, 'store-a', 7, { flagged: true, reviewed: false });
    expect(listOrders(t.db, 'store-a', { review: 'flagged' }).rows.map((r) => r.id)).toContain(7);
    const row = () => t.db.prepare("SELECT reviewed, flagged FROM orders WHERE store_id = 'store-a' AND id = 7").get();
    expect(row()).toEqual({ reviewed: 0, flagged: 1 });
    // The sync deleting and re-writing the order (a purge) must not lose the merchant's marks.
    t.db.prepare("DELETE FROM orders WHERE store_id = 'store-a' AND id = 7").run();
    const order = orders[6];
    writeOrderPage(t.db, 'store-a', [order], [{}], [], null);
    expect(row()).toEqual({ reviewed: 0, flagged: 1 });
    expect(listOrders(t.db, 'store-a', { review: 'flagged' }).rows.map((r) => r.id)).toContain(7);
    // Writing it again as the sync does (an upsert) leaves the marks alone too.
    writeOrderPage(t.db, 'store-a', [order], [{}], [], null);
    expect(row()).toEqual({ reviewed: 0, flagged: 1 });
    t.db.prepare("DELETE FROM review_state WHERE store_id = 'store-a' AND order_id = 7").run();
    expect(row()).toEqual({ reviewed: 0, flagged: 0 });
  });
});
