import { DateTime } from 'luxon';
import type { OrderQuery, OrderSortKey, SortDirection } from '../../../shared/domain/query';
import { AppError } from '../base/app-error';
import { offsetSpans } from './painel/local-clock';
import type { OrderSearch } from './search';
import { sqlConstant, sqlFragment, sqlJoin, type SqlFragment } from './sql';

/** A WHERE clause of the orders table (aliased `o`) and the FROM it must be used with. */
export interface OrderWhere {
  where: SqlFragment;
  from: SqlFragment;
}

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 500;

/**
 * The WHERE clause of an order list. Every condition names a column that leads
 * (after store_id) one of the orders indexes, so SQLite can start from the most
 * selective one. `withoutStatus` drops the status filter: the status counts
 * beside a list show what each status WOULD give under the other filters.
 */
export interface WhereOptions {
  /** Drop the status filter (for status counts). */
  withoutStatus?: boolean;
  /** Read FTS matches first (selective terms); false lets a sort index drive (common terms). */
  searchDrives?: boolean;
  /** Let the total index drive a total-range filter (narrow ranges); false walks the sort index instead. */
  totalDrives?: boolean;
  /** The search (db/search) whose matches the orders must be among; the query's own text is not read here. */
  search?: OrderSearch | null;
}

export function orderWhere(storeId: string, storeZone: string, q: OrderQuery, options: WhereOptions = {}): OrderWhere {
  const { withoutStatus = false, searchDrives = true, totalDrives = true, search = null } = options;
  const total = totalDrives ? sqlFragment`o.total_cents` : sqlFragment`+o.total_cents`;
  // `+` keeps the store's indexes out of the plan: SQLite then reads the FTS matches and fetches
  // each order by its search key, instead of walking the store's whole index probing the match set.
  const conditions: SqlFragment[] = [
    search !== null && search.match !== null && searchDrives
      ? sqlFragment`+o.store_id = ${storeId}`
      : sqlFragment`o.store_id = ${storeId}`,
  ];
  if (!withoutStatus && q.statuses !== undefined && q.statuses.length > 0)
    conditions.push(sqlFragment`o.status_alias IN (${sqlJoin(q.statuses)})`);
  if (q.paymentMethods !== undefined && q.paymentMethods.length > 0)
    conditions.push(sqlFragment`o.payment_alias IN (${sqlJoin(q.paymentMethods)})`);
  if (q.from !== undefined) conditions.push(sqlFragment`o.created_utc >= ${dayStartUtc(q.from, storeZone, 0)}`);
  if (q.to !== undefined) conditions.push(sqlFragment`o.created_utc < ${dayStartUtc(q.to, storeZone, 1)}`);
  if (q.minTotalCents !== undefined) conditions.push(sqlFragment`${total} >= ${q.minTotalCents}`);
  if (q.maxTotalCents !== undefined) conditions.push(sqlFragment`${total} <= ${q.maxTotalCents}`);
  if (q.delivered !== undefined) conditions.push(sqlFragment`o.delivered = ${q.delivered ? 1 : 0}`);
  if (q.customerId !== undefined) conditions.push(sqlFragment`o.customer_id = ${q.customerId}`);
  if (q.hour !== undefined || q.weekday !== undefined) conditions.push(...localTimeConditions(storeZone, q));
  // The review flags mirrored on the row (migration 002): partial indexes hold the reviewed and flagged orders.
  if (q.review === 'unreviewed') conditions.push(sqlFragment`o.reviewed = 0`);
  else if (q.review === 'reviewed') conditions.push(sqlFragment`o.reviewed = 1`);
  else if (q.review === 'flagged') conditions.push(sqlFragment`o.flagged = 1`);
  if (q.arrivedIn !== undefined) conditions.push(sqlFragment`o.arrival_run IN (${sqlJoin(q.arrivedIn)})`);
  // Text with nothing searchable in it (only punctuation) matches nothing rather than everything.
  if (search !== null) conditions.push(search.orderFilter());
  return {
    where: sqlJoin(conditions, ' AND '),
    from: (search === null ? smallIndex(q) : null) ?? sqlFragment`orders o`,
  };
}

/** True when the filter names a set of orders that a small partial index holds: they lead, and sort themselves. */
export function fewOrders(q: OrderQuery): boolean {
  return smallIndex(q) !== null;
}

/**
 * The orders sync runs brought, and reviewed or flagged orders, are read from their partial index: it is as small as
 * the runs' arrivals or the merchant's marks. Without statistics SQLite cannot tell it from the full date index,
 * hence INDEXED BY. Not with a search: then the FTS matches drive and each order is fetched by its search key.
 */
function smallIndex(q: OrderQuery): SqlFragment | null {
  if (q.arrivedIn !== undefined) return sqlFragment`orders o INDEXED BY orders_by_arrival`;
  if (q.review === 'reviewed') return sqlFragment`orders o INDEXED BY orders_reviewed`;
  if (q.review === 'flagged') return sqlFragment`orders o INDEXED BY orders_flagged`;
  return null;
}

/**
 * The order statuses as an order moves through them (the API reference's aliases): awaiting payment first, then
 * paid, handled, shipped, delivered; an order that stopped (cancelled, refused, refunded) last. A status this list
 * does not know goes after delivered, by its alias, and an order whose status could not be read after those.
 */
const STATUS_WORKFLOW = [
  'waiting_payment',
  'authorized',
  'paid',
  'handling_products',
  'invoiced',
  'ready_for_shipping',
  'on_carriage',
  'shipment_exception',
  'delivered',
] as const;
const STOPPED = ['cancelled', 'refused', 'refunded'] as const;
const UNKNOWN_RANK = STATUS_WORKFLOW.length;
const UNREAD_RANK = UNKNOWN_RANK + 1;

/** Where a status goes in the status sort (ties among unknown statuses are broken by the alias). */
function statusRank(alias: string | null): number {
  if (alias === null) return UNREAD_RANK;
  const moving = (STATUS_WORKFLOW as readonly string[]).indexOf(alias);
  if (moving >= 0) return moving;
  const stopped = (STOPPED as readonly string[]).indexOf(alias);
  return stopped >= 0 ? UNREAD_RANK + 1 + stopped : UNKNOWN_RANK;
}

/** statusRank in SQL, for sorting a search's matches (an index-driven page reads one status at a time instead). */
function statusRankSql(): SqlFragment {
  const known = [...STATUS_WORKFLOW, ...STOPPED].map((alias) => sqlFragment` WHEN ${alias} THEN ${statusRank(alias)}`);
  return sqlFragment`CASE coalesce(o.status_alias, '') WHEN '' THEN ${UNREAD_RANK}${sqlJoin(known, '')} ELSE ${UNKNOWN_RANK} END`;
}

/** Status aliases in the status sort's ascending order. */
export function inWorkflowOrder(aliases: readonly (string | null)[]): (string | null)[] {
  return [...aliases].sort(
    (a, b) => statusRank(a) - statusRank(b) || (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1),
  );
}

/**
 * Each sort follows one index and ends in the order id, so equal keys keep a stable order across pages.
 * A text search usually matches few orders: then `+` on each sort column
 * stops SQLite from walking a sort index over the whole store (probing the match set per row) and makes
 * it fetch the matches by their search key and sort them, which is what makes rare terms fast on large stores.
 */
export function orderBy(
  sort: { key: OrderSortKey; direction: SortDirection } | undefined,
  driveFromMatches = false,
): SqlFragment {
  const dir = (sort?.direction ?? 'desc') === 'asc' ? sqlFragment`ASC` : sqlFragment`DESC`;
  const columns: Record<OrderSortKey, SqlFragment[]> = {
    date: [sqlFragment`o.created_utc`],
    number: [sqlFragment`o.number`],
    total: [sqlFragment`o.total_cents`],
    customer: [sqlFragment`o.customer_sort`],
    // Without a search driving, orders-list reads the status sort status by status from orders_by_status.
    status: [statusRankSql(), sqlFragment`o.status_alias`, sqlFragment`o.created_utc`],
    payment: [sqlFragment`o.payment_alias`, sqlFragment`o.created_utc`],
  };
  return sqlJoin(
    [...columns[sort?.key ?? 'date'], sqlFragment`o.id`].map((c) =>
      driveFromMatches ? sqlFragment`+${c} ${dir}` : sqlFragment`${c} ${dir}`,
    ),
  );
}

/** True when nothing but statuses narrows the list: then totals come from order_status_totals. */
export function onlyStatusFilter(q: OrderQuery): boolean {
  return (
    q.from === undefined &&
    q.to === undefined &&
    (q.paymentMethods === undefined || q.paymentMethods.length === 0) &&
    q.minTotalCents === undefined &&
    q.maxTotalCents === undefined &&
    q.delivered === undefined &&
    q.customerId === undefined &&
    q.hour === undefined &&
    q.weekday === undefined &&
    q.review === undefined &&
    q.arrivedIn === undefined &&
    !hasSearch(q)
  );
}

/** True when the query has searchable text (blank text searches nothing). */
export function hasSearch(q: OrderQuery): boolean {
  return q.search !== undefined && q.search.trim() !== '';
}

export function pageBounds(offset: number | undefined, limit: number | undefined): { offset: number; limit: number } {
  const o = Math.max(0, Math.floor(offset ?? 0));
  const l = Math.min(MAX_LIMIT, Math.max(1, Math.floor(limit ?? DEFAULT_LIMIT)));
  return { offset: Number.isFinite(o) ? o : 0, limit: Number.isFinite(l) ? l : DEFAULT_LIMIT };
}

/** A day in the store's zone → the UTC instant it starts (plus `addDays`), as stored in created_utc. */
export function dayStartUtc(day: string, zone: string, addDays: number): string {
  const start = DateTime.fromISO(day, { zone });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !start.isValid)
    throw new AppError('INVALID_INPUT', `Not a date: ${day.slice(0, 20)}`, { params: { reason: 'date' } });
  return start.plus({ days: addDays }).startOf('day').toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
}

/** Where the zone's offsets are looked for when the list has no period: no store sold through Yampi before this. */
const NO_PERIOD_FROM = '2000-01-01T00:00:00.000Z';
const DAY_MS = 86_400_000;

/**
 * The hour and weekday filters: the order's creation in the store's zone, as seconds since 1970 in local time, is
 * its UTC second plus the zone's offset at that instant, chosen among the offsets the period passes through (found as
 * the Painel finds them: cut where the zone changes). Orders before the first change take the first offset, after
 * the last the last; without a period the changes are looked for from 2000 to two days from now.
 */
function localTimeConditions(zone: string, q: OrderQuery): SqlFragment[] {
  const from = q.from === undefined ? NO_PERIOD_FROM : dayStartUtc(q.from, zone, 0);
  const to = q.to === undefined ? new Date(Date.now() + 2 * DAY_MS).toISOString() : dayStartUtc(q.to, zone, 1);
  const spans = offsetSpans(zone, Date.parse(from), Math.max(Date.parse(from) + 1, Date.parse(to)));
  const seconds = (offset: number) => sqlConstant(offset * 60);
  const last = spans[spans.length - 1];
  const offset =
    spans.length === 1
      ? seconds(last.offset)
      : sqlFragment`CASE${sqlJoin(
          spans
            .slice(0, -1)
            .map((s) => sqlFragment` WHEN o.created_utc < ${new Date(s.toMs).toISOString()} THEN ${seconds(s.offset)}`),
          '',
        )} ELSE ${seconds(last.offset)} END`;
  const local = sqlFragment`(unixepoch(substr(o.created_utc, 1, 19)) + ${offset})`;
  const conditions: SqlFragment[] = [];
  // 1970-01-01 was a Thursday: day 0 is weekday 3 counted from Monday.
  if (q.hour !== undefined) conditions.push(sqlFragment`${local} % 86400 / 3600 = ${sqlConstant(q.hour)}`);
  if (q.weekday !== undefined) conditions.push(sqlFragment`(${local} / 86400 + 3) % 7 = ${sqlConstant(q.weekday)}`);
  return conditions;
}
