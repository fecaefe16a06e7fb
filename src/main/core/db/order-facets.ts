import type { OrderQuery } from '../../../shared/domain/query';
import type { ReadableDB } from './connection';
import { dayStartUtc, hasSearch } from './order-filters';
import { sql, sqlFragment, sqlJoin, type SqlFragment } from './sql';
import { readAll } from './statements';

type StatusTotal = { status: string; n: number };

/**
 * Exact order counts from the trigger-kept facet totals (migration 002): orders per
 * (status, payment, delivered), for the whole store and per UTC day, and the same for the reviewed orders alone
 * (migration 12). They answer any mix of status, payment, delivered, date range and "unreviewed" filters; a search,
 * a total range, a customer, an hour or weekday or a reviewed/flagged filter is counted on the orders.
 */
export function facetAnswers(q: OrderQuery): boolean {
  return (
    q.minTotalCents === undefined &&
    q.maxTotalCents === undefined &&
    q.customerId === undefined &&
    q.hour === undefined &&
    q.weekday === undefined &&
    (q.review === undefined || q.review === 'unreviewed') &&
    q.arrivedIn === undefined &&
    !hasSearch(q)
  );
}

/** Where a share of the orders is counted: every order (migration 2), or the reviewed ones (migration 12). */
interface Totals {
  store: SqlFragment;
  days: SqlFragment;
  reviewedOnly: boolean;
}
const ALL_ORDERS: Totals = {
  store: sqlFragment`order_facet_totals`,
  days: sqlFragment`order_day_totals`,
  reviewedOnly: false,
};
const REVIEWED_ORDERS: Totals = {
  store: sqlFragment`order_reviewed_totals`,
  days: sqlFragment`order_reviewed_day_totals`,
  reviewedOnly: true,
};

/**
 * Orders per status alias ('' for an unreadable status) under the query's filters,
 * ignoring its status filter. Only for queries facetAnswers accepts.
 */
export function facetStatusCounts(db: ReadableDB, storeId: string, zone: string, q: OrderQuery): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (rows: StatusTotal[], sign: 1 | -1) => {
    for (const r of rows) counts.set(r.status, (counts.get(r.status) ?? 0) + sign * r.n);
  };
  const filter = otherFilters(q);
  const fromUtc = q.from === undefined ? null : dayStartUtc(q.from, zone, 0);
  const toUtc = q.to === undefined ? null : dayStartUtc(q.to, zone, 1);
  const count = (totals: Totals, sign: 1 | -1) => {
    const scan = (from: string | null, to: string | null) =>
      add(scanOrders(db, storeId, filter, from, to, totals.reviewedOnly), sign);
    if (fromUtc === null && toUtc === null) {
      add(
        readAll(
          db,
          sql<StatusTotal>`SELECT status_alias AS status, sum(n) AS n FROM ${totals.store} WHERE store_id = ${storeId}${filter} GROUP BY status_alias`,
        ),
        sign,
      );
      return;
    }
    // Whole UTC days inside the range come from the day totals; the partial days at its ends are counted.
    const firstWholeDay = fromUtc === null ? null : ceilUtcDay(fromUtc);
    const endWholeDay = toUtc === null ? null : toUtc.slice(0, 10);
    if (firstWholeDay !== null && endWholeDay !== null && firstWholeDay >= endWholeDay) return scan(fromUtc, toUtc);
    const days = sqlJoin(
      [
        firstWholeDay === null ? sqlFragment`day <> ''` : sqlFragment`day >= ${firstWholeDay}`,
        ...(endWholeDay === null ? [] : [sqlFragment`day < ${endWholeDay}`]),
      ],
      ' AND ',
    );
    add(
      readAll(
        db,
        sql<StatusTotal>`SELECT status_alias AS status, sum(n) AS n FROM ${totals.days} WHERE store_id = ${storeId} AND ${days}${filter} GROUP BY status_alias`,
      ),
      sign,
    );
    if (fromUtc !== null && firstWholeDay !== null && fromUtc < `${firstWholeDay}T00:00:00.000Z`)
      scan(fromUtc, `${firstWholeDay}T00:00:00.000Z`);
    if (toUtc !== null && endWholeDay !== null && `${endWholeDay}T00:00:00.000Z` < toUtc)
      scan(`${endWholeDay}T00:00:00.000Z`, toUtc);
  };
  count(ALL_ORDERS, 1);
  // "Unreviewed" is every order less the reviewed ones, whose own totals the triggers keep.
  if (q.review === 'unreviewed') count(REVIEWED_ORDERS, -1);
  return counts;
}

/** Payment and delivered conditions, with the same column names in the totals tables and in orders. */
function otherFilters(q: OrderQuery): SqlFragment {
  return sqlJoin(
    [
      q.paymentMethods !== undefined && q.paymentMethods.length > 0
        ? sqlFragment` AND payment_alias IN (${sqlJoin(q.paymentMethods)})`
        : sqlFragment``,
      q.delivered === undefined ? sqlFragment`` : sqlFragment` AND delivered = ${q.delivered ? 1 : 0}`,
    ],
    '',
  );
}

function scanOrders(
  db: ReadableDB,
  storeId: string,
  filter: SqlFragment,
  from: string | null,
  to: string | null,
  reviewedOnly: boolean,
): StatusTotal[] {
  return readAll(
    db,
    sql<StatusTotal>`SELECT coalesce(status_alias, '') AS status, count(*) AS n FROM orders${reviewedOnly ? sqlFragment` INDEXED BY orders_reviewed` : sqlFragment``}
     WHERE store_id = ${storeId}${reviewedOnly ? sqlFragment` AND reviewed = 1` : sqlFragment``}${
       from === null ? sqlFragment`` : sqlFragment` AND created_utc >= ${from}`
     }${to === null ? sqlFragment`` : sqlFragment` AND created_utc < ${to}`}${filter} GROUP BY 1`,
  );
}

/** The first UTC day starting at or after an instant (`YYYY-MM-DDTHH:mm:ss.SSSZ`). */
function ceilUtcDay(instant: string): string {
  const day = instant.slice(0, 10);
  if (instant.slice(10) === 'T00:00:00.000Z') return day;
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);
}
