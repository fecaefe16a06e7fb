import type { WritableDB } from './connection';
import { addStore, listStores, toStore, type StoreRow } from './stores-repo';
import { sql } from './sql';
import { readAll } from './statements';

/** A table of the cache copied to merchant.db, row for row: its columns and its key. */
interface CopiedTable {
  table: string;
  columns: string;
  key: string;
}

/**
 * One version of merchant.db's schema: the tables it creates, the cache's tables they copy, and the tables that
 * live in merchant.db alone (per store, removed with their store).
 */
interface MerchantStep {
  create: string;
  tables: readonly CopiedTable[];
  own?: readonly string[];
}

const STORES: CopiedTable = {
  table: 'stores',
  columns: 'id, alias, name, api_base_url, time_zone, is_demo, created_at, keychain_entry',
  key: 'id',
};

/** The order list's tabs the merchant saved (issue 13). Only here: they are the merchant's, not a copy of the cache. */
const VIEWS_STEP: MerchantStep = {
  create: `CREATE TABLE merchant.saved_views (
     store_id TEXT NOT NULL, id INTEGER NOT NULL, name TEXT NOT NULL, filter TEXT NOT NULL, date_preset TEXT,
     position INTEGER NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (store_id, id)
   ) STRICT, WITHOUT ROWID;`,
  tables: [],
  own: ['saved_views'],
};

/** The content declaration's sender per store (the cache's migration 6). */
const SENDER_STEP: MerchantStep = {
  create: `CREATE TABLE merchant.store_sender (
     store_id TEXT PRIMARY KEY, name TEXT NOT NULL, tax_id TEXT, street TEXT, number TEXT, complement TEXT,
     neighborhood TEXT, city TEXT, uf TEXT, zipcode TEXT, updated_at TEXT NOT NULL
   ) STRICT;`,
  tables: [
    {
      table: 'store_sender',
      columns: 'store_id, name, tax_id, street, number, complement, neighborhood, city, uf, zipcode, updated_at',
      key: 'store_id',
    },
  ],
};

/**
 * What only the merchant wrote — the stores they added, their review marks and notes, the declaration's sender —
 * copied into a small file
 * of its own (`merchant.db` beside the cache), so a damaged cache can be rebuilt from the store without losing it.
 * The saved views of the order list live in this file alone (views-repo), so a cache set aside never takes them.
 * The copy is attached to the cache's connection and kept by TEMP triggers in the same transaction as each change,
 * so it is never behind the cache; a store's removal deletes its rows there too (with secure_delete, like the cache).
 * Its schema has its own versions (`merchant.user_version`), frozen like the cache's.
 *
 * Why a copy in the same transaction rather than SQLite's backup API after each change: a backup copies the whole
 * cache (gigabytes at a million orders) or, of a separate file, needs the merchant's data to live only there, which
 * every list query joins against. A trigger's write commits or rolls back with the change itself, so the copy can be
 * neither behind nor ahead of the cache, costs one small row write per change, and merchant.db is a database of its
 * own (its own WAL, its own pages) that no damage to balcao.db's pages reaches: the same guarantee the backup gives,
 * without its window between a change and its backup.
 */
const MERCHANT_STEPS: readonly MerchantStep[] = [
  {
    create: `CREATE TABLE merchant.stores (
       id TEXT PRIMARY KEY, alias TEXT NOT NULL, name TEXT NOT NULL, api_base_url TEXT NOT NULL,
       time_zone TEXT NOT NULL, is_demo INTEGER NOT NULL, created_at TEXT NOT NULL, keychain_entry INTEGER NOT NULL
     ) STRICT;
     CREATE TABLE merchant.review_state (
       store_id TEXT NOT NULL, order_id INTEGER NOT NULL, reviewed INTEGER NOT NULL, flagged INTEGER NOT NULL,
       note TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (store_id, order_id)
     ) STRICT, WITHOUT ROWID;`,
    tables: [
      STORES,
      {
        table: 'review_state',
        columns: 'store_id, order_id, reviewed, flagged, note, updated_at',
        key: 'store_id, order_id',
      },
    ],
  },
  VIEWS_STEP,
  SENDER_STEP,
];

/** Every copied table but the stores: rows kept per store (`store_id`), restored and removed with their store. */
const PER_STORE = MERCHANT_STEPS.flatMap((step) => step.tables).filter((t) => t !== STORES);

/** The cache's per-store tables copied into merchant.db by this connection's temporary triggers. */
export const MIRRORED_TABLES: ReadonlySet<string> = new Set(PER_STORE.map(({ table }) => table));

const values = (columns: string) =>
  columns
    .split(', ')
    .map((c) => `new.${c}`)
    .join(', ');

/**
 * Inserts and updates of each table upsert the copied row. An upsert, not INSERT OR REPLACE: a trigger's OR clause
 * gives way to the conflict policy of the statement that fired it, and review-repo's own upsert made it ABORT.
 */
const TRIGGERS = [
  ...(['INSERT', 'UPDATE'] as const).flatMap((event) =>
    MERCHANT_STEPS.flatMap((step) => step.tables).map(
      ({
        table,
        columns,
        key,
      }) => `CREATE TEMP TRIGGER merchant_${table}_${event.toLowerCase()} AFTER ${event} ON main.${table}
  BEGIN INSERT INTO merchant.${table} (${columns}) VALUES (${values(columns)}) ON CONFLICT (${key}) DO UPDATE SET
    ${columns
      .split(', ')
      .map((c) => `${c} = excluded.${c}`)
      .join(', ')}; END;`,
    ),
  ),
  `CREATE TEMP TRIGGER merchant_stores_delete AFTER DELETE ON main.stores BEGIN
     ${[...PER_STORE.map(({ table }) => table), ...MERCHANT_STEPS.flatMap((step) => step.own ?? [])]
       .map((table) => `DELETE FROM merchant.${table} WHERE store_id = old.id;`)
       .join('\n     ')}
     DELETE FROM merchant.stores WHERE id = old.id;
   END;`,
  ...PER_STORE.map(
    ({ table, key }) => `CREATE TEMP TRIGGER merchant_${table}_delete AFTER DELETE ON main.${table} BEGIN
     DELETE FROM merchant.${table} WHERE ${key
       .split(', ')
       .map((c) => `${c} = old.${c}`)
       .join(' AND ')};
   END;`,
  ),
].join('\n');

export const MERCHANT_FILE = 'merchant.db';

/**
 * Attaches the merchant's file to the cache's connection, brings its schema up to date, fills a cache that has no
 * stores (a fresh file after damage) from it, then keeps it current. Returns how many stores came back.
 */
export function attachMerchantCopy(db: WritableDB, file: string): number {
  db.prepare('ATTACH DATABASE ? AS merchant').run(file);
  db.pragma('merchant.journal_mode = WAL');
  const cacheHasStores = listStores(db).length > 0;
  db.transaction(() => {
    const version = db.pragma('merchant.user_version', { simple: true }) as number;
    MERCHANT_STEPS.slice(version).forEach((step) => db.exec(step.create));
    db.pragma(`merchant.user_version = ${MERCHANT_STEPS.length}`);
    // A cache from before a step fills that step's new tables once from its rows.
    if (cacheHasStores)
      for (const step of MERCHANT_STEPS.slice(version)) step.tables.forEach((t) => copyFromCache(db, t));
  }).immediate();
  // An empty cache (a fresh file after damage) is filled from the copy.
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
    for (const { table, columns } of PER_STORE)
      db.exec(`INSERT INTO main.${table} (${columns}) SELECT ${columns} FROM merchant.${table}
               WHERE store_id IN (SELECT id FROM main.stores)`);
  })();
  return stores.length;
}

function copyFromCache(db: WritableDB, { table, columns }: CopiedTable): void {
  db.exec(`INSERT INTO merchant.${table} (${columns}) SELECT ${columns} FROM main.${table}`);
}
