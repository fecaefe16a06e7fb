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
import { sql, sqlConstant, type SqlFragment } from '../sql';
import { readAll, readOne } from '../statements';
import { readFromOrders, SALES, type FromOrders, type OrderReads, type SignedPart } from './from-orders';
import { localClock, offsetSpans } from './local-clock';
import { addDays, bucketRanges, comparisonRange, dayStartUtc, resolvePeriod, seriesBucket } from './period';

export interface PainelRequest {
  period: PainelPeriod;
  from?: string;
  to?: string;
  compare?: PainelCompare;
}

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
// hour (hours since 1970-01-01 in local time): its day, hour of day and weekday follow by division, so one pass over
// the quarter hours serves the series, the totals and the hour and weekday bars. The offset is written into the text:
// a bound number would be a REAL, and the division then not an integer one.
const localHoursSql = (storeId: string, q0: number, q1: number, offset: SqlFragment) =>
  sql<Sums & { hh: number }>`SELECT (slice * 900 + ${offset}) / 3600 AS hh, sum(n) AS n, sum(sales) AS sales,
     sum(revenue_cents) AS revenue, sum(items) AS items
   FROM order_slice_totals WHERE store_id = ${storeId} AND slice >= ${q0} AND slice < ${q1}
   GROUP BY hh`;

// The kept totals (migration 10) of the whole UTC hours [h0, h1), as local hours of a span whose offset is `offset`
// whole hours.
const hoursSql = (storeId: string, h0: number, h1: number, offset: SqlFragment) =>
  sql<Sums & { hh: number }>`SELECT hour + ${offset} AS hh, n, sales, revenue_cents AS revenue, items
   FROM order_hour_totals WHERE store_id = ${storeId} AND hour >= ${h0} AND hour < ${h1}`;

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

/** [a, b) in pieces of at most `step`: one statement over a piece keeps the main loop's blocks short. */
function* pieces(a: number, b: number, step: number): Generator<[number, number]> {
  for (let x = a; x < b; x += step) yield [x, Math.min(x + step, b)];
}

/**
 * Two weeks: some 1,300 quarter hours or 14 days of one store's totals per statement. The worker reading the orders
 * meanwhile takes a core: on two shared cores two months per statement held the loop 40-90 ms.
 */
const PIECE_DAYS = 14;

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

/** A local day's sums (or an order's) into the totals and the series. */
function addDay(t: Tally, day: string, r: Sums, pointOfDay: ReadonlyMap<string, number>): void {
  t.orders += r.n;
  t.sales += r.sales;
  t.revenueCents += r.revenue;
  t.itemsSold += r.items;
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
): Promise<void> {
  const clock = localClock(zone);
  // Local day number → its date, made once per day rather than once per hour.
  const dates = new Map<number, string>();
  const dateOf = (d: number): string => {
    let date = dates.get(d);
    if (date === undefined) {
      date = utcText(d * DAY_MS).slice(0, 10);
      dates.set(d, date);
    }
    return date;
  };
  const addLocalHours = (rows: readonly (Sums & { hh: number })[]) => {
    for (const r of rows) {
      const d = Math.floor(r.hh / 24);
      addDay(t, dateOf(d), r, pointOfDay);
      t.byHour[r.hh % 24] += r.n;
      // 1970-01-01 was a Thursday: weekday 3 counted from Monday.
      t.byWeekday[(d + 3) % 7] += r.n;
    }
  };
  const byOrder = (a: number, b: number) => {
    for (const r of readAll(db, ordersTimeSql(storeId, utcText(a), utcText(b)))) {
      const local = clock(Date.parse(r.t));
      t.byHour[local.hour] += 1;
      t.byWeekday[local.weekday] += 1;
      addDay(t, local.day, r, pointOfDay);
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
    // Whole UTC hours are local hours where the offset is whole hours: read per hour, the quarter hours only around.
    const h0 = span.offset % 60 === 0 ? Math.ceil(q0 / 4) : q1;
    const h1 = span.offset % 60 === 0 ? Math.floor(q1 / 4) : q1;
    const quarters: [number, number][] =
      h0 < h1
        ? [
            [q0, h0 * 4],
            [h1 * 4, q1],
          ]
        : [[q0, q1]];
    const offset = sqlConstant(span.offset * 60);
    for (const [qa, qb] of quarters.flatMap(([a, b]) => [...pieces(a, b, (PIECE_DAYS * DAY_MS) / QUARTER_MS)])) {
      addLocalHours(readAll(db, localHoursSql(storeId, qa, qb, offset)));
      await turn();
    }
    if (h0 < h1)
      for (const [ha, hb] of pieces(h0, h1, PIECE_DAYS * 24)) {
        addLocalHours(readAll(db, hoursSql(storeId, ha, hb, sqlConstant(span.offset / 60))));
        await turn();
      }
    if (q1 * QUARTER_MS < span.toMs) byOrder(q1 * QUARTER_MS, span.toMs);
  }
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

/** The status and payment figures of the whole UTC days [from, to), from the totals. */
async function addMoneyDays(db: ReadableDB, t: Tally, storeId: string, from: string, to: string): Promise<void> {
  for (const [a, b] of pieces(Date.parse(from), Date.parse(to), PIECE_DAYS * DAY_MS)) {
    const [dayA, dayB] = [utcText(a).slice(0, 10), utcText(b).slice(0, 10)];
    addStatuses(t, readAll(db, dayStatusesSql(storeId, dayA, dayB)));
    addPayments(t, readAll(db, dayPaymentsSql(storeId, dayA, dayB)));
    await turn();
  }
}

/** The figures read from the period's orders (the cut UTC days' statuses and payments, customers, SKUs). */
function addFromOrders(t: Tally, r: FromOrders): void {
  addStatuses(t, r.moneyEdges);
  addPayments(
    t,
    r.moneyEdges.map((m) => {
      const sale = SALE_SET.has(m.s);
      return { p: m.p, n: m.n, sales: sale ? m.n : 0, revenue: sale ? m.c : 0 };
    }),
  );
  const [first] = r.customers;
  t.returningCustomers = first?.seen ?? 0;
  t.newCustomers = (first?.customers ?? 0) - t.returningCustomers;
  t.topCustomers = r.customers
    .filter((c) => c.id !== null)
    .map((c) => ({ customerId: c.id ?? 0, name: c.name, sales: c.sales ?? 0, revenueCents: c.revenue ?? 0 }))
    .sort((a, b) => b.revenueCents - a.revenueCents || a.customerId - b.customerId);
  t.topSkus = r.skus.map((k) => ({ sku: k.sku, name: k.name, quantity: k.quantity, revenueCents: k.revenue }));
}

/** [from, to) as UTC text: the store-zone days of `range`. */
function bounds(range: DayRange, zone: string): [string, string] {
  return [dayStartUtc(range.from, zone), dayStartUtc(addDays(range.to, 1), zone)];
}

/** The month `YYYY-MM` after `month`. */
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
const monthStart = (month: string): string => `${month}-01T00:00:00.000Z`;

/**
 * [from, to) (UTC text) as whole UTC months (`YYYY-MM` bounds, null for none) with signed parts read from the orders:
 * each end either adds the part of its cut month inside the period or takes the whole month and takes away the part
 * outside it, whichever is shorter, so a period's orders are read for at most half a month at each end (hours for
 * the presets, whose ends are the store's midnights). No months when the parts would be longer than the period.
 */
function monthCover(from: string, to: string): { months: [string, string] | null; edges: SignedPart[] } {
  const length = (a: string, b: string) => Date.parse(b) - Date.parse(a);
  const edges: SignedPart[] = [];
  let first = from.slice(0, 7);
  if (monthStart(first) !== from) {
    const after = nextMonth(first);
    if (length(from, monthStart(after)) <= length(monthStart(first), from)) {
      edges.push({ from, to: monthStart(after), sign: 1 });
      first = after;
    } else edges.push({ from: monthStart(first), to: from, sign: -1 });
  }
  let last = to.slice(0, 7);
  if (monthStart(last) !== to) {
    const after = nextMonth(last);
    if (length(monthStart(last), to) <= length(to, monthStart(after)))
      edges.push({ from: monthStart(last), to, sign: 1 });
    else {
      edges.push({ from: to, to: monthStart(after), sign: -1 });
      last = after;
    }
  }
  const read = edges.reduce((sum, e) => sum + length(e.from, e.to), 0);
  if (first >= last || read >= length(from, to)) return { months: null, edges: [{ from, to, sign: 1 }] };
  return { months: [first, last], edges };
}

/** What [from, to) reads from its orders: its cut UTC days, and the parts its months need for customers and SKUs. */
function orderReads(from: string, to: string): OrderReads {
  const cover = monthCover(from, to);
  return {
    period: [from, to],
    moneyEdges: splitRange(from, to, DAY_MS).edges,
    months: cover.months,
    monthEdges: cover.edges,
  };
}

/** The figures of [from, to) from the kept totals: quarter hours for what depends on the hour, UTC days for the rest. */
async function tally(
  db: ReadableDB,
  storeId: string,
  zone: string,
  [from, to]: [string, string],
  buckets: DayRange[],
): Promise<Tally> {
  // Day → point of the series, looked up per group (a luxon date per group costs more than the query).
  const pointOfDay = new Map<string, number>();
  buckets.forEach((b, i) => {
    for (let d = b.from; d <= b.to; d = addDays(d, 1)) pointOfDay.set(d, i);
  });
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
  await addTimes(db, t, storeId, zone, from, to, pointOfDay);
  await turn();
  const days = splitRange(from, to, DAY_MS);
  if (days.whole !== null) await addMoneyDays(db, t, storeId, ...days.whole);
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
  const current = bounds(range, zone);
  const previous = bounds(previousRange, zone);
  // The worker reads the orders while this thread reads the kept totals.
  const [fromOrders, [cur, prev]] = await Promise.all([
    readFromOrders(db, storeId, [orderReads(...current), orderReads(...previous)]),
    (async () => {
      const c = await tally(db, storeId, zone, current, currentBuckets);
      await turn();
      return [c, await tally(db, storeId, zone, previous, previousBuckets)];
    })(),
  ]);
  addFromOrders(cur, fromOrders[0]);
  addFromOrders(prev, fromOrders[1]);
  for (const x of [cur, prev])
    for (const p of x.byPayment.values()) p.conversion = p.orders > 0 ? p.sales / p.orders : null;
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
