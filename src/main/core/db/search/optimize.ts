import type { WritableDB } from '../connection';
import { sql } from '../sql';
import { write } from '../statements';

/**
 * Rewrites each search index as one segment. A contentless index deletes a row by recording a tombstone: the row's
 * tokens stay readable in older segments until a merge reaches them, so an erasure merges everything at once.
 */
export function optimizeSearchIndexes(db: WritableDB): void {
  write(db, sql`INSERT INTO orders_fts (orders_fts) VALUES ('optimize')`);
  write(db, sql`INSERT INTO customers_fts (customers_fts) VALUES ('optimize')`);
}

/** The FTS tables, for work that runs on a connection of its own (db/erase.ts). */
export const SEARCH_INDEXES = ['orders_fts', 'customers_fts'] as const;
