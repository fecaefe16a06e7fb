import type { Db } from './open';
import { ftsQuery, type SearchWords } from './search-terms';
import { stmt } from './statements';

const INDEXES = {
  orders: 'SELECT 1 FROM orders_fts CROSS JOIN orders r ON r.search_key = orders_fts.rowid WHERE orders_fts MATCH ? AND +r.store_id = ? LIMIT 1',
  customers: 'SELECT 1 FROM customers_fts CROSS JOIN customers r ON r.pk = customers_fts.rowid WHERE customers_fts MATCH ? AND +r.store_id = ? LIMIT 1',
} as const;

/**
 * How to match a search's multi-token words ("joao.silva@gm", "CAM-AZ-12"): as their joined token, one
 * cheap term the index holds for every such word; when that finds nothing in this store, as phrases,
 * which also match inside a word ("silva@gmail" in "ana.silva@gmail.com").
 */
export function searchWordsFor(db: Db, index: keyof typeof INDEXES, storeId: string, text: string): SearchWords {
  const joined = ftsQuery(text);
  if (joined === null || joined === ftsQuery(text, { words: 'phrase' })) return 'joined';
  return stmt(db, INDEXES[index]).get(joined, storeId) === undefined ? 'phrase' : 'joined';
}
