import type { Order, OrderDetail, OrderSummary } from '../../../shared/domain/order';
import type { OrderQuery, Page, StatusCount } from '../../../shared/domain/query';
import type { ZonedTime } from '../../../shared/domain/time';
import { AppError } from '../base/app-error';
import type { Db } from './open';
import { facetAnswers, facetStatusCounts } from './order-facets';
import { hasSearch, onlyStatusFilter, orderBy, orderWhere, pageBounds, type CacheOrderQuery } from './order-filters';
import { storeKeyRange } from './order-search-index';
import { getReview } from './review-repo';
import { ftsQuery, type SearchWords } from './search-terms';
import { searchWordsFor } from './search-words';
import { stmt } from './statements';
import { getStore } from './stores-repo';

const zoned = (utc: string | null, zone: string | null): ZonedTime | null =>
  utc === null ? null : { utc, zone: zone ?? 'UTC' };
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
  reviewed: number;
  flagged: number;
}

const SUMMARY_COLUMNS = `o.id, o.number, o.status_alias, o.status_name, o.status_id, o.customer_id, o.customer_name,
  o.customer_email, o.created_utc, o.created_zone, o.total_cents, o.payment_alias, o.installments, o.delivered,
  o.tracking_code, o.parse_problem_count, o.reviewed, o.flagged`;

function toSummary(row: SummaryRow): OrderSummary {
  return {
    id: row.id,
    number: row.number,
    status:
      row.status_alias === null
        ? null
        : { alias: row.status_alias, name: row.status_name ?? row.status_alias, id: row.status_id },
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
  if (store === null)
    throw new AppError('NOT_FOUND', 'This store is not in the cache.', { params: { reason: 'store' } });
  return store.timeZone;
}

/** The SQL of one list page, exposed so a test can EXPLAIN it. */
export function orderListSql(
  db: Db,
  storeId: string,
  plain: OrderQuery,
): { sql: string; params: unknown[]; count: { sql: string; params: unknown[] } } {
  const query = resolveSearchWords(db, storeId, plain);
  const zone = storeZone(db, storeId);
  const { offset, limit } = pageBounds(query.offset, query.limit);
  const keys = storeKeyRange(db, storeId);
  const count = countStatement(storeId, zone, keys, query, totalCap(query));
  const byDate = (query.sort?.key ?? 'date') === 'date';
  const match = hasSearch(query) ? ftsQuery(query.search ?? '', { words: query.searchWords ?? 'joined' }) : null;
  if (byDate && match !== null) {
    // The search index is keyed in date order (order-search-index.ts): FTS5 streams the matches newest
    // (or oldest) first and each is fetched by its key, so a page stops once it is full, however common the word.
    const where = orderWhere(storeId, zone, { ...query, search: undefined });
    const dir = query.sort?.direction === 'asc' ? 'ASC' : 'DESC';
    return {
      sql: `SELECT ${SUMMARY_COLUMNS} FROM orders_fts CROSS JOIN orders o ON o.search_key = orders_fts.rowid
            WHERE ${where.sql} AND ${IN_STORE_MATCHES} ORDER BY orders_fts.rowid ${dir} LIMIT ${limit} OFFSET ${offset}`,
      params: [...where.params, match, keys.lo, keys.hi],
      count,
    };
  }
  const commonSearch = isCommonSearch(db, query, keys);
  const page = orderWhere(storeId, zone, query, {
    searchDrives: !commonSearch,
    totalDrives: !isBroadTotalRange(db, storeId, query),
    searchKeys: keys,
  });
  const fromMatches = hasSearch(query) && !commonSearch;
  return {
    sql: `SELECT ${SUMMARY_COLUMNS} FROM ${page.from}
          WHERE ${page.sql} ORDER BY ${orderBy(query.sort, fromMatches)} LIMIT ${limit} OFFSET ${offset}`,
    params: page.params,
    count,
  };
}

/** FTS matches of the search among the store's keys (parameters: the match, then the range's lo and hi). */
const IN_STORE_MATCHES = 'orders_fts MATCH ? AND orders_fts.rowid >= ? AND orders_fts.rowid < ?';

/** Filtered totals are counted up to this many orders; above it the list says "more than 10,000". */
export const TOTAL_CAP = 10_000;

/**
 * How far a total is counted: TOTAL_CAP, or COMMON_SEARCH_MATCHES for a text search (whose matches are
 * counted through the FTS index), and never less than the end of the requested page, so a page beyond
 * the cap still has a total past it and "next" stays meaningful.
 */
export function totalCap(query: OrderQuery): number {
  const { offset, limit } = pageBounds(query.offset, query.limit);
  return Math.max(hasSearch(query) ? COMMON_SEARCH_MATCHES : TOTAL_CAP, offset + limit);
}

/**
 * `SELECT count(*)` of the orders the filter matches, stopping after cap + 1 rows (a finite cap): the
 * cost is bounded by the cap, not by the number of matches. Without a search it counts on the same
 * indexes as the page (index-only where the index carries the filter's columns); with one it streams
 * the FTS matches and looks each order up by its search key, so a capped count stops early instead of first
 * collecting every match.
 */
function countStatement(
  storeId: string,
  zone: string,
  keys: { lo: number; hi: number },
  query: CacheOrderQuery,
  cap: number,
  match = hasSearch(query) ? ftsQuery(query.search ?? '', { words: query.searchWords ?? 'joined' }) : null,
): { sql: string; params: unknown[] } {
  const limit = Number.isFinite(cap) ? ` LIMIT ${cap + 1}` : '';
  if (match !== null) {
    const rest = { ...query, search: undefined };
    // Nothing but the search: the store's key range already says which matches are its own.
    if (onlyStatusFilter(rest) && (rest.statuses === undefined || rest.statuses.length === 0)) {
      return {
        sql: `SELECT count(*) AS n FROM (SELECT 1 FROM orders_fts WHERE ${IN_STORE_MATCHES}${limit})`,
        params: [match, keys.lo, keys.hi],
      };
    }
    const where = orderWhere(storeId, zone, rest);
    return {
      sql: `SELECT count(*) AS n FROM (SELECT 1 FROM orders_fts CROSS JOIN orders o ON o.search_key = orders_fts.rowid
            WHERE ${where.sql} AND ${IN_STORE_MATCHES}${limit})`,
      params: [...where.params, match, keys.lo, keys.hi],
    };
  }
  const where = orderWhere(storeId, zone, query);
  return {
    sql:
      limit === ''
        ? `SELECT count(*) AS n FROM ${where.from} WHERE ${where.sql}`
        : `SELECT count(*) AS n FROM (SELECT 1 FROM ${where.from} WHERE ${where.sql}${limit})`,
    params: where.params,
  };
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
  ).get(storeId, query.minTotalCents ?? Number.MIN_SAFE_INTEGER, query.maxTotalCents ?? Number.MAX_SAFE_INTEGER) as {
    n: number;
  };
  return row.n >= COMMON_SEARCH_MATCHES;
}

/** Above this many FTS matches, walking the sort index fills a page sooner than sorting every match. */
export const COMMON_SEARCH_MATCHES = 2000;

/** Decides once per request how the search's words are matched; a query that already says is left as it is. */
export function resolveSearchWords(db: Db, storeId: string, query: CacheOrderQuery): CacheOrderQuery {
  if (query.searchWords !== undefined || !hasSearch(query)) return query;
  return { ...query, searchWords: searchWordsFor(db, 'orders', storeId, query.search ?? '') };
}

/**
 * A cheap bounded probe of the FTS index, for a search sorted by anything but date (sorted by date, the
 * search index streams in that order). For a selective term (CPF, e-mail, SKU, a full name) the page is
 * read from the matches; for a very common one (a frequent surname) the sort index is walked and each
 * entry checked against the matches, which stops as soon as the page is full.
 */
function isCommonSearch(db: Db, query: CacheOrderQuery, keys: { lo: number; hi: number }): boolean {
  if (query.search === undefined || query.search.trim() === '') return false;
  const words = query.searchWords ?? 'joined';
  const match = ftsQuery(query.search, { words });
  if (match === null) return false;
  const probe = (m: string) =>
    (
      stmt(
        db,
        `SELECT count(*) AS n FROM (SELECT rowid FROM orders_fts WHERE orders_fts MATCH ? AND rowid >= ? AND rowid < ? LIMIT ${COMMON_SEARCH_MATCHES})`,
      ).get(m, keys.lo, keys.hi) as { n: number }
    ).n >= COMMON_SEARCH_MATCHES;
  // The all-exact query streams (a prefix gathers every term's list first) and matches a subset:
  // when it alone reaches the threshold, the prefix query does too.
  const exact = exactLowerBound(query.search, words);
  return (exact !== null && exact !== match && probe(exact)) || probe(match);
}

/**
 * The all-exact form of a search (a subset of its matches) when it is cheap to run first: every word one
 * term, so FTS5 streams the lists and a bounded count stops early. Null when a word is a phrase (the
 * fallback form): FTS5 checks a phrase's positions across the full lists of its tokens, so a rare phrase
 * of common tokens costs as much exact as with its prefix.
 */
function exactLowerBound(text: string, words: SearchWords): string | null {
  const exact = ftsQuery(text, { lastIsPrefix: false, words });
  return exact === null || exact.split(' AND ').some((phrase) => phrase.includes(' ')) ? null : exact;
}

/**
 * One page of orders and the number of orders the filter matches (exact, or a lower bound past
 * totalCap: `totalIsExact` says which). Offset paging over the sort's index: the UI shows page
 * numbers and totals, and deep pages are rare in review work; see docs/db.md for the measured cost.
 */
export function listOrders(db: Db, storeId: string, plain: OrderQuery): Page<OrderSummary> {
  const query = resolveSearchWords(db, storeId, plain);
  const { sql, params } = orderListSql(db, storeId, query);
  const { offset, limit } = pageBounds(query.offset, query.limit);
  const rows = (stmt(db, sql).all(...params) as SummaryRow[]).map(toSummary);
  return { rows, ...countOrders(db, storeId, query), offset, limit };
}

/**
 * How many orders the filter matches, by the cheapest honest route: the trigger-kept per-status
 * totals when only statuses filter, the facet totals under any mix of status, payment, delivered,
 * date range and "unreviewed" (both exact); else a count on the indexes that stops past `cap`: then
 * `total` is the cap and `totalIsExact` false, meaning more than `total` orders match.
 * `cap = Infinity` counts exactly.
 */
export function countOrders(
  db: Db,
  storeId: string,
  plain: OrderQuery,
  cap = totalCap(plain),
): { total: number; totalIsExact: boolean } {
  const query = resolveSearchWords(db, storeId, plain);
  if (onlyStatusFilter(query)) {
    const statuses = query.statuses ?? [];
    const inList = statuses.length === 0 ? '' : ` AND status_alias IN (${statuses.map(() => '?').join(', ')})`;
    const row = stmt(db, `SELECT coalesce(sum(n), 0) AS n FROM order_status_totals WHERE store_id = ?${inList}`).get(
      storeId,
      ...statuses,
    ) as { n: number };
    return { total: row.n, totalIsExact: true };
  }
  const zone = storeZone(db, storeId);
  if (facetAnswers(query)) {
    const wanted = query.statuses !== undefined && query.statuses.length > 0 ? new Set(query.statuses) : null;
    let total = 0;
    for (const [status, n] of facetStatusCounts(db, storeId, zone, query))
      if (wanted === null || wanted.has(status)) total += n;
    return { total, totalIsExact: true };
  }
  const keys = storeKeyRange(db, storeId);
  const capped = (match?: string | null) => {
    const { sql, params } = countStatement(storeId, zone, keys, query, cap, match);
    return (stmt(db, sql).get(...params) as { n: number }).n;
  };
  // A prefix makes FTS5 gather every matching term's list before the first row; the all-exact query
  // streams. Its matches are a subset, so if they alone pass the cap, so does the search.
  const exact =
    hasSearch(query) && Number.isFinite(cap)
      ? exactLowerBound(query.search ?? '', query.searchWords ?? 'joined')
      : null;
  if (exact !== null && capped(exact) > cap) return { total: cap, totalIsExact: false };
  const n = capped();
  return n > cap ? { total: cap, totalIsExact: false } : { total: n, totalIsExact: true };
}

/**
 * Orders per status under every filter but the status one, as status chips show them. With a search they
 * are counted like its total: over at most `cap` + 1 matches, newest first, so a word found in a hundred
 * thousand orders costs what two thousand do; past the cap each count is a lower bound (`countIsExact`
 * false), as the total is. `cap = Infinity` counts exactly.
 */
export function orderStatusCounts(
  db: Db,
  storeId: string,
  plain: OrderQuery,
  cap = COMMON_SEARCH_MATCHES,
): StatusCount[] {
  const query = resolveSearchWords(db, storeId, plain);
  if (onlyStatusFilter(query)) {
    return (
      stmt(
        db,
        `SELECT status_alias AS alias, coalesce(status_name, status_alias) AS name, n AS count FROM order_status_totals
         WHERE store_id = ? AND status_alias <> '' AND n > 0 ORDER BY n DESC, status_alias`,
      ).all(storeId) as Omit<StatusCount, 'countIsExact'>[]
    ).map((r) => ({ ...r, countIsExact: true }));
  }
  const zone = storeZone(db, storeId);
  let rows: { alias: string | null; count: number }[];
  let exact = true;
  const match = hasSearch(query) ? ftsQuery(query.search ?? '', { words: query.searchWords ?? 'joined' }) : null;
  if (facetAnswers(query)) {
    rows = [...facetStatusCounts(db, storeId, zone, query)].map(([alias, count]) => ({ alias, count }));
  } else if (match !== null) {
    const where = orderWhere(storeId, zone, { ...query, search: undefined }, { withoutStatus: true });
    const keys = storeKeyRange(db, storeId);
    rows = stmt(
      db,
      `SELECT status_alias AS alias, count(*) AS count FROM (
         SELECT o.status_alias FROM orders_fts CROSS JOIN orders o ON o.search_key = orders_fts.rowid
         WHERE ${where.sql} AND ${IN_STORE_MATCHES} ORDER BY orders_fts.rowid DESC${Number.isFinite(cap) ? ` LIMIT ${cap + 1}` : ''})
       GROUP BY status_alias`,
    ).all(...where.params, match, keys.lo, keys.hi) as { alias: string | null; count: number }[];
    exact = rows.reduce((sum, r) => sum + r.count, 0) <= cap;
  } else {
    const where = orderWhere(storeId, zone, query, { withoutStatus: true });
    // `+` lets SQLite pick the filter's index (which carries status_alias) and group in a temp B-tree,
    // instead of walking the whole status index to avoid that sort.
    rows = stmt(
      db,
      `SELECT o.status_alias AS alias, count(*) AS count FROM ${where.from}
       WHERE ${where.sql} AND o.status_alias IS NOT NULL GROUP BY +o.status_alias`,
    ).all(...where.params) as { alias: string; count: number }[];
  }
  // Names come from the kept per-status totals.
  const names = new Map(
    (
      stmt(db, 'SELECT status_alias, status_name FROM order_status_totals WHERE store_id = ?').all(storeId) as {
        status_alias: string;
        status_name: string | null;
      }[]
    ).map((r) => [r.status_alias, r.status_name]),
  );
  return rows
    .filter((r): r is { alias: string; count: number } => r.alias !== null && r.alias !== '' && r.count > 0)
    .map((r) => ({ alias: r.alias, name: names.get(r.alias) ?? r.alias, count: r.count, countIsExact: exact }))
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
  const row = stmt(db, 'SELECT * FROM orders WHERE store_id = ? AND id = ?').get(storeId, orderId) as
    OrderRow | undefined;
  if (row === undefined) return null;
  const items = stmt(db, 'SELECT * FROM order_items WHERE order_pk = ? ORDER BY position').all(row.pk) as Record<
    string,
    never
  >[];
  const address = stmt(db, "SELECT * FROM order_addresses WHERE order_pk = ? AND kind = 'shipping'").get(row.pk) as
    Record<string, never> | undefined;
  const transactions = stmt(db, 'SELECT * FROM order_transactions WHERE order_pk = ? ORDER BY position').all(
    row.pk,
  ) as Record<string, never>[];
  const history = stmt(db, 'SELECT * FROM order_status_history WHERE order_pk = ? ORDER BY position').all(
    row.pk,
  ) as Record<string, never>[];
  const order: Order = {
    id: row.id,
    storeId: row.store_id,
    number: row.number,
    status:
      row.status_alias === null
        ? null
        : { alias: row.status_alias, name: row.status_name ?? row.status_alias, id: row.status_id },
    customer:
      row.customer_id === null && row.customer_name === null && row.customer_email === null
        ? null
        : {
            id: row.customer_id,
            name: row.customer_name,
            email: row.customer_email,
            taxId: row.customer_tax_id,
            phone: row.customer_phone,
          },
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
    promocode:
      row.promocode_id === null && row.promocode_code === null
        ? null
        : { id: row.promocode_id, code: row.promocode_code },
    parseProblems: JSON.parse(row.parse_problems) as string[],
  };
  return { order, review: getReview(db, storeId, orderId), raw: JSON.parse(row.raw) as unknown };
}
