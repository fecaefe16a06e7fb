import {
  AWAITING_PAYMENT_STATUS,
  CANCELLED_STATUSES,
  SALE_STATUSES,
  type DayRange,
  type Figure,
  type Painel,
  type PainelCompare,
  type PainelPeriod,
  type PaymentFigure,
  type StatusFigure,
  type TopCustomer,
  type TopSku,
} from '../../../../shared/domain/painel';
import type { ReadableDB } from '../connection';
import { sql, sqlConstant, sqlFragment, sqlJoin, type SqlFragment } from '../sql';
import { readAll, readOne } from '../statements';
import { localClock, offsetSpans } from './local-clock';
import { addDays, bucketRanges, comparisonRange, dayStartUtc, resolvePeriod, seriesBucket } from './period';

export interface PainelRequest {
  period: PainelPeriod;
  from?: string;
  to?: string;
  compare?: PainelCompare;
}

const TOP = 10;
const SALES = sqlFragment`(${sqlJoin(SALE_STATUSES)})`;
const SALE_SET: ReadonlySet<string> = new Set(SALE_STATUSES);
const CANCELLED_SET: ReadonlySet<string> = new Set(CANCELLED_STATUSES);

/** A turn of the event loop between queries, so one Painel never holds the main loop for all of them at once. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface Tally {
  orders: number;
  sales: number;
  revenueCents: number;
  awaiting: number;
  cancelled: number;
  itemsSold: number;
  newCustomers: number;
  returningCustomers: number;
  byStatus: Map<string, StatusFigure>;
  byPayment: Map<string, PaymentFigure>;
  byHour: number[];
  byWeekday: number[];
  series: { orders: number; sales: number; revenueCents: number }[];
  topCustomers: TopCustomer[];
  topSkus: TopSku[];
}

const QUARTER_MS = 900_000;
const DAY_MS = 86_400_000;
const utcText = (ms: number): string => new Date(ms).toISOString();

/** Orders, sales, revenue and items sold. */
interface Sums {
  n: number;
  sales: number;
  revenue: number;
  items: number;
}

// The kept totals (migration 7) of the whole quarter hours [q0, q1) of one span of `offset` (seconds), per local
// day (days since 1970-01-01) and per local hour and weekday (0 = Monday; 1970-01-01 was a Thursday). The offset is
// written into the text: a bound number would be a REAL, and the division then not an integer one.
const localDaysSql = (storeId: string, q0: number, q1: number, offset: SqlFragment) =>
  sql<Sums & { d: number }>`SELECT (slice * 900 + ${offset}) / 86400 AS d, sum(n) AS n, sum(sales) AS sales,
     sum(revenue_cents) AS revenue, sum(items) AS items
   FROM order_slice_totals WHERE store_id = ${storeId} AND slice >= ${q0} AND slice < ${q1}
   GROUP BY d ORDER BY d`;
const localHoursSql = (storeId: string, q0: number, q1: number, offset: SqlFragment) =>
  sql<{ h: number; w: number; n: number }>`SELECT (slice * 900 + ${offset}) % 86400 / 3600 AS h,
     ((slice * 900 + ${offset}) / 86400 + 3) % 7 AS w, sum(n) AS n
   FROM order_slice_totals WHERE store_id = ${storeId} AND slice >= ${q0} AND slice < ${q1}
   GROUP BY h, w`;

// Orders one by one, for the part of a quarter hour a period's edge may cut (no zone in use does today).
const ordersTimeSql = (storeId: string, from: string, to: string) =>
  sql<Sums & { t: string }>`SELECT o.created_utc AS t, 1 AS n, o.status_alias IN ${SALES} AS sales,
     CASE WHEN o.status_alias IN ${SALES} THEN coalesce(o.total_cents, 0) ELSE 0 END AS revenue,
     CASE WHEN o.status_alias IN ${SALES}
       THEN (SELECT coalesce(sum(quantity), 0) FROM order_items WHERE order_pk = o.pk AND gift = 0) ELSE 0 END AS items
   FROM orders o INDEXED BY orders_by_created
   WHERE o.store_id = ${storeId} AND o.created_utc >= ${from} AND o.created_utc < ${to}`;

/** Orders and their total per status. */
interface StatusRow {
  s: string;
  n: number;
  c: number;
}
/** Orders, sales and revenue per payment method. */
interface PaymentRow {
  p: string;
  n: number;
  sales: number;
  revenue: number;
}

// The kept totals of the whole UTC days in [from, to).
const dayStatusesSql = (storeId: string, from: string, to: string) =>
  sql<StatusRow>`SELECT status_alias AS s, sum(n) AS n, sum(cents) AS c FROM order_day_statuses
   WHERE store_id = ${storeId} AND day >= ${from} AND day < ${to} GROUP BY status_alias`;
const dayPaymentsSql = (storeId: string, from: string, to: string) =>
  sql<PaymentRow>`SELECT payment_alias AS p, sum(n) AS n, sum(sales) AS sales, sum(revenue_cents) AS revenue
   FROM order_day_payments WHERE store_id = ${storeId} AND day >= ${from} AND day < ${to} GROUP BY payment_alias`;

// The part of a UTC day at a period's edge, from the orders.
const ordersMoneySql = (storeId: string, from: string, to: string) =>
  sql<StatusRow & { p: string }>`SELECT coalesce(status_alias, '') AS s, coalesce(payment_alias, '') AS p,
     count(*) AS n, coalesce(sum(total_cents), 0) AS c
   FROM orders INDEXED BY orders_by_created
   WHERE store_id = ${storeId} AND created_utc >= ${from} AND created_utc < ${to}
   GROUP BY s, p`;

/** [a, b) in pieces of at most `step`: one statement over a piece keeps the main loop's blocks short. */
function* pieces(a: number, b: number, step: number): Generator<[number, number]> {
  for (let x = a; x < b; x += step) yield [x, Math.min(x + step, b)];
}

/** Two months: some 6,000 quarter hours or 60 days of one store's totals per statement. */
const PIECE_DAYS = 60;

/**
 * [from, to) as its whole units (`unit` ms, aligned to UTC) and the parts before and after them, as UTC text;
 * no whole unit when none fits.
 */
function splitRange(
  from: string,
  to: string,
  unit: number,
): { whole: [string, string] | null; edges: [string, string][] } {
  const a = Date.parse(from);
  const b = Date.parse(to);
  const first = Math.ceil(a / unit) * unit;
  const last = Math.floor(b / unit) * unit;
  if (first >= last) return { whole: null, edges: [[from, to]] };
  const edges: [string, string][] = [];
  if (a < first) edges.push([from, utcText(first)]);
  if (last < b) edges.push([utcText(last), to]);
  return { whole: [utcText(first), utcText(last)], edges };
}

/** A local day's sums (or an order's) into the totals and the series; `at` is when its sales start, for the chunks. */
function addDay(
  t: Tally,
  day: string,
  r: Sums,
  at: number,
  pointOfDay: ReadonlyMap<string, number>,
  cuts: Cut[],
): void {
  t.orders += r.n;
  t.sales += r.sales;
  t.revenueCents += r.revenue;
  t.itemsSold += r.items;
  cuts.push({ at, sales: r.sales });
  const point = t.series[pointOfDay.get(day) ?? -1];
  if (point === undefined) return;
  point.orders += r.n;
  point.sales += r.sales;
  point.revenueCents += r.revenue;
}

/** The time figures of [from, to): per span of one offset, whole quarter hours from the totals, cut ones from orders. */
async function addTimes(
  db: ReadableDB,
  t: Tally,
  storeId: string,
  zone: string,
  from: string,
  to: string,
  pointOfDay: ReadonlyMap<string, number>,
): Promise<Cut[]> {
  const cuts: Cut[] = [];
  const clock = localClock(zone);
  const byOrder = (a: number, b: number) => {
    for (const r of readAll(db, ordersTimeSql(storeId, utcText(a), utcText(b)))) {
      const ms = Date.parse(r.t);
      const local = clock(ms);
      t.byHour[local.hour] += 1;
      t.byWeekday[local.weekday] += 1;
      addDay(t, local.day, r, ms, pointOfDay, cuts);
    }
  };
  for (const span of offsetSpans(zone, Date.parse(from), Date.parse(to))) {
    const q0 = Math.ceil(span.fromMs / QUARTER_MS);
    const q1 = Math.floor(span.toMs / QUARTER_MS);
    if (q0 >= q1) {
      byOrder(span.fromMs, span.toMs);
      continue;
    }
    if (span.fromMs < q0 * QUARTER_MS) byOrder(span.fromMs, q0 * QUARTER_MS);
    const offset = sqlConstant(span.offset * 60);
    for (const [qa, qb] of pieces(q0, q1, (PIECE_DAYS * DAY_MS) / QUARTER_MS)) {
      for (const r of readAll(db, localDaysSql(storeId, qa, qb, offset)))
        addDay(
          t,
          utcText(r.d * DAY_MS).slice(0, 10),
          r,
          Math.max(span.fromMs, r.d * DAY_MS - span.offset * 60_000),
          pointOfDay,
          cuts,
        );
      for (const r of readAll(db, localHoursSql(storeId, qa, qb, offset))) {
        t.byHour[r.h] += r.n;
        t.byWeekday[r.w] += r.n;
      }
      await turn();
    }
    if (q1 * QUARTER_MS < span.toMs) byOrder(q1 * QUARTER_MS, span.toMs);
  }
  return cuts.sort((a, b) => a.at - b.at);
}

function addStatuses(t: Tally, rows: readonly StatusRow[]): void {
  for (const r of rows) {
    if (r.s === AWAITING_PAYMENT_STATUS) t.awaiting += r.n;
    if (CANCELLED_SET.has(r.s)) t.cancelled += r.n;
    const status = t.byStatus.get(r.s) ?? { alias: r.s, name: null, orders: 0, totalCents: 0 };
    status.orders += r.n;
    status.totalCents += r.c;
    t.byStatus.set(r.s, status);
  }
}

function addPayments(t: Tally, rows: readonly PaymentRow[]): void {
  for (const r of rows) {
    const payment = t.byPayment.get(r.p) ?? {
      alias: r.p,
      name: null,
      orders: 0,
      sales: 0,
      revenueCents: 0,
      conversion: null,
    };
    payment.orders += r.n;
    payment.sales += r.sales;
    payment.revenueCents += r.revenue;
    t.byPayment.set(r.p, payment);
  }
}

/** The status and payment figures of [from, to): whole UTC days from the totals, the cut ones from orders. */
async function addMoney(db: ReadableDB, t: Tally, storeId: string, from: string, to: string): Promise<void> {
  const days = splitRange(from, to, DAY_MS);
  if (days.whole !== null) {
    for (const [a, b] of pieces(Date.parse(days.whole[0]), Date.parse(days.whole[1]), PIECE_DAYS * DAY_MS)) {
      const [dayA, dayB] = [utcText(a).slice(0, 10), utcText(b).slice(0, 10)];
      addStatuses(t, readAll(db, dayStatusesSql(storeId, dayA, dayB)));
      addPayments(t, readAll(db, dayPaymentsSql(storeId, dayA, dayB)));
      await turn();
    }
  }
  for (const edge of days.edges) {
    const rows = readAll(db, ordersMoneySql(storeId, ...edge));
    addStatuses(t, rows);
    addPayments(
      t,
      rows.map((r) => {
        const sale = SALE_SET.has(r.s);
        return { p: r.p, n: r.n, sales: sale ? r.n : 0, revenue: sale ? r.c : 0 };
      }),
    );
  }
}

/** Sales per read of SKUs and customers: a read then stays well under 50 ms of the main loop at any store size. */
const CHUNK_SALES = 500;

/** Where a stretch of sales starts, and how many. */
interface Cut {
  at: number;
  sales: number;
}

/** [from, to) cut where about `perChunk` sales have gone by: a busy store's year is many short reads, a quiet one's few. */
function chunks(cuts: readonly Cut[], from: string, to: string, perChunk: number): [string, string][] {
  const out: [string, string][] = [];
  let start = from;
  let sales = 0;
  for (const c of cuts) {
    const at = utcText(c.at);
    if (sales >= perChunk && at > start) {
      out.push([start, at]);
      start = at;
      sales = 0;
    }
    sales += c.sales;
  }
  out.push([start, to]);
  return out;
}

/**
 * [from, to) as runs of whole UTC months (MONTHS_PER_READ at most each, `YYYY-MM` bounds) and the parts before and after
 * them, as UTC text.
 */
/** A busy store sells thousands of SKUs a month: two months of their totals per statement. */
const MONTHS_PER_READ = 2;

function monthSplit(from: string, to: string): { whole: [string, string][]; edges: [string, string][] } {
  const monthStart = (text: string) => `${text.slice(0, 7)}-01T00:00:00.000Z`;
  const nextMonth = (month: string) => {
    const [y, m] = month.split('-').map(Number);
    return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  };
  const first = monthStart(from) === from ? from.slice(0, 7) : nextMonth(from.slice(0, 7));
  const last = to.slice(0, 7);
  if (first >= last) return { whole: [], edges: [[from, to]] };
  const whole: [string, string][] = [];
  for (let m = first; m < last;) {
    let end = m;
    for (let i = 0; i < MONTHS_PER_READ && end < last; i += 1) end = nextMonth(end);
    whole.push([m, end]);
    m = end;
  }
  const edges: [string, string][] = [];
  if (from < `${first}-01T00:00:00.000Z`) edges.push([from, `${first}-01T00:00:00.000Z`]);
  if (`${last}-01T00:00:00.000Z` < to) edges.push([`${last}-01T00:00:00.000Z`, to]);
  return { whole, edges };
}

/** The cuts in [a, b), for chunking part of a period. */
const cutsWithin = (cuts: readonly Cut[], a: string, b: string): Cut[] =>
  cuts.filter((c) => c.at >= Date.parse(a) && c.at < Date.parse(b));

// The kept SKU totals (migration 7) of the whole UTC months [from, to).
const skuMonthsSql = (storeId: string, from: string, to: string) =>
  sql<SkuRow>`SELECT sku, max(name) AS name, sum(quantity) AS quantity, sum(revenue_cents) AS revenue
   FROM order_sku_months WHERE store_id = ${storeId} AND month >= ${from} AND month < ${to} GROUP BY sku`;

// Items and SKUs: gifts are shipped, not sold; an SKU's revenue is quantity × unit price (order discounts stay on the order).
const skusSql = (storeId: string, from: string, to: string) =>
  sql<SkuRow>`SELECT coalesce(i.sku, '') AS sku, max(i.name) AS name, sum(i.quantity) AS quantity,
     coalesce(sum(i.quantity * i.unit_price_cents), 0) AS revenue
   FROM orders o INDEXED BY orders_by_created JOIN order_items i ON i.order_pk = o.pk
   WHERE o.store_id = ${storeId} AND o.created_utc >= ${from} AND o.created_utc < ${to}
     AND o.status_alias IN ${SALES} AND i.gift = 0
   GROUP BY 1`;

const customersSql = (storeId: string, from: string, to: string) =>
  sql<CustomerRow>`SELECT o.customer_id AS id, max(o.customer_name) AS name, count(*) AS sales,
     coalesce(sum(o.total_cents), 0) AS revenue
   FROM orders o INDEXED BY orders_by_created
   WHERE o.store_id = ${storeId} AND o.created_utc >= ${from} AND o.created_utc < ${to} AND o.status_alias IN ${SALES}
     AND o.customer_id IS NOT NULL
   GROUP BY o.customer_id`;

// A customer is new when the period holds their first sale in the cache; returning when one came before the period.
// Asked once per customer of the period (a JSON list of ids), not once per chunk they bought in.
const seenBeforeSql = (storeId: string, periodStart: string, ids: readonly number[]) =>
  sql<{ id: number }>`SELECT c.value AS id FROM json_each(${JSON.stringify(ids)}) c
   WHERE EXISTS (SELECT 1 FROM orders p INDEXED BY orders_by_customer
     WHERE p.store_id = ${storeId} AND p.customer_id = c.value AND p.created_utc < ${periodStart}
       AND p.status_alias IN ${SALES})`;

/** Customers asked about per statement. */
const SEEN_BATCH = 500;

interface SkuRow {
  sku: string;
  name: string | null;
  quantity: number;
  revenue: number;
}
interface CustomerRow {
  id: number;
  name: string | null;
  sales: number;
  revenue: number;
}

async function tally(
  db: ReadableDB,
  storeId: string,
  zone: string,
  range: DayRange,
  buckets: DayRange[],
): Promise<Tally> {
  // Day → point of the series, looked up per group (a luxon date per group costs more than the query).
  const pointOfDay = new Map<string, number>();
  buckets.forEach((b, i) => {
    for (let d = b.from; d <= b.to; d = addDays(d, 1)) pointOfDay.set(d, i);
  });
  const from = dayStartUtc(range.from, zone);
  const to = dayStartUtc(addDays(range.to, 1), zone);
  const t: Tally = {
    orders: 0,
    sales: 0,
    revenueCents: 0,
    awaiting: 0,
    cancelled: 0,
    itemsSold: 0,
    newCustomers: 0,
    returningCustomers: 0,
    byStatus: new Map(),
    byPayment: new Map(),
    byHour: Array.from({ length: 24 }, () => 0),
    byWeekday: Array.from({ length: 7 }, () => 0),
    series: Array.from({ length: buckets.length }, () => ({ orders: 0, sales: 0, revenueCents: 0 })),
    topCustomers: [],
    topSkus: [],
  };

  // The additive figures from the kept totals: quarter hours for what depends on the hour, UTC days for the rest.
  const cuts = await addTimes(db, t, storeId, zone, from, to, pointOfDay);
  await turn();
  await addMoney(db, t, storeId, from, to);

  const skus = new Map<string, { name: string | null; quantity: number; revenue: number }>();
  const addSkus = (rows: readonly SkuRow[]) => {
    for (const r of rows) {
      const sku = skus.get(r.sku) ?? { name: r.name, quantity: 0, revenue: 0 };
      if (r.name !== null && (sku.name === null || r.name > sku.name)) sku.name = r.name;
      sku.quantity += r.quantity;
      sku.revenue += r.revenue;
      skus.set(r.sku, sku);
    }
  };
  // SKUs: whole UTC months from their kept totals, the rest of the period from the items, a chunk at a time.
  const months = monthSplit(from, to);
  for (const [a, b] of months.whole) {
    addSkus(readAll(db, skuMonthsSql(storeId, a, b)));
    await turn();
  }
  for (const [a, b] of months.edges)
    for (const [x, y] of chunks(cutsWithin(cuts, a, b), a, b, CHUNK_SALES)) {
      addSkus(readAll(db, skusSql(storeId, x, y)));
      await turn();
    }
  // Customers from the sales themselves, a chunk at a time with a turn of the event loop after each query.
  // Every sum is additive, so the chunks merge exactly.
  const customers = new Map<number, { name: string | null; sales: number; revenue: number; seen: boolean }>();
  for (const [a, b] of chunks(cuts, from, to, CHUNK_SALES)) {
    for (const r of readAll(db, customersSql(storeId, a, b))) {
      const c = customers.get(r.id) ?? { name: r.name, sales: 0, revenue: 0, seen: false };
      c.sales += r.sales;
      c.revenue += r.revenue;
      customers.set(r.id, c);
    }
    await turn();
  }
  const ids = [...customers.keys()];
  for (let i = 0; i < ids.length; i += SEEN_BATCH) {
    for (const r of readAll(db, seenBeforeSql(storeId, from, ids.slice(i, i + SEEN_BATCH)))) {
      const c = customers.get(r.id);
      if (c !== undefined) c.seen = true;
    }
    await turn();
  }
  for (const p of t.byPayment.values()) p.conversion = p.orders > 0 ? p.sales / p.orders : null;

  t.topSkus = [...skus.entries()]
    .filter(([sku]) => sku !== '')
    .sort(([ka, a], [kb, b]) => b.revenue - a.revenue || (ka < kb ? -1 : 1))
    .slice(0, TOP)
    .map(([sku, s]) => ({ sku, name: s.name, quantity: s.quantity, revenueCents: s.revenue }));
  for (const c of customers.values()) {
    if (c.seen) t.returningCustomers += 1;
    else t.newCustomers += 1;
  }
  t.topCustomers = [...customers.entries()]
    .sort(([ia, a], [ib, b]) => b.revenue - a.revenue || ia - ib)
    .slice(0, TOP)
    .map(([customerId, c]) => ({ customerId, name: c.name, sales: c.sales, revenueCents: c.revenue }));
  return t;
}

/** Percent change, or null when there is nothing to compare with (a 0 % there would mislead). */
export function changePct(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return ((current - previous) / previous) * 100;
}

const figure = (current: number | null, previous: number | null): Figure => ({
  current,
  previous,
  changePct: changePct(current, previous),
});
const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

function names(db: ReadableDB, storeId: string, t: Tally): void {
  const statusNames = new Map(
    readAll(
      db,
      sql<{ alias: string; name: string | null }>`SELECT status_alias AS alias, status_name AS name
        FROM order_status_totals WHERE store_id = ${storeId}`,
    ).map((r) => [r.alias, r.name]),
  );
  for (const s of t.byStatus.values()) s.name = statusNames.get(s.alias) ?? null;
  for (const p of t.byPayment.values())
    p.name =
      readOne(
        db,
        sql<{ name: string }>`SELECT payment_name AS name FROM orders INDEXED BY orders_by_payment
          WHERE store_id = ${storeId} AND payment_alias = ${p.alias} AND payment_name IS NOT NULL LIMIT 1`,
      )?.name ?? null;
}

/** Every figure of the Painel for one store and period, from the cache only. */
export async function readPainel(
  db: ReadableDB,
  storeId: string,
  zone: string,
  request: PainelRequest,
  now: Date = new Date(),
): Promise<Painel> {
  const compare = request.compare ?? 'previous';
  const range = resolvePeriod(request.period, zone, now, request);
  const previousRange = comparisonRange(range, compare);
  const bucket = seriesBucket(range);
  const currentBuckets = bucketRanges(bucket, range);
  const previousBuckets = bucketRanges(bucket, previousRange);
  const cur = await tally(db, storeId, zone, range, currentBuckets);
  await turn();
  const prev = await tally(db, storeId, zone, previousRange, previousBuckets);
  names(db, storeId, cur);

  const points = currentBuckets.map((r, i) => {
    const p = prev.series[i] ?? { orders: 0, sales: 0, revenueCents: 0 };
    return {
      range: r,
      revenueCents: cur.series[i].revenueCents,
      sales: cur.series[i].sales,
      orders: cur.series[i].orders,
      previousRange: previousBuckets[i] ?? { from: addDays(previousRange.to, 1), to: addDays(previousRange.to, 1) },
      previousRevenueCents: p.revenueCents,
      previousSales: p.sales,
      previousOrders: p.orders,
    };
  });
  const ticket = (x: Tally): number | null => (x.sales > 0 ? Math.round(x.revenueCents / x.sales) : null);
  return {
    storeId,
    timeZone: zone,
    period: request.period,
    compare,
    range,
    previousRange,
    saleStatuses: SALE_STATUSES,
    revenueCents: figure(cur.revenueCents, prev.revenueCents),
    orders: figure(cur.orders, prev.orders),
    sales: figure(cur.sales, prev.sales),
    averageTicketCents: figure(ticket(cur), ticket(prev)),
    itemsSold: figure(cur.itemsSold, prev.itemsSold),
    newCustomers: figure(cur.newCustomers, prev.newCustomers),
    returningCustomers: figure(cur.returningCustomers, prev.returningCustomers),
    awaitingPaymentShare: figure(ratio(cur.awaiting, cur.orders), ratio(prev.awaiting, prev.orders)),
    cancellationRate: figure(ratio(cur.cancelled, cur.orders), ratio(prev.cancelled, prev.orders)),
    byPayment: [...cur.byPayment.values()].sort((a, b) => b.revenueCents - a.revenueCents || b.orders - a.orders),
    byStatus: [...cur.byStatus.values()].sort((a, b) => b.orders - a.orders),
    topCustomers: cur.topCustomers,
    topSkus: cur.topSkus,
    byHour: cur.byHour,
    byWeekday: cur.byWeekday,
    series: { bucket, points },
  };
}
