import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { listCustomers, listOrders, MIGRATIONS, openDatabase, SEARCH_INDEX_VERSION } from '../../src/main/core/db';
import { seed } from './dataset';
import { tempFiles } from './helpers';

const files = tempFiles('balcao-reindex-');
const tempFile = () => files.file();
afterEach(() => files.cleanup());

/** A seeded file whose search index was then emptied behind the app's back, at the given stored index version. */
function seededFile(version: number | null): string {
  const file = tempFile();
  const db = openDatabase(file);
  seed(db);
  db.close();
  const raw = new Database(file);
  raw.exec(
    "INSERT INTO orders_fts (orders_fts) VALUES ('delete-all'); INSERT INTO customers_fts (customers_fts) VALUES ('delete-all');",
  );
  if (version === null) raw.exec("DELETE FROM derived_versions WHERE name = 'search'");
  else raw.prepare("UPDATE derived_versions SET version = ? WHERE name = 'search'").run(version);
  raw.close();
  return file;
}

const storedVersion = (file: string): number | undefined => {
  const raw = new Database(file, { readonly: true });
  try {
    return (
      raw.prepare("SELECT version FROM derived_versions WHERE name = 'search'").get() as { version: number } | undefined
    )?.version;
  } finally {
    raw.close();
  }
};

describe('the search reindex', () => {
  it("leaves an index whose stored version is the code's alone", () => {
    const file = seededFile(SEARCH_INDEX_VERSION);
    const db = openDatabase(file);
    expect(listOrders(db, 'store-a', { search: 'alvaro' }).total).toBe(0);
    db.close();
  });

  it("rebuilds both indexes once when the stored version is not the code's, and stores the code's", () => {
    for (const version of [0, SEARCH_INDEX_VERSION + 1, null]) {
      const file = seededFile(version);
      const db = openDatabase(file);
      expect(listOrders(db, 'store-a', { search: 'alvaro.sou' }).total, String(version)).toBeGreaterThan(0);
      expect(listCustomers(db, 'store-a', { search: 'bia@example' }).rows.map((r) => r.email)).toEqual([
        'bia@example.com',
      ]);
      db.close();
      expect(storedVersion(file)).toBe(SEARCH_INDEX_VERSION);
    }
  });

  it('is one transaction with its version: a failure keeps the old index and version, and the next open does it', () => {
    const file = seededFile(0);
    const raw = new Database(file);
    const keysBefore = raw.prepare('SELECT pk, search_key FROM orders ORDER BY pk').all();
    raw.exec(
      "CREATE TRIGGER fail_reindex BEFORE UPDATE ON derived_versions BEGIN SELECT RAISE(ABORT, 'disk gone'); END;",
    );
    raw.close();
    expect(() => openDatabase(file)).toThrow('disk gone');
    const after = new Database(file);
    expect(after.prepare('SELECT pk, search_key FROM orders ORDER BY pk').all()).toEqual(keysBefore);
    expect((after.prepare('SELECT count(*) AS n FROM orders_fts').get() as { n: number }).n).toBe(0);
    after.exec('DROP TRIGGER fail_reindex');
    after.close();
    expect(storedVersion(file)).toBe(0);
    const db = openDatabase(file);
    expect(listOrders(db, 'store-a', { search: 'alvaro' }).total).toBeGreaterThan(0);
    db.close();
  });

  it('takes a file already at version 4 (index built by then) as current, and one that migrations 2–3 emptied as stale', () => {
    // Today's write path fills today's columns: a file of version 2 (test/db/fixtures) brought to version 4 is what
    // version 4 left, its index built by then.
    const v4 = tempFile();
    copyFileSync(join(__dirname, 'fixtures', 'cache-v2.sqlite'), v4);
    openDatabase(v4, { migrations: MIGRATIONS.slice(0, 4) }).close();
    openDatabase(v4).close();
    expect(storedVersion(v4)).toBe(SEARCH_INDEX_VERSION);

    const v1 = tempFile();
    const db1 = openDatabase(v1, { migrations: MIGRATIONS.slice(0, 1) });
    db1.exec(
      `INSERT INTO stores (id, alias, name, api_base_url, time_zone, created_at) VALUES ('s', 's', 'S', 'http://x', 'UTC', '2024-01-01');
       INSERT INTO customers (store_id, id, source, name, email, synced_at) VALUES ('s', 1, 'api', 'Bia', 'bia@example.com', '2024-01-01');
       INSERT INTO customers_fts (rowid, terms) SELECT pk, name FROM customers;`,
    );
    db1.close();
    const db = openDatabase(v1);
    expect(listCustomers(db, 's', { search: 'bia@example' }).rows.map((r) => r.email)).toEqual(['bia@example.com']);
    db.close();
    expect(storedVersion(v1)).toBe(SEARCH_INDEX_VERSION);
  });
});
