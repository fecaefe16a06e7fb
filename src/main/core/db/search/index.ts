import type { ReadableDB } from '../connection';
import { sqlFragment, type SqlFragment } from '../sql';
import { storeKeyRange, type KeyRange } from './keys';
import { exactLowerBound, findsCustomer, findsOrder, reachesCommon, searchWordsFor } from './probes';
import { ftsQuery } from './terms';

/**
 * Search, behind one door. The orders' index is keyed per store and in date order (keys.ts), with prefix lists
 * (migration 3); its terms come from terms.ts; the probes (probes.ts) choose between the joined and the phrase form
 * of a word and tell a common search from a selective one; the reindex (reindex.ts) rebuilds it all when its
 * version changes. The list, the counts and any future reader of orders ask orderSearch for an OrderSearch and
 * use only what it hands out.
 */
export interface OrderSearch {
  /** The FTS5 query; null when the text has nothing searchable in it, which matches nothing. */
  readonly match: string | null;
  /** The store's search keys. */
  readonly keys: KeyRange;
  /**
   * `orders_fts MATCH … AND orders_fts.rowid` in the store's range, for a statement reading
   * `orders_fts CROSS JOIN orders o ON o.search_key = orders_fts.rowid`: matches stream in key (date) order.
   * `match` replaces the search's own query (the exact lower bound).
   */
  inStoreMatches(match?: string): SqlFragment;
  /** `o.search_key IN (the store's matches)`, for a statement driven by `orders o`; `0` when nothing can match. */
  orderFilter(): SqlFragment;
  /**
   * A cheap bounded probe: does the search match at least COMMON_SEARCH_MATCHES orders? Then walking a sort
   * index fills a page sooner than sorting the matches.
   */
  isCommon(): boolean;
  /** Does the search match at least `n` orders (a bounded count, for sorts whose index walk costs more per row)? */
  matchesAtLeast(n: number): boolean;
  /** The all-exact form (a subset of the matches) when it is cheap to count first, else null. */
  readonly exactLowerBound: string | null;
}

/** The order search of a list or count request; null when the text is blank (no search). */
export function orderSearch(db: ReadableDB, storeId: string, text: string | undefined): OrderSearch | null {
  if (text === undefined || text.trim() === '') return null;
  const keys = storeKeyRange(db, storeId);
  const words = searchWordsFor(text, (joined) => findsOrder(db, keys, joined));
  const match = ftsQuery(text, { words });
  const exact = exactLowerBound(text, words);
  let common: boolean | undefined;
  const inStoreMatches = (m = match ?? '') =>
    sqlFragment`orders_fts MATCH ${m} AND orders_fts.rowid >= ${keys.lo} AND orders_fts.rowid < ${keys.hi}`;
  return {
    match,
    keys,
    exactLowerBound: exact,
    inStoreMatches,
    orderFilter: () =>
      match === null
        ? sqlFragment`0`
        : sqlFragment`o.search_key IN (SELECT rowid FROM orders_fts WHERE orders_fts MATCH ${match} AND rowid >= ${keys.lo} AND rowid < ${keys.hi})`,
    isCommon() {
      if (match === null) return false;
      // The all-exact query streams (a prefix gathers every term's list first) and matches a subset:
      // when it alone reaches the threshold, the prefix query does too.
      common ??=
        (exact !== null && exact !== match && reachesCommon(db, keys, exact)) || reachesCommon(db, keys, match);
      return common;
    },
    matchesAtLeast: (n) => match !== null && reachesCommon(db, keys, match, n),
  };
}

/** The customers a search finds, as a condition on `customers c`; `0` when nothing can match. */
export function customerSearchFilter(db: ReadableDB, storeId: string, text: string): SqlFragment {
  const match = ftsQuery(text, { words: searchWordsFor(text, (joined) => findsCustomer(db, storeId, joined)) });
  return match === null
    ? sqlFragment`0`
    : sqlFragment`c.pk IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH ${match})`;
}

export { COMMON_SEARCH_MATCHES } from './probes';
export { ftsQuery } from './terms';
export { writeOrderSearchRow, freeSearchNo } from './keys';
export { writeCustomerSearchRow } from './customer-rows';
export { reindexIfStale, SEARCH_INDEX_VERSION } from './reindex';
export { optimizeSearchIndexes, SEARCH_INDEXES } from './optimize';
