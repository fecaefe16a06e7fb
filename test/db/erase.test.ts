import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  getStore,
  listStores,
  removeStore,
  setReview,
  setSender,
  writeCustomers,
  writeOrderPage,
  writeSyncState,
} from '../../src/main/core/db';
import { eraseStore } from '../../src/main/core/db/erase';
import { attachMerchantCopy, MERCHANT_FILE } from '../../src/main/core/db/merchant-copy';
import { listViews, saveView } from '../../src/main/core/db/views-repo';
import { blankSender } from '../../src/main/core/export/pdf-export';
import { normalizeCustomer } from '../../src/main/core/normalize';
import { count, tempDb, type TempDb } from './helpers';
import { seed } from './dataset';

let t: TempDb;
beforeEach(() => {
  t = tempDb();
  seed(t.db);
  const ctx = { storeId: 'store-a', storeZone: 'America/Sao_Paulo' };
  const raw = { id: 7777, name: 'Só na API' };
  writeCustomers(
    t.db,
    'store-a',
    [normalizeCustomer(raw, ctx).customer!],
    [raw],
    [{ raw: { x: 1 }, problems: ['id: missing'] }],
    null,
  );
  writeOrderPage(t.db, 'store-a', [], [], [{ raw: { y: 2 }, problems: ['id: missing'] }], null);
  writeSyncState(t.db, 'store-a', 'customers', { counts: { customers: 1 } });
  writeSyncState(t.db, 'store-a', 'orders', { highWaterMark: '2024-03-31T00:00:00.000Z' });
  setReview(t.db, 'store-b', 1, { note: 'b' });
  setSender(t.db, 'store-a', { ...blankSender('Loja A'), city: 'São Carlos', uf: 'SP' });
  setSender(t.db, 'store-b', blankSender('Loja B'));
});
afterEach(() => t.close());

/** Every ordinary table with a store_id column, found from the schema itself so a new table cannot be forgotten. */
function storeTables(): string[] {
  const tables = t.db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE '%fts%'",
    )
    .all() as { name: string }[];
  return tables
    .map((x) => x.name)
    .filter((name) =>
      (t.db.prepare(`PRAGMA table_info(${name})`).all() as { name: string }[]).some(
        (c) => c.name === 'store_id' || (name === 'stores' && c.name === 'id'),
      ),
    );
}

const rowsOf = (table: string, storeId: string) =>
  count(t.db, `SELECT count(*) AS n FROM ${table} WHERE ${table === 'stores' ? 'id' : 'store_id'} = ?`, storeId);

describe('removeStore (LGPD erasure)', () => {
  it('every table is keyed by store', () => {
    const all = (
      t.db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'",
        )
        .all() as { name: string }[]
    )
      .map((x) => x.name)
      // The file's own bookkeeping (which version of derived data it holds, which statuses are sales) holds
      // nothing of a store.
      .filter((name) => name !== 'derived_versions' && name !== 'painel_sale_statuses');
    expect(storeTables().sort()).toEqual(all.sort());
  });

  it('leaves zero rows of the store in every table and in the search indexes, and keeps the other store whole', () => {
    const tables = storeTables();
    for (const table of tables) expect(rowsOf(table, 'store-a'), table).toBeGreaterThan(0);
    const before = Object.fromEntries(tables.map((table) => [table, rowsOf(table, 'store-b')]));
    const ftsB = count(
      t.db,
      "SELECT count(*) AS n FROM orders_fts WHERE rowid IN (SELECT search_key FROM orders WHERE store_id = 'store-b')",
    );
    expect(ftsB).toBeGreaterThan(0);

    expect(removeStore(t.db, 'store-a')).toBe(true);

    for (const table of tables) expect(rowsOf(table, 'store-a'), table).toBe(0);
    expect(Object.fromEntries(tables.map((table) => [table, rowsOf(table, 'store-b')]))).toEqual(before);
    expect(count(t.db, 'SELECT count(*) AS n FROM orders_fts')).toBe(ftsB);
    expect(count(t.db, 'SELECT count(*) AS n FROM customers_fts')).toBe(
      count(t.db, 'SELECT count(*) AS n FROM customers'),
    );
    expect(getStore(t.db, 'store-a')).toBeNull();
    expect(listStores(t.db).map((s) => s.id)).toEqual(['store-b']);
    expect(removeStore(t.db, 'store-a')).toBe(false);
  });
});

describe('eraseStore and the merchant’s own file', () => {
  it('leaves no row and no byte of the store’s saved views in merchant.db, and keeps the other store’s', async () => {
    const file = join(t.dir, MERCHANT_FILE);
    attachMerchantCopy(t.db, file);
    const name = 'Visão-secreta-da-loja-A';
    saveView(t.db, 'store-a', { name, filter: { search: 'cliente-especial-a' }, datePreset: 'last7' });
    saveView(t.db, 'store-b', { name: 'Da loja B', filter: {}, datePreset: null });
    const merchantTables = (
      t.db.prepare("SELECT name FROM merchant.sqlite_master WHERE type = 'table'").all() as { name: string }[]
    ).map((x) => x.name);
    expect(merchantTables).toContain('saved_views');
    const rowsOfA = () =>
      merchantTables.map((table) =>
        count(
          t.db,
          `SELECT count(*) AS n FROM merchant.${table} WHERE ${table === 'stores' ? 'id' : 'store_id'} = ?`,
          'store-a',
        ),
      );
    expect(rowsOfA().every((n) => n > 0)).toBe(true);

    expect(await eraseStore(t.db, 'store-a')).toBe(true);

    expect(rowsOfA()).toEqual(merchantTables.map(() => 0));
    expect(listViews(t.db, 'store-b').map((v) => v.name)).toEqual(['Da loja B']);
    for (const path of [file, `${file}-wal`]) {
      const bytes = readFileSync(path, { flag: 'r' });
      expect(bytes.includes(name), path).toBe(false);
      expect(bytes.includes('cliente-especial-a'), path).toBe(false);
    }
  });
});
