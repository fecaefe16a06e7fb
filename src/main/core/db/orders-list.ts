import type { OrderSummary } from '../../../shared/domain/order';
import type { OrderQuery, Page } from '../../../shared/domain/query';
import type { ReadableDB } from './connection';
import { orderBy, orderWhere, pageBounds } from './order-filters';
import { countStatement, countWithSearch, totalCap } from './orders-counts';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from './rows/orders';
import { COMMON_SEARCH_MATCHES, orderSearch, type OrderSearch } from './search';
import { sql, sqlConstant, sqlFragment, type SqlQuery } from './sql';
import { readAll, readOne } from './statements';
import { storeZone } from './stores-repo';

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
  const common = search !== null && search.isCommon();
  const { where, from } = orderWhere(storeId, zone, query, {
    search,
    searchDrives: !common,
    totalDrives: !isBroadTotalRange(db, storeId, query),
  });
  const fromMatches = search !== null && search.match !== null && !common;
  return Object.assign(
    sql<SummaryRow>`SELECT ${SUMMARY_COLUMNS} FROM ${from}
          WHERE ${where} ORDER BY ${orderBy(query.sort, fromMatches)} ${page}`,
    { count },
  );
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
