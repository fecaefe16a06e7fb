import type { WritableDB } from '../connection';
import { rebuildIfStale } from '../derived-versions';
import { rebuildCustomerSearchIndex } from './customer-rows';
import { rebuildOrderSearchIndex } from './keys';

/**
 * The version of what the search index is made of: the terms (terms.ts) and the key layout (keys.ts). Raise it
 * with any change to either, and every cache rebuilds its index once, on its next open, with the code that runs.
 */
export const SEARCH_INDEX_VERSION = 2;

const BATCH = 5000;

/**
 * Rebuilds the search keys and both search indexes when the file's version of them (derived_versions, migration 5)
 * is not the code's (see rebuildIfStale).
 */
export function reindexIfStale(db: WritableDB): boolean {
  return rebuildIfStale(db, { name: 'search', version: SEARCH_INDEX_VERSION, needs: 'derived_versions' }, () => {
    rebuildOrderSearchIndex(db);
    rebuildCustomerSearchIndex(db, BATCH);
  });
}
