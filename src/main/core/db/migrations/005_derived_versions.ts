import type { Migration } from './migration';

/**
 * Which version of each kind of derived data the file holds. Migrations hold their own SQL and import nothing
 * from the app; data the app derives from the cached rows with its own code (the search keys and the search
 * index) is rebuilt after the migrations by a reindex step whenever the version stored here differs from the
 * code's (db/search/reindex.ts).
 *
 * The search index of a file that reaches this step is version 1 when it is whole: every order has its key and,
 * if there are customers, their index is not empty. Migrations 2 and 3 leave it empty for the reindex (which
 * then runs once); a file already at version 4 has the index the code of version 1 built, and is not rebuilt.
 */
const SQL = `
CREATE TABLE derived_versions (
  name    TEXT PRIMARY KEY,
  version INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

INSERT INTO derived_versions (name, version)
  SELECT 'search', CASE
    WHEN EXISTS (SELECT 1 FROM orders WHERE search_key IS NULL) THEN 0
    WHEN EXISTS (SELECT 1 FROM customers) AND NOT EXISTS (SELECT 1 FROM customers_fts) THEN 0
    ELSE 1
  END;
`;

export const migration005: Migration = {
  version: 5,
  name: 'derived data versions',
  up(db) {
    db.exec(SQL);
  },
};
