import type { Order, OrderDetail, OrderSummary } from '../../../shared/domain/order';
import type { OrderQuery, Page, StatusCount } from '../../../shared/domain/query';
import type { ZonedTime } from '../../../shared/domain/time';
import { AppError } from '../app-error';
import type { Db } from './open';
import { drivesFromMatches, onlyStatusFilter, orderBy, orderWhere, pageBounds } from './order-filters';
import { getReview } from './review-repo';
import { ftsQuery } from './search-terms';
import { stmt } from './statements';
import { getStore } from './stores-repo';

const zoned = (utc: string | null, zone: string | null): ZonedTime | null => (utc === null ? null : { utc, zone: zone ?? 'UTC' });
const flag = (value: number | null): boolean | null => (value === null ? null : value === 1);

interface SummaryRow {
  id: number;
  number: number | null;
  status_alias: string | null;
  status_name: string | null;
  status_id: number | null;
  customer_id: number | null;
  customer_name: string | null;
  customer_email: string | null;
  created_utc: string | null;
  created_zone: string | null;
  total_cents: number | null;
  payment_alias: string | null;
  installments: number | null;
  delivered: number | null;
  tracking_code: string | null;
  parse_problem_count: number;
  reviewed: number | null;
  flagged: number | null;
}

const SUMMARY_COLUMNS = `o.id, o.number, o.status_alias, o.status_name, o.status_id, o.customer_id, o.customer_name,
  o.customer_email, o.created_utc, o.created_zone, o.total_cents, o.payment_alias, o.installments, o.delivered,
  o.tracking_code, o.parse_problem_count, r.reviewed, r.flagged`;

function toSummary(row: SummaryRow): OrderSummary {
  return {
    id: row.id,
    number: row.number,
    status: row.status_alias === null ? null : { alias: row.status_alias, name: row.status_name ?? row.status_alias, id: row.status_id },
    customerId: row.customer_id,
    customerName: row.customer_name,
    customerEmail: row.customer_email,
    createdAt: zoned(row.created_utc, row.created_zone),
    totalCents: row.total_cents,
    paymentAlias: row.payment_alias,
    installments: row.installments,
    delivered: flag(row.delivered),
    trackingCode: row.tracking_code,
    reviewed: row.reviewed === 1,
    flagged: row.flagged === 1,
    parseProblemCount: row.parse_problem_count,
  };
}

function storeZone(db: Db, storeId: string): string {
  const store = getStore(db, storeId);
  if (store === null) throw new AppError('NOT_FOUND', 'This store is not in the cache.');
  return store.timeZone;
}

/** The SQL of one list page, exposed so a test can EXPLAIN it. */
export function orderListSql(db: Db, storeId: string, query: OrderQuery): { sql: string; params: unknown[]; countSql: string } {
  const zone = storeZone(db, storeId);
  const commonSearch = isCommonSearch(db, query);
  const manyReviewed = isManyReviewed(db, storeId, query);
  const page = orderWhere(storeId, zone, query, {
    searchDrives: !commonSearch,
    totalDrives: !isBroadTotalRange(db, storeId, query),
    reviewDrives: !manyReviewed,
  });
  // Counting goes through the FTS matches with the index-only (store_id, pk) check: never more work than the store.
  const count = orderWhere(storeId, zone, query, { searchDrives: false });
  const fromMatches = (drivesFromMatches(query) && !commonSearch && !manyReviewed) || (hasSearch(query) && !commonSearch);
  const { offset, limit } = pageBounds(query.offset, query.limit);
  return {
    sql: `SELECT ${SUMMARY_COLUMNS} FROM orders o
          LEFT JOIN review_state r ON r.store_id = o.store_id AND r.order_id = o.id
          WHERE ${page.sql} ORDER BY ${orderBy(query.sort, fromMatches)} LIMIT ${limit} OFFSET ${offset}`,
    params: page.params,
    countSql: `SELECT count(*) AS n FROM orders o WHERE ${count.sql}`,
  };
}

const hasSearch = (query: OrderQuery) => query.search !== undefined && query.search.trim() !== '';

/** The bounded probe again, on review_state's partial indexes. */
function isManyReviewed(db: Db, storeId: string, query: OrderQuery): boolean {
  if (query.review !== 'reviewed' && query.review !== 'flagged') return false;
  const row = stmt(
    db,
    `SELECT count(*) AS n FROM (SELECT 1 FROM review_state WHERE store_id = ? AND ${query.review} = 1 LIMIT ${COMMON_SEARCH_MATCHES})`,
  ).get(storeId) as { n: number };
  return row.n >= COMMON_SEARCH_MATCHES;
}

/**
 * The same bounded probe for a total range, on the covering total index: a narrow range ("the R$ 955,76
 * order") is read from that index; a broad one ("over R$ 100") by walking the sort index, which
 * fills a page after a few hundred rows instead of sorting a large part of the store.
 */
function isBroadTotalRange(db: Db, storeId: string, query: OrderQuery): boolean {
  if (query.minTotalCents === undefined && query.maxTotalCents === undefined) return false;
  if ((query.sort?.key ?? 'date') === 'total') return false;
  const row = stmt(
    db,
    `SELECT count(*) AS n FROM (SELECT 1 FROM orders WHERE store_id = ? AND total_cents >= ? AND total_cents <= ? LIMIT ${COMMON_SEARCH_MATCHES})`,
  ).get(storeId, query.minTotalCents ?? Number.MIN_SAFE_INTEGER, query.maxTotalCents ?? Number.MAX_SAFE_INTEGER) as { n: number };
  return row.n >= COMMON_SEARCH_MATCHES;
}

/** Above this many FTS matches, walking the sort index fills a page sooner than sorting every match. */
export const COMMON_SEARCH_MATCHES = 2000;

/**
 * A cheap bounded probe of the FTS index. For a selective term (CPF, e-mail, SKU, a full name) the page
 * is read from the matches; for a very common one (a frequent surname) the sort index is walked and each
 * entry checked against the matches, which stops as soon as the page is full.
 */
function isCommonSearch(db: Db, query: OrderQuery): boolean {
  if (query.search === undefined || query.search.trim() === '') return false;
  const match = ftsQuery(query.search);
  if (match === null) return false;
  const row = stmt(db, `SELECT count(*) AS n FROM (SELECT rowid FROM orders_fts WHERE orders_fts MATCH ? LIMIT ${COMMON_SEARCH_MATCHES})`).get(match) as {
    n: number;
  };
  return row.n >= COMMON_SEARCH_MATCHES;
}

/**
 * One page of orders and the number of orders the filter matches. Offset paging
 * over the sort's index: the UI shows page numbers and totals, and deep pages are
 * rare in review work; see docs/db.md for the measured cost.
 */
export function listOrders(db: Db, storeId: string, query: OrderQuery): Page<OrderSummary> {
  const { sql, params, countSql } = orderListSql(db, storeId, query);
  const { offset, limit } = pageBounds(query.offset, query.limit);
  const rows = (stmt(db, sql).all(...params) as SummaryRow[]).map(toSummary);
  return { rows, total: countOrders(db, storeId, query, { sql: countSql, params }), offset, limit };
}

/**
 * How many orders the filter matches, by the cheapest honest route: the trigger-kept
 * per-status totals when only statuses filter; "all minus reviewed" for the unreviewed
 * filter (reviewed orders are few, the rest are most of the store); else a count on the index.
 */
export function countOrders(db: Db, storeId: string, query: OrderQuery, prepared?: { sql: string; params: unknown[] }): number {
  if (onlyStatusFilter(query)) {
    const statuses = query.statuses ?? [];
    const inList = statuses.length === 0 ? '' : ` AND status_alias IN (${statuses.map(() => '?').join(', ')})`;
    const row = stmt(db, `SELECT coalesce(sum(n), 0) AS n FROM order_status_totals WHERE store_id = ?${inList}`).get(storeId, ...statuses) as { n: number };
    return row.n;
  }
  if (query.review === 'unreviewed') {
    return countOrders(db, storeId, { ...query, review: undefined }) - countOrders(db, storeId, { ...query, review: 'reviewed' });
  }
  const { countSql, params } = prepared === undefined ? orderListSql(db, storeId, query) : { countSql: prepared.sql, params: prepared.params };
  return (stmt(db, countSql).get(...params) as { n: number }).n;
}

/** Orders per status under every filter but the status one, as status chips show them. */
export function orderStatusCounts(db: Db, storeId: string, query: OrderQuery): StatusCount[] {
  if (onlyStatusFilter(query)) {
    return (
      stmt(
        db,
        `SELECT status_alias AS alias, coalesce(status_name, status_alias) AS name, n AS count FROM order_status_totals
         WHERE store_id = ? AND status_alias <> '' AND n > 0 ORDER BY n DESC, status_alias`,
      ).all(storeId) as StatusCount[]
    ).map((r) => ({ ...r }));
  }
  const where = orderWhere(storeId, storeZone(db, storeId), query, { withoutStatus: true });
  // `+` lets SQLite pick the filter's index (which carries status_alias) and group in a temp B-tree,
  // instead of walking the whole status index to avoid that sort. Names come from the kept totals.
  const rows = stmt(
    db,
    `SELECT o.status_alias AS alias, count(*) AS count FROM orders o
     WHERE ${where.sql} AND o.status_alias IS NOT NULL GROUP BY +o.status_alias`,
  ).all(...where.params) as { alias: string; count: number }[];
  const names = new Map(
    (stmt(db, 'SELECT status_alias, status_name FROM order_status_totals WHERE store_id = ?').all(storeId) as { status_alias: string; status_name: string | null }[]).map(
      (r) => [r.status_alias, r.status_name],
    ),
  );
  return rows
    .map((r) => ({ alias: r.alias, name: names.get(r.alias) ?? r.alias, count: r.count }))
    .sort((a, b) => b.count - a.count || (a.alias < b.alias ? -1 : 1));
}

interface OrderRow extends Omit<SummaryRow, 'reviewed' | 'flagged'> {
  pk: number;
  store_id: string;
  customer_tax_id: string | null;
  customer_phone: string | null;
  updated_utc: string | null;
  updated_zone: string | null;
  products_cents: number | null;
  shipment_cents: number | null;
  discount_cents: number | null;
  tax_cents: number | null;
  payment_name: string | null;
  track_url: string | null;
  promocode_id: number | null;
  promocode_code: string | null;
  parse_problems: string;
  raw: string;
}

/** Everything about one order: its relations, the raw API record and the local review state. */
export function getOrderDetail(db: Db, storeId: string, orderId: number): OrderDetail | null {
  const row = stmt(db, 'SELECT * FROM orders WHERE store_id = ? AND id = ?').get(storeId, orderId) as OrderRow | undefined;
  if (row === undefined) return null;
  const items = stmt(db, 'SELECT * FROM order_items WHERE order_pk = ? ORDER BY position').all(row.pk) as Record<string, never>[];
  const address = stmt(db, "SELECT * FROM order_addresses WHERE order_pk = ? AND kind = 'shipping'").get(row.pk) as Record<string, never> | undefined;
  const transactions = stmt(db, 'SELECT * FROM order_transactions WHERE order_pk = ? ORDER BY position').all(row.pk) as Record<string, never>[];
  const history = stmt(db, 'SELECT * FROM order_status_history WHERE order_pk = ? ORDER BY position').all(row.pk) as Record<string, never>[];
  const order: Order = {
    id: row.id,
    storeId: row.store_id,
    number: row.number,
    status: row.status_alias === null ? null : { alias: row.status_alias, name: row.status_name ?? row.status_alias, id: row.status_id },
    customer:
      row.customer_id === null && row.customer_name === null && row.customer_email === null
        ? null
        : { id: row.customer_id, name: row.customer_name, email: row.customer_email, taxId: row.customer_tax_id, phone: row.customer_phone },
    createdAt: zoned(row.created_utc, row.created_zone),
    updatedAt: zoned(row.updated_utc, row.updated_zone),
    totalCents: row.total_cents,
    productsCents: row.products_cents,
    shipmentCents: row.shipment_cents,
    discountCents: row.discount_cents,
    taxCents: row.tax_cents,
    payment: row.payment_alias === null ? null : { alias: row.payment_alias, name: row.payment_name },
    installments: row.installments,
    delivered: flag(row.delivered),
    trackingCode: row.tracking_code,
    trackUrl: row.track_url,
    items: items.map((i) => ({
      id: i.id,
      sku: i.sku,
      name: i.name,
      productId: i.product_id,
      skuId: i.sku_id,
      quantity: i.quantity,
      unitPriceCents: i.unit_price_cents,
      gift: i.gift === 1,
      bundle: i.bundle_id === null && i.bundle_name === null ? null : { id: i.bundle_id, name: i.bundle_name },
    })),
    shippingAddress:
      address === undefined
        ? null
        : {
            receiver: address.receiver,
            street: address.street,
            number: address.number,
            complement: address.complement,
            neighborhood: address.neighborhood,
            city: address.city,
            uf: address.uf,
            zipcode: address.zipcode,
            country: address.country,
            fullAddress: address.full_address,
          },
    transactions: transactions.map((t) => ({
      id: t.id,
      payment: t.payment_alias === null ? null : { alias: t.payment_alias, name: t.payment_name },
      amountCents: t.amount_cents,
      installments: t.installments,
      status: t.status,
      authorized: flag(t.authorized),
      captured: flag(t.captured),
      cancelled: flag(t.cancelled),
      createdAt: zoned(t.created_utc, t.created_zone),
    })),
    statusHistory: history.map((s) => ({ alias: s.alias, name: s.name, at: zoned(s.at_utc, s.at_zone) })),
    promocode: row.promocode_id === null && row.promocode_code === null ? null : { id: row.promocode_id, code: row.promocode_code },
    parseProblems: JSON.parse(row.parse_problems) as string[],
  };
  return { order, review: getReview(db, storeId, orderId), raw: JSON.parse(row.raw) as unknown };
}
