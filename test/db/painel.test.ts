import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStore, openDatabase, writeOrderPage, type Db } from '../../src/main/core/db';
import { readPainel } from '../../src/main/core/db/painel/painel-query';
import { runCli } from '../../src/main/core/cli/main';
import type { Terminal } from '../../src/main/core/cli/terminal';
import { DATABASE_FILE } from '../../src/main/core/composition';
import { SALE_STATUSES, type DayRange, type Painel } from '../../src/shared/domain/painel';
import type { Order } from '../../src/shared/domain/order';
import { localParts, makeOrder } from './helpers';
import { seededRandom } from '../cli/processes';

/**
 * Every Painel figure against the same figure summed here, independently, over the raw cache rows: days, hours and
 * weekdays come from Intl (the Painel uses luxon and UTC slices), sums from plain loops over `SELECT *`.
 */

const STATUSES = [
  'waiting_payment',
  'paid',
  'authorized',
  'handling_products',
  'delivered',
  'cancelled',
  'refused',
  'refunded',
  'on_carriage',
];
const PAYMENTS = ['pix', 'billet', 'visa', 'mastercard'];
const STORES = [
  { id: 'sp', zone: 'America/Sao_Paulo' },
  // A half-hour zone: its days start at 18:30 UTC, inside a UTC hour.
  { id: 'kolkata', zone: 'Asia/Kolkata' },
];

/** Orders from mid-2018 to mid-2019 (São Paulo's last DST: 2018-11-04 to 2019-02-17), many near midnight. */
function orders(storeId: string, zone: string, seed: number): Order[] {
  const rand = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const start = Date.UTC(2018, 5, 1);
  const span = Date.UTC(2019, 5, 1) - start;
  const out: Order[] = [];
  for (let id = 1; id <= 1500; id += 1) {
    let ms = start + Math.floor(rand() * span);
    // A third of the orders within 40 minutes of a UTC midnight or of 18:30 UTC (Kolkata's and São Paulo's midnights lie near).
    if (rand() < 0.33)
      ms =
        ms -
        (ms % 86_400_000) +
        pick([0, 3 * 3_600_000, 2 * 3_600_000, 18.5 * 3_600_000]) +
        Math.floor((rand() - 0.5) * 80 * 60_000);
    const status = pick(STATUSES);
    const payment = pick(PAYMENTS);
    const customerId = rand() < 0.05 ? null : 1 + Math.floor(rand() * 120);
    const items = Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, i) => ({
      id: id * 10 + i,
      sku: rand() < 0.05 ? null : `SKU-${1 + Math.floor(rand() * 30)}`,
      name: 'Produto',
      productId: 1,
      skuId: 1,
      quantity: 1 + Math.floor(rand() * 3),
      unitPriceCents: 500 + Math.floor(rand() * 20_000),
      gift: rand() < 0.05,
      bundle: null,
    }));
    out.push(
      makeOrder(
        id,
        {
          status: { alias: status, name: status.toUpperCase(), id: 1 },
          payment: { alias: payment, name: payment.toUpperCase() },
          customer:
            customerId === null
              ? null
              : { id: customerId, name: `Cliente ${customerId}`, email: null, taxId: null, phone: null },
          createdAt: { utc: new Date(ms).toISOString(), zone },
          totalCents: 1_000 + Math.floor(rand() * 50_000),
          items,
        },
        storeId,
      ),
    );
  }
  return out;
}

interface RawOrder {
  pk: number;
  status_alias: string | null;
  payment_alias: string | null;
  customer_id: number | null;
  customer_name: string | null;
  created_utc: string | null;
  total_cents: number | null;
}
interface RawItem {
  order_pk: number;
  sku: string | null;
  quantity: number;
  unit_price_cents: number | null;
  gift: number;
}

const SALE = new Set<string>(SALE_STATUSES);
const pct = (cur: number | null, prev: number | null): number | null =>
  cur === null || prev === null || prev === 0 ? null : ((cur - prev) / prev) * 100;

/** The figures of one period, summed over raw rows. */
function expected(db: Db, storeId: string, zone: string, range: DayRange) {
  const rows = db.prepare('SELECT * FROM orders WHERE store_id = ?').all(storeId) as RawOrder[];
  const items = db.prepare('SELECT * FROM order_items WHERE store_id = ?').all(storeId) as RawItem[];
  const inRange = (r: RawOrder): boolean => {
    if (r.created_utc === null) return false;
    const day = localParts(r.created_utc, zone).day;
    return day >= range.from && day <= range.to;
  };
  const period = rows.filter(inRange);
  const sales = period.filter((r) => SALE.has(r.status_alias ?? ''));
  const salePks = new Set(sales.map((r) => r.pk));
  const firstSale = new Map<number, string>();
  for (const r of rows)
    if (r.customer_id !== null && SALE.has(r.status_alias ?? '') && r.created_utc !== null) {
      const seen = firstSale.get(r.customer_id);
      if (seen === undefined || r.created_utc < seen) firstSale.set(r.customer_id, r.created_utc);
    }
  const customers = new Map<number, number>();
  for (const r of sales)
    if (r.customer_id !== null)
      customers.set(r.customer_id, (customers.get(r.customer_id) ?? 0) + (r.total_cents ?? 0));
  let newCustomers = 0;
  for (const id of customers.keys()) if (localParts(firstSale.get(id)!, zone).day >= range.from) newCustomers += 1;
  const skus = new Map<string, number>();
  let itemsSold = 0;
  for (const i of items)
    if (salePks.has(i.order_pk) && i.gift === 0) {
      itemsSold += i.quantity;
      if (i.sku !== null) skus.set(i.sku, (skus.get(i.sku) ?? 0) + i.quantity * (i.unit_price_cents ?? 0));
    }
  const revenue = sales.reduce((s, r) => s + (r.total_cents ?? 0), 0);
  const byHour = Array.from({ length: 24 }, () => 0);
  const byWeekday = Array.from({ length: 7 }, () => 0);
  const byDay = new Map<string, number>();
  for (const r of period) {
    const p = localParts(r.created_utc!, zone);
    byHour[p.hour] += 1;
    byWeekday[p.weekday] += 1;
    if (SALE.has(r.status_alias ?? '')) byDay.set(p.day, (byDay.get(p.day) ?? 0) + (r.total_cents ?? 0));
  }
  const byPayment = new Map<string, { orders: number; sales: number; revenue: number }>();
  for (const r of period) {
    const m = byPayment.get(r.payment_alias ?? '') ?? { orders: 0, sales: 0, revenue: 0 };
    m.orders += 1;
    if (SALE.has(r.status_alias ?? '')) {
      m.sales += 1;
      m.revenue += r.total_cents ?? 0;
    }
    byPayment.set(r.payment_alias ?? '', m);
  }
  const byStatus = new Map<string, number>();
  for (const r of period) byStatus.set(r.status_alias ?? '', (byStatus.get(r.status_alias ?? '') ?? 0) + 1);
  const count = (alias: string[]) => period.filter((r) => alias.includes(r.status_alias ?? '')).length;
  return {
    orders: period.length,
    sales: sales.length,
    revenue,
    ticket: sales.length > 0 ? Math.round(revenue / sales.length) : null,
    itemsSold,
    newCustomers,
    returningCustomers: customers.size - newCustomers,
    awaiting: period.length > 0 ? count(['waiting_payment']) / period.length : null,
    cancelled: period.length > 0 ? count(['cancelled', 'refused']) / period.length : null,
    byHour,
    byWeekday,
    byDay,
    byPayment,
    byStatus,
    topCustomers: [...customers.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 10),
    topSkus: [...skus.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 10),
  };
}

function check(db: Db, storeId: string, zone: string, p: Painel): void {
  const cur = expected(db, storeId, zone, p.range);
  const prev = expected(db, storeId, zone, p.previousRange);
  expect(cur.orders).toBeGreaterThan(0);
  expect(p.revenueCents).toEqual({
    current: cur.revenue,
    previous: prev.revenue,
    changePct: pct(cur.revenue, prev.revenue),
  });
  expect(p.orders).toEqual({ current: cur.orders, previous: prev.orders, changePct: pct(cur.orders, prev.orders) });
  expect(p.sales.current).toBe(cur.sales);
  expect(p.averageTicketCents.current).toBe(cur.ticket);
  expect(p.averageTicketCents.previous).toBe(prev.ticket);
  expect(p.itemsSold.current).toBe(cur.itemsSold);
  expect(p.itemsSold.previous).toBe(prev.itemsSold);
  expect(p.newCustomers.current).toBe(cur.newCustomers);
  expect(p.returningCustomers.current).toBe(cur.returningCustomers);
  expect(p.newCustomers.previous).toBe(prev.newCustomers);
  expect(p.awaitingPaymentShare.current).toBeCloseTo(cur.awaiting!, 12);
  expect(p.cancellationRate.current).toBeCloseTo(cur.cancelled!, 12);
  expect(p.cancellationRate.previous).toBeCloseTo(prev.cancelled!, 12);
  expect(p.byHour).toEqual(cur.byHour);
  expect(p.byWeekday).toEqual(cur.byWeekday);
  expect(p.byPayment.map((m) => [m.alias, m.orders, m.sales, m.revenueCents, m.conversion]).sort()).toEqual(
    [...cur.byPayment.entries()].map(([a, m]) => [a, m.orders, m.sales, m.revenue, m.sales / m.orders]).sort(),
  );
  expect(Object.fromEntries(p.byStatus.map((s) => [s.alias, s.orders]))).toEqual(Object.fromEntries(cur.byStatus));
  expect(p.topCustomers.map((c) => [c.customerId, c.revenueCents])).toEqual(cur.topCustomers);
  expect(p.topSkus.map((s) => [s.sku, s.revenueCents])).toEqual(cur.topSkus);
  expect(p.series.bucket).toBe('day');
  for (const point of p.series.points) {
    expect(point.revenueCents).toBe(cur.byDay.get(point.range.from) ?? 0);
    expect(point.previousRevenueCents).toBe(prev.byDay.get(point.previousRange.from) ?? 0);
  }
  expect(p.series.points.reduce((s, x) => s + x.revenueCents, 0)).toBe(cur.revenue);
}

describe('Painel figures', () => {
  let dir: string;
  let db: Db;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'balcao-painel-'));
    db = openDatabase(join(dir, DATABASE_FILE));
    STORES.forEach(({ id, zone }, i) => {
      addStore(db, {
        id,
        alias: id,
        name: id,
        apiBaseUrl: 'http://127.0.0.1:1',
        timeZone: zone,
        isDemo: false,
        createdAt: '2018-01-01T00:00:00.000Z',
      });
      const list = orders(id, zone, 7 + i);
      for (let at = 0; at < list.length; at += 500) {
        const page = list.slice(at, at + 500);
        writeOrderPage(db, id, page, page, [], null);
      }
    });
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe.each(STORES)('in $zone', ({ id, zone }) => {
    it('across the start of DST (2018-11-04 in São Paulo), against the 14 days before', async () => {
      const p = await readPainel(db, id, zone, { period: 'custom', from: '2018-10-28', to: '2018-11-10' });
      expect(p.range).toEqual({ from: '2018-10-28', to: '2018-11-10' });
      expect(p.previousRange).toEqual({ from: '2018-10-14', to: '2018-10-27' });
      check(db, id, zone, p);
    });

    it('across the end of DST (2019-02-17), against the same days a year before', async () => {
      const p = await readPainel(db, id, zone, {
        period: 'custom',
        from: '2019-02-10',
        to: '2019-02-24',
        compare: 'lastYear',
      });
      expect(p.previousRange).toEqual({ from: '2018-02-10', to: '2018-02-24' });
      // No order is older than June 2018: nothing to compare with is "—", never 0 %.
      expect(p.revenueCents.previous).toBe(0);
      expect(p.revenueCents.changePct).toBeNull();
      expect(p.averageTicketCents.previous).toBeNull();
      check(db, id, zone, p);
    });

    it('a whole year: SKUs from its whole UTC months and the parts outside them, customers from its sales', async () => {
      const p = await readPainel(db, id, zone, { period: 'custom', from: '2018-06-01', to: '2019-05-31' });
      expect(p.sales.current).toBeGreaterThan(500);
      check(db, id, zone, p);
    });

    it('ends near the start and the end of a month: whole months less the parts outside the period', async () => {
      const p = await readPainel(db, id, zone, { period: 'custom', from: '2018-09-03', to: '2018-12-28' });
      expect(p.previousRange).toEqual({ from: '2018-05-09', to: '2018-09-02' });
      check(db, id, zone, p);
    });

    it('"last 30 days" ends on the store-zone day of the clock, even where UTC has moved on', async () => {
      // 20:00 UTC on 14 March is 17:00 in São Paulo (still the 14th) and 01:30 on the 15th in Kolkata.
      const now = new Date('2019-03-14T20:00:00.000Z');
      const p = await readPainel(db, id, zone, { period: '30d' }, now);
      const today = localParts(now.toISOString(), zone).day;
      expect(p.range.to).toBe(today);
      expect(p.series.points).toHaveLength(30);
      check(db, id, zone, p);
    });
  });

  it('the CLI prints the same figures as JSON, through the dispatcher', async () => {
    const out: string[] = [];
    const term: Terminal = {
      out: (t) => void out.push(t),
      err: (t) => void out.push(t),
      stdinIsTty: false,
      stderrIsTty: false,
      ask: () => Promise.reject(new Error('no input')),
      env: () => undefined,
    };
    const code = await runCli(
      ['painel', '--store', 'kolkata', '--from', '2018-10-28', '--to', '2018-11-10', '--json', '--data-dir', dir],
      term,
    );
    expect(code).toBe(0);
    const fromCli = JSON.parse(out.join('')) as Painel;
    const direct = await readPainel(db, 'kolkata', 'Asia/Kolkata', {
      period: 'custom',
      from: '2018-10-28',
      to: '2018-11-10',
    });
    expect(fromCli).toEqual(direct);
  });

  it("reads the period's customers and SKUs from the orders on a worker's connection, not the caller's", async () => {
    const request = { period: 'custom', from: '2018-06-01', to: '2019-05-31' } as const;
    const onCaller: string[] = [];
    // The caller's connection, noting each statement it is asked to prepare.
    const watched = new Proxy(db, {
      get(target, key) {
        if (key === 'prepare')
          return (text: string) => {
            onCaller.push(text);
            return target.prepare(text);
          };
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const p = await readPainel(watched, 'sp', 'America/Sao_Paulo', request);
    expect(onCaller.length).toBeGreaterThan(0);
    expect(onCaller.filter((text) => /orders_by_customer|order_items|customer_id/.test(text))).toEqual([]);
    expect(p).toEqual(await readPainel(db, 'sp', 'America/Sao_Paulo', request));
    expect(p.topCustomers).toHaveLength(10);
    expect(p.topSkus.length).toBeGreaterThan(0);
  });

  it('refuses a custom period that runs backwards', async () => {
    await expect(
      readPainel(db, 'sp', 'America/Sao_Paulo', { period: 'custom', from: '2019-02-10', to: '2019-02-01' }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
