import { freeSearchNo } from './order-search-index';
import type { Db } from './open';

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

export function addStore(db: Db, store: NewStore): StoreRecord {
  db.prepare(
    `INSERT INTO stores (id, alias, name, api_base_url, time_zone, is_demo, created_at, search_no, keychain_entry)
     VALUES (@id, @alias, @name, @apiBaseUrl, @timeZone, @isDemo, @createdAt, @searchNo, @keychainEntry)`,
  ).run({
    ...store,
    isDemo: store.isDemo ? 1 : 0,
    searchNo: freeSearchNo(db),
    keychainEntry: store.keychainEntry === false ? 0 : 1,
  });
  return getStore(db, store.id) as StoreRecord;
}

const COLUMNS: Record<keyof StorePatch, string> = {
  alias: 'alias',
  name: 'name',
  apiBaseUrl: 'api_base_url',
  timeZone: 'time_zone',
  isDemo: 'is_demo',
  credentialsOk: 'credentials_ok',
  lastSyncAt: 'last_sync_at',
  lastError: 'last_error',
  keychainEntry: 'keychain_entry',
};

/** Returns the updated store, or null when there is no such store. */
export function updateStore(db: Db, id: string, patch: StorePatch): StoreRecord | null {
  const sets: string[] = [];
  const values: Record<string, unknown> = { id };
  for (const [key, column] of Object.entries(COLUMNS) as [keyof StorePatch, string][]) {
    if (!(key in patch)) continue;
    const value = patch[key];
    sets.push(`${column} = @${key}`);
    values[key] = typeof value === 'boolean' ? (value ? 1 : 0) : (value ?? null);
  }
  if (sets.length > 0) db.prepare(`UPDATE stores SET ${sets.join(', ')} WHERE id = @id`).run(values);
  return getStore(db, id);
}

/**
 * Erases the store and everything cached for it (orders, relations, customers,
 * review notes, unreadable records, FTS rows) in one transaction: the LGPD erasure path.
 */
export function removeStore(db: Db, id: string): boolean {
  return db.prepare('DELETE FROM stores WHERE id = ?').run(id).changes > 0;
}

export function getStore(db: Db, id: string): StoreRecord | null {
  const row = db.prepare('SELECT * FROM stores WHERE id = ?').get(id) as StoreRow | undefined;
  return row === undefined ? null : toStore(row);
}

export function listStores(db: Db): StoreRecord[] {
  return (db.prepare('SELECT * FROM stores ORDER BY name COLLATE NOCASE, id').all() as StoreRow[]).map(toStore);
}
