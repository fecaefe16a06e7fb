import type { OrderQuery, StatusCount } from '../../../shared/domain/query';
import type { ReadableDB } from './connection';
import { facetAnswers, facetStatusCounts } from './order-facets';
import { onlyStatusFilter, orderWhere, pageBounds } from './order-filters';
import { COMMON_SEARCH_MATCHES, orderSearch, type OrderSearch } from './search';
import { sql, sqlConstant, sqlFragment, sqlJoin, type SqlQuery } from './sql';
import { readAll, readOne } from './statements';
import { storeZone } from './stores-repo';

/** Filtered totals are counted up to this many orders; above it the list says "more than 10,000". */
export const TOTAL_CAP = 10_000;

/**
 * How far a total is counted: TOTAL_CAP, or COMMON_SEARCH_MATCHES for a text search (whose matches are
 * counted through the FTS index), and never less than the end of the requested page, so a page beyond
 * the cap still has a total past it and "next" stays meaningful.
 */
export function totalCap(query: OrderQuery): number {
  const { offset, limit } = pageBounds(query.offset, query.limit);
  const searching = query.search !== undefined && query.search.trim() !== '';
  return Math.max(searching ? COMMON_SEARCH_MATCHES : TOTAL_CAP, offset + limit);
}

const limitPast = (cap: number) => (Number.isFinite(cap) ? sqlFragment` LIMIT ${sqlConstant(cap + 1)}` : sqlFragment``);

/**
 * `SELECT count(*)` of the orders the filter matches, stopping after cap + 1 rows (a finite cap): the
 * cost is bounded by the cap, not by the number of matches. Without a search it counts on the same
 * indexes as the page (index-only where the index carries the filter's columns); with one it streams
 * the FTS matches and looks each order up by its search key, so a capped count stops early instead of first
 * collecting every match. `match` replaces the search's own FTS query (the exact lower bound).
 */
export function countStatement(
  storeId: string,
  zone: string,
  query: OrderQuery,
  search: OrderSearch | null,
  cap: number,
  match?: string,
): SqlQuery<{ n: number }> {
  const limit = limitPast(cap);
  if (search !== null && search.match !== null) {
    const matches = search.inStoreMatches(match);
    // Nothing but the search: the store's key range already says which matches are its own.
    if (
      onlyStatusFilter({ ...query, search: undefined }) &&
      (query.statuses === undefined || query.statuses.length === 0)
    )
      return sql`SELECT count(*) AS n FROM (SELECT 1 FROM orders_fts WHERE ${matches}${limit})`;
    const { where } = orderWhere(storeId, zone, query);
    return sql`SELECT count(*) AS n FROM (SELECT 1 FROM orders_fts CROSS JOIN orders o ON o.search_key = orders_fts.rowid
            WHERE ${where} AND ${matches}${limit})`;
  }
  const { where, from } = orderWhere(storeId, zone, query, { search });
  return Number.isFinite(cap)
    ? sql`SELECT count(*) AS n FROM (SELECT 1 FROM ${from} WHERE ${where}${limit})`
    : sql`SELECT count(*) AS n FROM ${from} WHERE ${where}`;
}

/**
 * How many orders the filter matches, by the cheapest honest route: the trigger-kept per-status
 * totals when only statuses filter, the facet totals under any mix of status, payment, delivered,
 * date range and "unreviewed" (both exact); else a count on the indexes that stops past `cap`: then
 * `total` is the cap and `totalIsExact` false, meaning more than `total` orders match.
 * `cap = Infinity` counts exactly.
 */
export function countOrders(
  db: ReadableDB,
  storeId: string,
  query: OrderQuery,
  cap = totalCap(query),
): { total: number; totalIsExact: boolean } {
  return countWithSearch(db, storeId, query, orderSearch(db, storeId, query.search), cap);
}

/** countOrders with the request's search already resolved (the list resolves it once for page and total). */
export function countWithSearch(
  db: ReadableDB,
  storeId: string,
  query: OrderQuery,
  search: OrderSearch | null,
  cap: number,
): { total: number; totalIsExact: boolean } {
  if (onlyStatusFilter(query)) {
    const statuses = query.statuses ?? [];
    const inList = statuses.length === 0 ? sqlFragment`` : sqlFragment` AND status_alias IN (${sqlJoin(statuses)})`;
    const row = readOne(
      db,
      sql<{ n: number }>`SELECT coalesce(sum(n), 0) AS n FROM order_status_totals WHERE store_id = ${storeId}${inList}`,
    );
    return { total: row?.n ?? 0, totalIsExact: true };
  }
  const zone = storeZone(db, storeId);
  if (facetAnswers(query)) {
    const wanted = query.statuses !== undefined && query.statuses.length > 0 ? new Set(query.statuses) : null;
    let total = 0;
    for (const [status, n] of facetStatusCounts(db, storeId, zone, query))
      if (wanted === null || wanted.has(status)) total += n;
    return { total, totalIsExact: true };
  }
  const capped = (match?: string) => readOne(db, countStatement(storeId, zone, query, search, cap, match))?.n ?? 0;
  // A prefix makes FTS5 gather every matching term's list before the first row; the all-exact query
  // streams. Its matches are a subset, so if they alone pass the cap, so does the search.
  const exact = search !== null && Number.isFinite(cap) ? search.exactLowerBound : null;
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
  db: ReadableDB,
  storeId: string,
  query: OrderQuery,
  cap = COMMON_SEARCH_MATCHES,
): StatusCount[] {
  if (onlyStatusFilter(query)) {
    return readAll(
      db,
      sql<{ alias: string; name: string; count: number }>`SELECT status_alias AS alias,
         coalesce(status_name, status_alias) AS name, n AS count FROM order_status_totals
         WHERE store_id = ${storeId} AND status_alias <> '' AND n > 0 ORDER BY n DESC, status_alias`,
    ).map((r) => ({ ...r, countIsExact: true }));
  }
  const zone = storeZone(db, storeId);
  const search = orderSearch(db, storeId, query.search);
  let rows: { alias: string | null; count: number }[];
  let exact = true;
  if (facetAnswers(query)) {
    rows = [...facetStatusCounts(db, storeId, zone, query)].map(([alias, count]) => ({ alias, count }));
  } else if (search !== null && search.match !== null) {
    const { where } = orderWhere(storeId, zone, query, { withoutStatus: true });
    rows = readAll(
      db,
      sql<{ alias: string | null; count: number }>`SELECT status_alias AS alias, count(*) AS count FROM (
         SELECT o.status_alias FROM orders_fts CROSS JOIN orders o ON o.search_key = orders_fts.rowid
         WHERE ${where} AND ${search.inStoreMatches()} ORDER BY orders_fts.rowid DESC${limitPast(cap)})
       GROUP BY status_alias`,
    );
    exact = rows.reduce((sum, r) => sum + r.count, 0) <= cap;
  } else {
    const { where, from } = orderWhere(storeId, zone, query, { withoutStatus: true, search });
    // `+` lets SQLite pick the filter's index (which carries status_alias) and group in a temp B-tree,
    // instead of walking the whole status index to avoid that sort.
    rows = readAll(
      db,
      sql<{ alias: string | null; count: number }>`SELECT o.status_alias AS alias, count(*) AS count FROM ${from}
       WHERE ${where} AND o.status_alias IS NOT NULL GROUP BY +o.status_alias`,
    );
  }
  // Names come from the kept per-status totals.
  const names = new Map(
    readAll(
      db,
      sql<{
        status_alias: string;
        status_name: string | null;
      }>`SELECT status_alias, status_name FROM order_status_totals
        WHERE store_id = ${storeId}`,
    ).map((r) => [r.status_alias, r.status_name]),
  );
  return rows
    .filter((r): r is { alias: string; count: number } => r.alias !== null && r.alias !== '' && r.count > 0)
    .map((r) => ({ alias: r.alias, name: names.get(r.alias) ?? r.alias, count: r.count, countIsExact: exact }))
    .sort((a, b) => b.count - a.count || (a.alias < b.alias ? -1 : 1));
}
