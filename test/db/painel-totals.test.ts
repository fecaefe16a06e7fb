import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, writeOrderPage } from '../../src/main/core/db';
import { eraseStore } from '../../src/main/core/db/erase';
import { recountCustomerMonthsIfStale } from '../../src/main/core/db/painel/customer-months';
import { recountFirstSalesIfStale } from '../../src/main/core/db/painel/first-sales';
import { recountHourTotalsIfStale } from '../../src/main/core/db/painel/hour-totals';
import { PAINEL_TOTALS_VERSION, recountPainelTotalsIfStale } from '../../src/main/core/db/painel/totals';
import type { Order } from '../../src/shared/domain/order';
import { addTestStore, makeOrder, tempDb, tempFiles, type TempDb } from './helpers';

/**
 * The Painel's trigger-kept totals (migration 7), customers' first sales (migration 9) and monthly sales (migration
 * 10) against a recount from the rows after the sync's kinds of change: an order re-written with another status, payment, total, date, customer or
 * items, an order deleted, a store removed.
 */

const TABLES = [
  'order_slice_totals',
  'order_day_statuses',
  'order_day_payments',
  'order_sku_months',
  'customer_first_sales',
  'customer_sale_months',
  'order_hour_totals',
] as const;
const KEPT: Record<(typeof TABLES)[number], string> = {
  order_slice_totals: 'n <> 0',
  order_day_statuses: 'n <> 0',
  order_day_payments: 'n <> 0',
  order_sku_months: 'quantity <> 0 OR revenue_cents <> 0',
  customer_first_sales: '1',
  customer_sale_months: '1',
  order_hour_totals: 'n <> 0',
};

function kept(t: TempDb): Record<string, unknown[]> {
  return Object.fromEntries(
    TABLES.map((table) => [table, t.db.prepare(`SELECT * FROM ${table} WHERE ${KEPT[table]} ORDER BY 1, 2, 3`).all()]),
  );
}

function recounted(t: TempDb): Record<string, unknown[]> {
  t.db
    .prepare(
      `UPDATE derived_versions SET version = 0
        WHERE name IN ('painel', 'painel-first-sales', 'painel-customer-months', 'painel-hours')`,
    )
    .run();
  expect(recountPainelTotalsIfStale(t.db)).toBe(true);
  expect(recountFirstSalesIfStale(t.db)).toBe(true);
  expect(recountCustomerMonthsIfStale(t.db)).toBe(true);
  expect(recountHourTotalsIfStale(t.db)).toBe(true);
  return kept(t);
}

const write = (t: TempDb, orders: Order[], store = 'store-a') => writeOrderPage(t.db, store, orders, orders, [], null);

function first(id: number, store = 'store-a'): Order {
  return makeOrder(
    id,
    {
      status: { alias: id % 3 === 0 ? 'waiting_payment' : 'paid', name: 'Status', id: 1 },
      // Three orders per quarter hour, some on a UTC midnight.
      createdAt: { utc: new Date(Date.UTC(2024, 2, 1, 23, 30) + id * 300_000).toISOString(), zone: 'UTC' },
    },
    store,
  );
}

describe('Painel totals kept by triggers', () => {
  let t: TempDb;
  beforeEach(() => {
    t = tempDb();
    addTestStore(t.db, 'store-a');
    addTestStore(t.db, 'store-b');
    write(
      t,
      Array.from({ length: 40 }, (_, i) => first(i + 1)),
    );
    write(
      t,
      Array.from({ length: 10 }, (_, i) => first(i + 1, 'store-b')),
      'store-b',
    );
  });
  afterEach(() => t.close());

  it('equal a recount from the rows after re-writes that change status, payment, total, date, customer and items, and deletes', () => {
    const before = kept(t);
    expect(before['order_slice_totals'].length).toBeGreaterThan(5);
    // Five customers in each store.
    expect(before['customer_first_sales']).toHaveLength(10);
    expect(before['customer_sale_months']).toHaveLength(10);
    expect(before).toEqual(recounted(t));

    const base = (id: number) => first(id);
    write(t, [
      // Paid → cancelled, waiting → paid: the order's revenue and items leave or join the sales.
      { ...base(1), status: { alias: 'cancelled', name: 'Cancelado', id: 2 } },
      { ...base(3), status: { alias: 'paid', name: 'Pago', id: 4 } },
      { ...base(4), payment: { alias: 'billet', name: 'Boleto' } },
      { ...base(5), totalCents: 123_456 },
      // Another day and another quarter hour.
      { ...base(7), createdAt: { utc: '2024-03-09T10:44:59.999Z', zone: 'UTC' } },
      // Another month, for one of two sales of a customer in their month and, below, the only one.
      { ...base(17), createdAt: { utc: '2024-04-02T12:00:00.000Z', zone: 'UTC' } },
      { ...base(19), createdAt: { utc: '2024-02-29T23:59:59.999Z', zone: 'UTC' } },
      // Items changed: one more sold, the gift no longer a gift; another SKU and price.
      {
        ...base(9),
        items: base(9).items.map((item) => ({ ...item, sku: 'SKU-OUTRO', unitPriceCents: 777 })),
      },
      // Items changed: one more sold, the gift no longer a gift.
      {
        ...base(8),
        items: base(8).items.map((item) => ({ ...item, quantity: item.quantity + 1, gift: false })),
      },
      // Several at once, and no creation time at all.
      {
        ...base(10),
        status: { alias: 'delivered', name: 'Entregue', id: 9 },
        payment: null,
        totalCents: null,
        createdAt: { utc: '2024-03-01T00:00:00.000Z', zone: 'UTC' },
      },
      { ...base(11), createdAt: null, status: null },
      // Another customer, and the first sale of the one it leaves.
      { ...base(16), customer: { ...base(16).customer!, id: 777 } },
      // Re-written unchanged: nothing moves.
      base(13),
    ]);
    t.db.prepare("DELETE FROM orders WHERE store_id = 'store-a' AND id IN (2, 14, 20)").run();
    // Back again, after the delete.
    write(t, [base(14)]);
    write(t, [{ ...base(19), status: { alias: 'refunded', name: 'Estornado', id: 10 } }]);
    const after = kept(t);
    expect(after).not.toEqual(before);
    expect(after['customer_sale_months']).toContainEqual(
      expect.objectContaining({ store_id: 'store-a', month: '2024-04', customer_id: 502 }),
    );
    expect(after['customer_sale_months']).not.toContainEqual(expect.objectContaining({ month: '2024-02' }));
    expect(after).toEqual(recounted(t));
    const negative = t.db
      .prepare(
        'SELECT count(*) AS n FROM order_slice_totals WHERE n < 0 OR sales < 0 OR items < 0 OR revenue_cents < 0',
      )
      .get() as { n: number };
    expect(negative.n).toBe(0);
  });

  it('a removed store keeps no totals, and the other store keeps its own', async () => {
    const ofB = (table: string) => t.db.prepare(`SELECT * FROM ${table} WHERE store_id = 'store-b'`).all();
    const b = TABLES.map(ofB);
    expect(await eraseStore(t.db, 'store-a')).toBe(true);
    for (const table of TABLES)
      expect(t.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE store_id = 'store-a'`).get()).toEqual({ n: 0 });
    expect(TABLES.map(ofB)).toEqual(b);
  });

  it('are counted once when a cache from before them is opened', () => {
    // Today's write path writes today's schema only: the cache from before is one version 6 wrote (fixtures/README.md).
    const files = tempFiles('balcao-painel-totals-');
    try {
      const file = files.file();
      copyFileSync(join(__dirname, 'fixtures', 'cache-v6.sqlite'), file);
      const db = openDatabase(file);
      expect(db.prepare("SELECT version FROM derived_versions WHERE name = 'painel'").get()).toEqual({
        version: PAINEL_TOTALS_VERSION,
      });
      const orders = db
        .prepare(
          `SELECT count(*) AS n, coalesce(sum(EXISTS (SELECT 1 FROM painel_sale_statuses s
             WHERE s.alias = o.status_alias)), 0) AS sales FROM orders o`,
        )
        .get() as { n: number; sales: number };
      expect(orders.n).toBe(30);
      expect(orders.sales).toBeGreaterThan(0);
      expect(db.prepare('SELECT sum(n) AS n, sum(sales) AS sales FROM order_slice_totals').get()).toEqual(orders);
      db.close();
    } finally {
      files.cleanup();
    }
  });
});
