import { AppError } from '../base/app-error';
import type { ReadableDB, WritableDB } from './connection';
import { freeSearchNo } from './search';
import { sql, sqlFragment, sqlJoin } from './sql';
import { readAll, readOne, write } from './statements';

export interface StoreRecord {
  id: string;
  alias: string;
  name: string;
  apiBaseUrl: string;
  timeZone: string;
  isDemo: boolean;
  createdAt: string;
  credentialsOk: boolean | null;
  lastSyncAt: string | null;
  lastError: string | null;
  /** Its credentials were put in the keychain (false for a store a script made with credentials from the environment). */
  keychainEntry: boolean;
}

export type NewStore = Omit<StoreRecord, 'credentialsOk' | 'lastSyncAt' | 'lastError' | 'keychainEntry'> & {
  keychainEntry?: boolean;
};
export type StorePatch = Partial<Omit<StoreRecord, 'id' | 'createdAt'>>;

interface StoreRow {
  id: string;
  alias: string;
  name: string;
  api_base_url: string;
  time_zone: string;
  is_demo: number;
  created_at: string;
  credentials_ok: number | null;
  last_sync_at: string | null;
  last_error: string | null;
  keychain_entry: number;
}

const toStore = (row: StoreRow): StoreRecord => ({
  id: row.id,
  alias: row.alias,
  name: row.name,
  apiBaseUrl: row.api_base_url,
  timeZone: row.time_zone,
  isDemo: row.is_demo === 1,
  createdAt: row.created_at,
  credentialsOk: row.credentials_ok === null ? null : row.credentials_ok === 1,
  lastSyncAt: row.last_sync_at,
  lastError: row.last_error,
  keychainEntry: row.keychain_entry === 1,
});

export function addStore(db: WritableDB, store: NewStore): StoreRecord {
  write(
    db,
    sql`INSERT INTO stores (id, alias, name, api_base_url, time_zone, is_demo, created_at, search_no, keychain_entry)
     VALUES (${store.id}, ${store.alias}, ${store.name}, ${store.apiBaseUrl}, ${store.timeZone}, ${store.isDemo ? 1 : 0},
       ${store.createdAt}, ${freeSearchNo(db)}, ${store.keychainEntry === false ? 0 : 1})`,
  );
  const added = getStore(db, store.id);
  // Just inserted in this connection: this only guards the type.
  if (added === null) throw new Error(`addStore: store ${store.id} not found after its insert`);
  return added;
}

const COLUMNS = {
  alias: sqlFragment`alias`,
  name: sqlFragment`name`,
  apiBaseUrl: sqlFragment`api_base_url`,
  timeZone: sqlFragment`time_zone`,
  isDemo: sqlFragment`is_demo`,
  credentialsOk: sqlFragment`credentials_ok`,
  lastSyncAt: sqlFragment`last_sync_at`,
  lastError: sqlFragment`last_error`,
  keychainEntry: sqlFragment`keychain_entry`,
} satisfies Record<keyof StorePatch, unknown>;

/** Returns the updated store, or null when there is no such store. */
export function updateStore(db: WritableDB, id: string, patch: StorePatch): StoreRecord | null {
  const sets = (Object.keys(COLUMNS) as (keyof StorePatch)[])
    .filter((key) => key in patch)
    .map((key) => {
      const value = patch[key];
      return sqlFragment`${COLUMNS[key]} = ${typeof value === 'boolean' ? (value ? 1 : 0) : (value ?? null)}`;
    });
  if (sets.length > 0) write(db, sql`UPDATE stores SET ${sqlJoin(sets)} WHERE id = ${id}`);
  return getStore(db, id);
}

/**
 * Erases the store and everything cached for it (orders, relations, customers,
 * review notes, unreadable records, FTS rows) in one transaction: the LGPD erasure path.
 */
export function removeStore(db: WritableDB, id: string): boolean {
  return write(db, sql`DELETE FROM stores WHERE id = ${id}`).changes > 0;
}

export function getStore(db: ReadableDB, id: string): StoreRecord | null {
  const row = readOne(db, sql<StoreRow>`SELECT * FROM stores WHERE id = ${id}`);
  return row === undefined ? null : toStore(row);
}

export function listStores(db: ReadableDB): StoreRecord[] {
  return readAll(db, sql<StoreRow>`SELECT * FROM stores ORDER BY name COLLATE NOCASE, id`).map(toStore);
}

/** The store's time zone, in which its day filters are read. */
export function storeZone(db: ReadableDB, storeId: string): string {
  const store = getStore(db, storeId);
  if (store === null)
    throw new AppError('NOT_FOUND', 'This store is not in the cache.', { params: { reason: 'store' } });
  return store.timeZone;
}
