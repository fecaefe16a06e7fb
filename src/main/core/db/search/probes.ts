import type { ReadableDB } from '../connection';
import { sql, sqlConstant } from '../sql';
import { readOne } from '../statements';
import type { KeyRange } from './keys';
import { ftsQuery, type SearchWords } from './terms';

/** Above this many FTS matches, walking the sort index fills a page sooner than sorting every match. */
export const COMMON_SEARCH_MATCHES = 2000;

/**
 * How to match a search's multi-token words ("joao.silva@gm", "CAM-AZ-12"): as their joined token, one
 * cheap term the index holds for every such word; when that finds nothing in this store (`finds`), as phrases,
 * which also match inside a word ("silva@gmail" in "ana.silva@gmail.com").
 */
export function searchWordsFor(text: string, finds: (match: string) => boolean): SearchWords {
  const joined = ftsQuery(text);
  if (joined === null || joined === ftsQuery(text, { words: 'phrase' })) return 'joined';
  return finds(joined) ? 'joined' : 'phrase';
}

/** Is there a match among the store's search keys? */
export function findsOrder(db: ReadableDB, keys: KeyRange, match: string): boolean {
  return (
    readOne(
      db,
      sql`SELECT 1 FROM orders_fts WHERE orders_fts MATCH ${match} AND rowid >= ${keys.lo} AND rowid < ${keys.hi} LIMIT 1`,
    ) !== undefined
  );
}

/** Is there a match among the store's customers? */
export function findsCustomer(db: ReadableDB, storeId: string, match: string): boolean {
  return (
    readOne(
      db,
      sql`SELECT 1 FROM customers_fts CROSS JOIN customers r ON r.pk = customers_fts.rowid
        WHERE customers_fts MATCH ${match} AND +r.store_id = ${storeId} LIMIT 1`,
    ) !== undefined
  );
}

/** Does the store hold at least `threshold` matches of this FTS query? A bounded count. */
export function reachesCommon(
  db: ReadableDB,
  keys: KeyRange,
  match: string,
  threshold: number = COMMON_SEARCH_MATCHES,
): boolean {
  const row = readOne(
    db,
    sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT rowid FROM orders_fts WHERE orders_fts MATCH ${match}
      AND rowid >= ${keys.lo} AND rowid < ${keys.hi} LIMIT ${sqlConstant(threshold)})`,
  );
  return (row?.n ?? 0) >= threshold;
}

/**
 * The all-exact form of a search (a subset of its matches) when it is cheap to run first: every word one
 * term, so FTS5 streams the lists and a bounded count stops early. Null when a word is a phrase (the
 * fallback form): FTS5 checks a phrase's positions across the full lists of its tokens, so a rare phrase
 * of common tokens costs as much exact as with its prefix.
 */
export function exactLowerBound(text: string, words: SearchWords): string | null {
  const exact = ftsQuery(text, { lastIsPrefix: false, words });
  return exact === null || exact.split(' AND ').some((phrase) => phrase.includes(' ')) ? null : exact;
}
