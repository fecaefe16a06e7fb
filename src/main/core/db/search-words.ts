import type { Db } from './open';
import { ftsQuery, type SearchWords } from './search-terms';
import { stmt } from './statements';
import { storeKeyRange } from './order-search-index';

/** Is there a match in the store? Orders: among the store's search keys (storeKeyRange); customers: by their row. */
const FINDS = {
  orders: (db: Db, storeId: string, match: string): boolean => {
    const { lo, hi } = storeKeyRange(db, storeId);
    return (
      stmt(db, 'SELECT 1 FROM orders_fts WHERE orders_fts MATCH ? AND rowid >= ? AND rowid < ? LIMIT 1').get(
        match,
        lo,
        hi,
      ) !== undefined
    );
  },
  customers: (db: Db, storeId: string, match: string): boolean =>
    stmt(
      db,
      'SELECT 1 FROM customers_fts CROSS JOIN customers r ON r.pk = customers_fts.rowid WHERE customers_fts MATCH ? AND +r.store_id = ? LIMIT 1',
    ).get(match, storeId) !== undefined,
};

/**
 * How to match a search's multi-token words ("joao.silva@gm", "CAM-AZ-12"): as their joined token, one
 * cheap term the index holds for every such word; when that finds nothing in this store, as phrases,
 * which also match inside a word ("silva@gmail" in "ana.silva@gmail.com").
 */
export function searchWordsFor(db: Db, index: keyof typeof FINDS, storeId: string, text: string): SearchWords {
  const joined = ftsQuery(text);
  if (joined === null || joined === ftsQuery(text, { words: 'phrase' })) return 'joined';
  return FINDS[index](db, storeId, joined) ? 'joined' : 'phrase';
}
