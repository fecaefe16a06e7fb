import type { WritableDB } from '../connection';
import { sql } from '../sql';
import { write } from '../statements';
import { derivedVersions } from '../derived-versions';
import { rebuildCustomerSearchIndex } from './customer-rows';
import { rebuildOrderSearchIndex } from './keys';

/**
 * The version of what the search index is made of: the terms (terms.ts) and the key layout (keys.ts). Raise it
 * with any change to either, and every cache rebuilds its index once, on its next open, with the code that runs.
 */
export const SEARCH_INDEX_VERSION = 1;

const BATCH = 5000;

/**
 * Rebuilds the search keys and both search indexes when the file's version of them (derived_versions, migration 5)
 * is not the code's. One IMMEDIATE transaction with the version bump: a crash leaves the old index and the old
 * version, and the next open starts again; a second connection opening meanwhile waits, then finds it done.
 * A file below migration 5 (tests that stop the migrations early) has no versions yet and is left alone.
 */
export function reindexIfStale(db: WritableDB): boolean {
  const stale = () => derivedVersions(db)?.get('search') !== SEARCH_INDEX_VERSION;
  if (derivedVersions(db) === null || !stale()) return false;
  return db
    .transaction(() => {
      if (!stale()) return false;
      rebuildOrderSearchIndex(db);
      rebuildCustomerSearchIndex(db, BATCH);
      write(
        db,
        sql`INSERT INTO derived_versions (name, version) VALUES ('search', ${SEARCH_INDEX_VERSION})
          ON CONFLICT (name) DO UPDATE SET version = excluded.version`,
      );
      return true;
    })
    .immediate();
}
