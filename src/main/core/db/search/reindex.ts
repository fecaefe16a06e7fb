import type { WritableDB } from '../connection';
import { deriveIfStale } from '../derived-versions';
import { rebuildCustomerSearchIndex } from './customer-rows';
import { rebuildOrderSearchIndex } from './keys';

/**
 * The version of what the search index is made of: the terms (terms.ts) and the key layout (keys.ts). Raise it
 * with any change to either, and every cache rebuilds its index once, on its next open, with the code that runs.
 */
export const SEARCH_INDEX_VERSION = 1;

const BATCH = 5000;

/** Rebuilds the search keys and both search indexes when the file's version of them is not the code's. */
export function reindexIfStale(db: WritableDB): boolean {
  return deriveIfStale(db, 'search', SEARCH_INDEX_VERSION, () => {
    rebuildOrderSearchIndex(db);
    rebuildCustomerSearchIndex(db, BATCH);
  });
}
