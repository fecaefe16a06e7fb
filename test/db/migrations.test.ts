import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  countOrders,
  listCustomers,
  listOrders,
  MIGRATIONS,
  openDatabase,
  readVersion,
  type Migration,
} from '../../src/main/core/db';
import { dataset, flaggedIds, N, reviewedIds } from './dataset';
import { storedRawJson } from '../../src/main/core/db/raw-json';
import type { CustomerRow } from '../../src/main/core/db/rows/customers';
import type { OrderRow } from '../../src/main/core/db/rows/orders';
import { tempFiles } from './helpers';
import { AppError } from '../../src/main/core/base/app-error';

const files = tempFiles('balcao-mig-');
const tempFile = () => files.file();
afterEach(() => files.cleanup());

/**
 * A copy of a cache written by an earlier version (test/db/fixtures/README.md says how each was made): today's
 * write path fills today's columns, so only a file from then shows what a migration meets.
 */
function fixtureCopy(version: number): string {
  const file = tempFile();
  copyFileSync(join(__dirname, 'fixtures', `cache-v${version}.sqlite`), file);
  return file;
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('openDatabase', () => {
  it('creates the schema at the latest version with WAL, foreign keys and a busy timeout', () => {
    const db = openDatabase(tempFile());
    expect(readVersion(db)).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (t) => t.name,
    );
    expect(tables).toEqual(
      expect.arrayContaining([
        'stores',
        'sync_state',
        'orders',
        'order_items',
        'customers',
        'review_state',
        'unreadable_records',
        'orders_fts',
      ]),
    );
    db.close();
  });

  it('opens an up-to-date file again without running anything', () => {
    const file = tempFile();
    openDatabase(file).close();
    let ran = 0;
    const spy: Migration[] = MIGRATIONS.map((m) => ({ ...m, up: (db) => ((ran += 1), m.up(db)) }));
    openDatabase(file, { migrations: spy }).close();
    expect(ran).toBe(0);
  });

  it('refuses a file from a newer version and leaves it byte-identical', () => {
    const file = tempFile();
    const raw = new Database(file);
    raw.exec('CREATE TABLE future (x INTEGER); INSERT INTO future VALUES (1);');
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    const before = sha(file);
    let error: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DATABASE_TOO_NEW');
    expect((error as AppError).params).toEqual({
      reason: 'schema',
      found: MIGRATIONS.length + 1,
      known: MIGRATIONS.length,
    });
    expect(sha(file)).toBe(before);
  });

  it('runs each migration in one transaction: a failing step leaves no trace and the version unchanged', () => {
    const file = tempFile();
    openDatabase(file).close();
    const broken: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'broken',
      up(db) {
        db.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => openDatabase(file, { migrations: [...MIGRATIONS, broken] })).toThrow('boom');
    const db = openDatabase(file);
    expect(readVersion(db)).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('applies a new step to an older file and bumps the version inside it', () => {
    const file = tempFile();
    openDatabase(file).close();
    const next: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'add column',
      up: (db) => db.exec('ALTER TABLE stores ADD COLUMN extra TEXT'),
    };
    const db = openDatabase(file, { migrations: [...MIGRATIONS, next] });
    expect(readVersion(db)).toBe(MIGRATIONS.length + 1);
    expect((db.prepare('PRAGMA table_info(stores)').all() as { name: string }[]).map((c) => c.name)).toContain('extra');
    db.close();
  });
});

describe('migration 2 on a cache written by version 1', () => {
  it('mirrors the review marks onto orders, fills the facet totals and rebuilds the search index with joined words', () => {
    const file = fixtureCopy(1);
    const v1 = new Database(file);
    expect(readVersion(v1)).toBe(1);
    // As if version 1 had indexed other terms: only the rebuild can make the searches below work.
    v1.exec(
      "INSERT INTO orders_fts (orders_fts) VALUES ('delete-all'); INSERT INTO customers_fts (customers_fts) VALUES ('delete-all');",
    );
    v1.close();
    const orders = dataset();

    const db = openDatabase(file);
    expect(readVersion(db)).toBe(MIGRATIONS.length);
    // Migration 4: stores from before it are taken to have a keychain entry, so removing one still checks the keychain.
    expect(db.prepare('SELECT DISTINCT keychain_entry AS k FROM stores').all()).toEqual([{ k: 1 }]);
    const flags = db.prepare("SELECT id FROM orders WHERE store_id = 'store-a' AND reviewed = 1 ORDER BY id").all() as {
      id: number;
    }[];
    expect(flags.map((r) => r.id)).toEqual(reviewedIds(orders).sort((a, b) => a - b));
    const flagged = db
      .prepare("SELECT id FROM orders WHERE store_id = 'store-a' AND flagged = 1 ORDER BY id")
      .all() as { id: number }[];
    expect(flagged.map((r) => r.id)).toEqual(flaggedIds(orders).sort((a, b) => a - b));
    // Facet totals equal a count of the orders, per store and per day.
    const facets = db
      .prepare('SELECT store_id, status_alias, payment_alias, delivered, n FROM order_facet_totals ORDER BY 1, 2, 3, 4')
      .all();
    const counted = db
      .prepare(
        `SELECT store_id, coalesce(status_alias, '') AS status_alias, coalesce(payment_alias, '') AS payment_alias, coalesce(delivered, -1) AS delivered,
           count(*) AS n FROM orders GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      )
      .all();
    expect(facets).toEqual(counted);
    expect((db.prepare('SELECT sum(n) AS n FROM order_day_totals').get() as { n: number }).n).toBe(2 * N);
    // The reviewed orders' share of them, filled from the marks the cache already held.
    const reviewedShare = (table: string) =>
      db
        .prepare(
          `SELECT status_alias, payment_alias, delivered, sum(n) AS n FROM ${table} WHERE store_id = 'store-a' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
        )
        .all();
    const reviewedCounted = db
      .prepare(
        `SELECT coalesce(status_alias, '') AS status_alias, coalesce(payment_alias, '') AS payment_alias, coalesce(delivered, -1) AS delivered,
           count(*) AS n FROM orders WHERE store_id = 'store-a' AND reviewed = 1 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      )
      .all();
    expect(reviewedCounted.length).toBeGreaterThan(0);
    expect(reviewedShare('order_reviewed_totals')).toEqual(reviewedCounted);
    expect(reviewedShare('order_reviewed_day_totals')).toEqual(reviewedCounted);
    expect(countOrders(db, 'store-a', { paymentMethods: ['pix'], review: 'unreviewed' }).total).toBe(
      orders.filter((o) => o.payment?.alias === 'pix' && !reviewedIds(orders).includes(o.id)).length,
    );
    // The index was rebuilt, joined words included.
    expect(listOrders(db, 'store-a', { search: 'alvaro.sou' }).total).toBe(
      orders.filter((o) => o.customer?.email === 'alvaro.souza@example.com').length,
    );
    expect(listOrders(db, 'store-a', { search: 'CAM-AZ-12' }).rows.map((r) => r.id)).toEqual([12]);
    expect(listCustomers(db, 'store-a', { search: 'bia@example' }).rows.map((r) => r.email)).toEqual([
      'bia@example.com',
    ]);
    db.close();
  });
});

describe('migration 3 on a cache written by version 2', () => {
  it("keys every order by creation time, in the lists' date order, rebuilds the search index on those keys, and takes by-id records out of their envelope", () => {
    const file = fixtureCopy(2);
    const v2 = new Database(file);
    expect(readVersion(v2)).toBe(2);
    // Records read by id were kept in the read's envelope before version 3.
    const kept = (table: string, where: string) =>
      (v2.prepare(`SELECT raw FROM ${table} WHERE ${where}`).get() as { raw: string }).raw;
    const orderRaw = kept('orders', "store_id = 'store-a' AND id = 5");
    const customer = v2.prepare("SELECT pk, id FROM customers WHERE store_id = 'store-a' LIMIT 1").get() as {
      pk: number;
      id: number;
    };
    const customerRaw = JSON.stringify({ id: customer.id, name: 'Beatriz Nunes', email: 'bia@example.com' });
    expect(JSON.parse(orderRaw)).toHaveProperty('id', 5);
    v2.prepare("UPDATE orders SET raw = ? WHERE store_id = 'store-a' AND id = 5").run(`{"data":[${orderRaw}]}`);
    v2.prepare('UPDATE customers SET raw = ? WHERE pk = ?').run(`{"data":${customerRaw}}`, customer.pk);
    v2.close();
    const orders = dataset();

    const db = openDatabase(file);
    expect(readVersion(db)).toBe(MIGRATIONS.length);
    const rows = db.prepare('SELECT store_id, id, created_utc, search_key FROM orders').all() as {
      store_id: string;
      id: number;
      created_utc: string | null;
      search_key: number | null;
    }[];
    expect(rows).toHaveLength(2 * N);
    const keys = rows.map((r) => r.search_key);
    expect(keys.every((k) => Number.isSafeInteger(k))).toBe(true);
    expect(new Set(keys).size).toBe(rows.length);
    for (const store of ['store-a', 'store-b']) {
      const mine = rows.filter((r) => r.store_id === store);
      const byKey = [...mine].sort((a, b) => a.search_key! - b.search_key!).map((r) => r.id);
      const byDate = [...mine]
        .sort((a, b) =>
          a.created_utc === b.created_utc
            ? a.id - b.id
            : a.created_utc === null
              ? -1
              : b.created_utc === null
                ? 1
                : a.created_utc < b.created_utc
                  ? -1
                  : 1,
        )
        .map((r) => r.id);
      expect(byKey).toEqual(byDate);
    }
    // The index holds one row per order, on its key: each order is found by its number, and nothing else is.
    expect((db.prepare('SELECT count(*) AS n FROM orders_fts').get() as { n: number }).n).toBe(2 * N);
    for (const o of orders) {
      expect(
        listOrders(db, 'store-a', { search: String(o.number) }).rows.map((r) => r.id),
        `order ${o.id}`,
      ).toContain(o.id);
    }
    const stored = (table: string, where: string) =>
      storedRawJson(db.prepare(`SELECT raw, raw_deflated FROM ${table} WHERE ${where}`).get() as OrderRow);
    expect(stored('orders', "store_id = 'store-a' AND id = 5")).toBe(orderRaw);
    expect(stored('customers', `pk = ${customer.pk}`)).toBe(customerRaw);
    const customerRaws = db.prepare('SELECT raw, raw_deflated FROM customers').all() as CustomerRow[];
    expect(customerRaws.filter((row) => storedRawJson(row)?.startsWith('{"data":'))).toEqual([]);
    const alvaro = orders.filter((o) => o.customer?.name?.startsWith('Álvaro'));
    expect(
      listOrders(db, 'store-a', { search: 'alvaro sou' })
        .rows.map((r) => r.id)
        .sort((a, b) => a - b),
    ).toEqual(alvaro.map((o) => o.id));
    db.close();
  });
});
