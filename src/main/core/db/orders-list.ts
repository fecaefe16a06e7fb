import type { OrderSummary } from '../../../shared/domain/order';
import type { OrderQuery, Page } from '../../../shared/domain/query';
import type { ReadableDB } from './connection';
import { fewOrders, inWorkflowOrder, orderBy, orderWhere, pageBounds } from './order-filters';
import { countStatement, countWithSearch, totalCap } from './orders-counts';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from './rows/orders';
import { COMMON_SEARCH_MATCHES, orderSearch, type OrderSearch } from './search';
import { sql, sqlConstant, sqlFragment, sqlJoin, type SqlFragment, type SqlQuery } from './sql';
import { readAll, readOne } from './statements';
import { storeZone } from './stores-repo';

/** Up to this many matches, a search sorted by status sorts its matches rather than walking orders_by_status. */
const STATUS_SORT_MATCHES = 20_000;

/** The SQL of one list page and of its total, exposed so a test can EXPLAIN it and the bench can time it. */
export function orderListSql(
  db: ReadableDB,
  storeId: string,
  query: OrderQuery,
  search: OrderSearch | null = orderSearch(db, storeId, query.search),
): SqlQuery<SummaryRow> & { count: SqlQuery<{ n: number }> } {
  const zone = storeZone(db, storeId);
  const { offset, limit } = pageBounds(query.offset, query.limit);
  const page = sqlFragment`LIMIT ${sqlConstant(limit)} OFFSET ${sqlConstant(offset)}`;
  const count = countStatement(storeId, zone, query, search, totalCap(query));
  const byDate = (query.sort?.key ?? 'date') === 'date';
  if (byDate && search !== null && search.match !== null) {
    // The search index is keyed in date order (db/search/keys.ts): FTS5 streams the matches newest
    // (or oldest) first and each is fetched by its key, so a page stops once it is full, however common the word.
    const { where } = orderWhere(storeId, zone, query);
    const dir = query.sort?.direction === 'asc' ? sqlFragment`ASC` : sqlFragment`DESC`;
    return Object.assign(
      sql<SummaryRow>`SELECT ${SUMMARY_COLUMNS} FROM orders_fts CROSS JOIN orders o ON o.search_key = orders_fts.rowid
            WHERE ${where} AND ${search.inStoreMatches()} ORDER BY orders_fts.rowid ${dir} ${page}`,
      { count },
    );
  }
  // The status sort walks one index per status, probing each entry against the matches: past a page or two of a
  // common word that costs more than sorting the matches, up to STATUS_SORT_MATCHES of them.
  const common =
    search !== null &&
    search.isCommon() &&
    (query.sort?.key !== 'status' || search.matchesAtLeast(STATUS_SORT_MATCHES));
  const totalDrives = !isBroadTotalRange(db, storeId, query);
  const { where, from } = orderWhere(storeId, zone, query, { search, searchDrives: !common, totalDrives });
  const fromMatches = search !== null && search.match !== null && !common;
  if (query.sort?.key === 'status' && !fromMatches) {
    // A customer's orders, the partial indexes (arrivals, review marks) and a narrow total range are fewer rows than a
    // status: those lead, and each part sorts its few rows. Otherwise each part walks orders_by_status
    // (which also carries payment_alias), whatever SQLite would guess without statistics.
    const fewer =
      query.customerId !== undefined ||
      fewOrders(query) ||
      (totalDrives && (query.minTotalCents !== undefined || query.maxTotalCents !== undefined));
    const table = fewer ? from : sqlFragment`orders o INDEXED BY orders_by_status`;
    // A word this common fills each status's part sooner from its own matches, streamed in date order from the
    // search index (keyed in date order), than from the status index probed against a list of all its matches.
    const matches = search !== null && search.match !== null ? search : null;
    const part: StatusPart =
      matches === null
        ? (status, dir, upTo) => sqlFragment`SELECT o.pk FROM ${table} WHERE ${where} AND ${status}
            ORDER BY o.created_utc ${dir}, o.id ${dir} LIMIT ${upTo}`
        : (
            status,
            dir,
            upTo,
          ) => sqlFragment`SELECT o.pk FROM orders_fts CROSS JOIN orders o ON o.search_key = orders_fts.rowid
            WHERE ${orderWhere(storeId, zone, query).where} AND ${matches.inStoreMatches()} AND +${status}
            ORDER BY orders_fts.rowid ${dir} LIMIT ${upTo}`;
    return Object.assign(byStatus(db, storeId, query, part, { offset, limit }), { count });
  }
  return Object.assign(
    sql<SummaryRow>`SELECT ${SUMMARY_COLUMNS} FROM ${from}
          WHERE ${where} ORDER BY ${orderBy(query.sort, fromMatches)} ${page}`,
    { count },
  );
}

/** One status's part of a status-sorted page: the keys of its first `upTo` orders in date order. */
type StatusPart = (status: SqlFragment, dir: SqlFragment, upTo: SqlFragment) => SqlFragment;

/**
 * The status sort in workflow order (order-filters' statusRank), read status by status: each part walks
 * orders_by_status for one status in date order and stops once the page is full, and the parts follow one another
 * in workflow order. One part per status the store holds (order_status_totals), narrowed to the filter's statuses.
 * Each part keeps its own ORDER BY with a LIMIT, so SQLite cannot drop it; SQLite yields a UNION ALL's parts in turn
 * (test/db/queries.test.ts holds it to that, across pages).
 */
function byStatus(
  db: ReadableDB,
  storeId: string,
  query: OrderQuery,
  part: StatusPart,
  { offset, limit }: { offset: number; limit: number },
): SqlQuery<SummaryRow> {
  const held = readAll(
    db,
    sql<{ alias: string }>`SELECT status_alias AS alias FROM order_status_totals WHERE store_id = ${storeId} AND n > 0`,
  ).map(({ alias }) => (alias === '' ? null : alias));
  const wanted = query.statuses !== undefined && query.statuses.length > 0 ? new Set(query.statuses) : null;
  const statuses = inWorkflowOrder(held.filter((alias) => wanted === null || (alias !== null && wanted.has(alias))));
  const asc = query.sort?.direction === 'asc';
  if (!asc) statuses.reverse();
  const dir = asc ? sqlFragment`ASC` : sqlFragment`DESC`;
  const upTo = sqlConstant(offset + limit);
  // Each part yields only the key, from the index; the page's columns are read for its own rows alone.
  const parts = statuses.map((alias, i) => {
    const status = alias === null ? sqlFragment`o.status_alias IS NULL` : sqlFragment`o.status_alias = ${alias}`;
    return sqlFragment`${i === 0 ? sqlFragment`` : sqlFragment` UNION ALL `}SELECT * FROM (${part(status, dir, upTo)})`;
  });
  // No status at all: an empty page, from the same columns.
  if (parts.length === 0) return sql<SummaryRow>`SELECT ${SUMMARY_COLUMNS} FROM orders o WHERE 0`;
  // CROSS JOIN keeps the page as the outer loop, so its rows come out in the page's order.
  return sql<SummaryRow>`SELECT ${SUMMARY_COLUMNS} FROM (${sqlJoin(parts, '')} LIMIT ${sqlConstant(limit)} OFFSET ${sqlConstant(offset)}) page
    CROSS JOIN orders o ON o.pk = page.pk`;
}

/**
 * The same bounded probe for a total range, on the covering total index: a narrow range ("the R$ 955,76
 * order") is read from that index; a broad one ("over R$ 100") by walking the sort index, which
 * fills a page after a few hundred rows instead of sorting a large part of the store.
 */
function isBroadTotalRange(db: ReadableDB, storeId: string, query: OrderQuery): boolean {
  if (query.minTotalCents === undefined && query.maxTotalCents === undefined) return false;
  if ((query.sort?.key ?? 'date') === 'total') return false;
  const row = readOne(
    db,
    sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM orders WHERE store_id = ${storeId}
      AND total_cents >= ${query.minTotalCents ?? Number.MIN_SAFE_INTEGER}
      AND total_cents <= ${query.maxTotalCents ?? Number.MAX_SAFE_INTEGER} LIMIT ${sqlConstant(COMMON_SEARCH_MATCHES)})`,
  );
  return (row?.n ?? 0) >= COMMON_SEARCH_MATCHES;
}

/**
 * One page of orders and the number of orders the filter matches (exact, or a lower bound past
 * totalCap: `totalIsExact` says which). Offset paging over the sort's index: the UI shows page
 * numbers and totals, and deep pages are rare in review work; see docs/db.md for the measured cost.
 * The search is resolved once (its probes run once) for the page and the total.
 */
export function listOrders(db: ReadableDB, storeId: string, query: OrderQuery): Page<OrderSummary> {
  const search = orderSearch(db, storeId, query.search);
  const { offset, limit } = pageBounds(query.offset, query.limit);
  const rows = readAll(db, orderListSql(db, storeId, query, search)).map(toSummary);
  return { rows, ...countWithSearch(db, storeId, query, search, totalCap(query)), offset, limit };
}
