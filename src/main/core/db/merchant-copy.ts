import type { WritableDB } from './connection';
import { addStore, listStores, toStore, type StoreRow } from './stores-repo';
import { sql } from './sql';
import { readAll, write } from './statements';

/**
 * What only the merchant wrote — the stores they added and their review marks and notes — copied into a small file
 * of its own (`merchant.db` beside the cache), so a damaged cache can be rebuilt from the store without losing it.
 * The saved views of the order list live in this file alone (views-repo), so a cache set aside never takes them.
 * The copy is attached to the cache's connection and kept by TEMP triggers in the same transaction as each change,
 * so it is never behind the cache; a store's removal deletes its rows there too (with secure_delete, like the cache).
 * Its schema has its own versions (`merchant.user_version`), frozen like the cache's.
 */
const MERCHANT_STEPS: readonly string[] = [
  `CREATE TABLE merchant.stores (
     id TEXT PRIMARY KEY, alias TEXT NOT NULL, name TEXT NOT NULL, api_base_url TEXT NOT NULL, time_zone TEXT NOT NULL,
     is_demo INTEGER NOT NULL, created_at TEXT NOT NULL, keychain_entry INTEGER NOT NULL
   ) STRICT;
   CREATE TABLE merchant.review_state (
     store_id TEXT NOT NULL, order_id INTEGER NOT NULL, reviewed INTEGER NOT NULL, flagged INTEGER NOT NULL,
     note TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (store_id, order_id)
   ) STRICT, WITHOUT ROWID;`,
  // The order list's tabs the merchant saved (issue 13). Only here: they are the merchant's, not a copy of the cache.
  `CREATE TABLE merchant.saved_views (
     store_id TEXT NOT NULL, id INTEGER NOT NULL, name TEXT NOT NULL, filter TEXT NOT NULL, date_preset TEXT,
     position INTEGER NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (store_id, id)
   ) STRICT, WITHOUT ROWID;`,
];

const STORE_COLUMNS = 'id, alias, name, api_base_url, time_zone, is_demo, created_at, keychain_entry';
const REVIEW_COLUMNS = 'store_id, order_id, reviewed, flagged, note, updated_at';
const values = (columns: string) =>
  columns
    .split(', ')
    .map((c) => `new.${c}`)
    .join(', ');

/**
 * Inserts and updates of either table upsert the copied row. An upsert, not INSERT OR REPLACE: a trigger's OR clause
 * gives way to the conflict policy of the statement that fired it, and review-repo's own upsert made it ABORT.
 */
const TRIGGERS = [
  ...(['INSERT', 'UPDATE'] as const).flatMap((event) =>
    (
      [
        ['stores', STORE_COLUMNS, 'id'],
        ['review_state', REVIEW_COLUMNS, 'store_id, order_id'],
      ] as const
    ).map(
      ([
        table,
        columns,
        key,
      ]) => `CREATE TEMP TRIGGER merchant_${table}_${event.toLowerCase()} AFTER ${event} ON main.${table}
  BEGIN INSERT INTO merchant.${table} (${columns}) VALUES (${values(columns)}) ON CONFLICT (${key}) DO UPDATE SET
    ${columns
      .split(', ')
      .map((c) => `${c} = excluded.${c}`)
      .join(', ')}; END;`,
    ),
  ),
  `CREATE TEMP TRIGGER merchant_stores_delete AFTER DELETE ON main.stores BEGIN
     DELETE FROM merchant.review_state WHERE store_id = old.id;
     DELETE FROM merchant.saved_views WHERE store_id = old.id;
     DELETE FROM merchant.stores WHERE id = old.id;
   END;`,
  `CREATE TEMP TRIGGER merchant_review_state_delete AFTER DELETE ON main.review_state BEGIN
     DELETE FROM merchant.review_state WHERE store_id = old.store_id AND order_id = old.order_id;
   END;`,
].join('\n');

export const MERCHANT_FILE = 'merchant.db';

/**
 * Attaches the merchant's file to the cache's connection, brings its schema up to date, fills a cache that has no
 * stores (a fresh file after damage) from it, then keeps it current. Returns how many stores came back.
 */
export function attachMerchantCopy(db: WritableDB, file: string): number {
  db.prepare('ATTACH DATABASE ? AS merchant').run(file);
  db.pragma('merchant.journal_mode = WAL');
  const created = db
    .transaction(() => {
      const version = db.pragma('merchant.user_version', { simple: true }) as number;
      MERCHANT_STEPS.slice(version).forEach((step) => db.exec(step));
      db.pragma(`merchant.user_version = ${MERCHANT_STEPS.length}`);
      return version === 0;
    })
    .immediate();
  const cacheHasStores = listStores(db).length > 0;
  // A cache from before the copy existed fills it once; an empty cache (a fresh file after damage) is filled from it.
  if (created && cacheHasStores) copyEverything(db);
  const restored = cacheHasStores ? 0 : restoreFromCopy(db);
  db.exec(TRIGGERS);
  return restored;
}

function restoreFromCopy(db: WritableDB): number {
  const stores = readAll(
    db,
    sql<StoreRow>`SELECT *, NULL AS credentials_ok, NULL AS last_sync_at, NULL AS last_error
                  FROM merchant.stores ORDER BY created_at, id`,
  ).map(toStore);
  db.transaction(() => {
    for (const store of stores) addStore(db, store);
    write(
      db,
      sql`INSERT INTO main.review_state (store_id, order_id, reviewed, flagged, note, updated_at)
          SELECT store_id, order_id, reviewed, flagged, note, updated_at FROM merchant.review_state
          WHERE store_id IN (SELECT id FROM main.stores)`,
    );
  })();
  return stores.length;
}

function copyEverything(db: WritableDB): void {
  db.transaction(() => {
    write(
      db,
      sql`INSERT INTO merchant.stores (id, alias, name, api_base_url, time_zone, is_demo, created_at, keychain_entry)
          SELECT id, alias, name, api_base_url, time_zone, is_demo, created_at, keychain_entry FROM main.stores`,
    );
    write(
      db,
      sql`INSERT INTO merchant.review_state (store_id, order_id, reviewed, flagged, note, updated_at)
          SELECT store_id, order_id, reviewed, flagged, note, updated_at FROM main.review_state`,
    );
  })();
}
