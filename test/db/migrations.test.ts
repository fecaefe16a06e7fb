import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { countOrders, listCustomers, listOrders, MIGRATIONS, openDatabase, readVersion, type Migration } from '../../src/main/core/db';
import { flaggedIds, N, reviewedIds, seed } from './dataset';
import { AppError } from '../../src/main/core/app-error';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'balcao-mig-'));
  dirs.push(dir);
  return join(dir, 'cache.sqlite');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('openDatabase', () => {
  it('creates the schema at the latest version with WAL, foreign keys and a busy timeout', () => {
    const db = openDatabase(tempFile());
    expect(readVersion(db)).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['stores', 'sync_state', 'orders', 'order_items', 'customers', 'review_state', 'unreadable_records', 'orders_fts']));
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
    expect((error as AppError).message).toMatch(/newer version of Balcão/);
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
    const next: Migration = { version: MIGRATIONS.length + 1, name: 'add column', up: (db) => db.exec('ALTER TABLE stores ADD COLUMN extra TEXT') };
    const db = openDatabase(file, { migrations: [...MIGRATIONS, next] });
    expect(readVersion(db)).toBe(MIGRATIONS.length + 1);
    expect((db.prepare('PRAGMA table_info(stores)').all() as { name: string }[]).map((c) => c.name)).toContain('extra');
    db.close();
  });
});

describe('migration 2 on a cache written by version 1', () => {
  it('mirrors the review marks onto orders, fills the facet totals and rebuilds the search index with joined words', () => {
    const file = tempFile();
    const v1 = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version === 1) });
    const orders = seed(v1);
    // As if version 1 had indexed other terms: only the rebuild can make the searches below work.
    v1.exec("INSERT INTO orders_fts (orders_fts) VALUES ('delete-all'); INSERT INTO customers_fts (customers_fts) VALUES ('delete-all');");
    v1.close();

    const db = openDatabase(file);
    expect(readVersion(db)).toBe(2);
    const flags = db.prepare("SELECT id FROM orders WHERE store_id = 'store-a' AND reviewed = 1 ORDER BY id").all() as { id: number }[];
    expect(flags.map((r) => r.id)).toEqual(reviewedIds(orders).sort((a, b) => a - b));
    const flagged = db.prepare("SELECT id FROM orders WHERE store_id = 'store-a' AND flagged = 1 ORDER BY id").all() as { id: number }[];
    expect(flagged.map((r) => r.id)).toEqual(flaggedIds(orders).sort((a, b) => a - b));
    // Facet totals equal a count of the orders, per store and per day.
    const facets = db.prepare('SELECT store_id, status_alias, payment_alias, delivered, n FROM order_facet_totals ORDER BY 1, 2, 3, 4').all();
    const counted = db
      .prepare(
        `SELECT store_id, coalesce(status_alias, '') AS status_alias, coalesce(payment_alias, '') AS payment_alias, coalesce(delivered, -1) AS delivered,
           count(*) AS n FROM orders GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      )
      .all();
    expect(facets).toEqual(counted);
    expect((db.prepare('SELECT sum(n) AS n FROM order_day_totals').get() as { n: number }).n).toBe(2 * N);
    expect(countOrders(db, 'store-a', { paymentMethods: ['pix'], review: 'unreviewed' }).total).toBe(
      orders.filter((o) => o.payment?.alias === 'pix' && !reviewedIds(orders).includes(o.id)).length,
    );
    // The index was rebuilt, joined words included.
    expect(listOrders(db, 'store-a', { search: 'alvaro.sou' }).total).toBe(orders.filter((o) => o.customer?.email === 'alvaro.souza@example.com').length);
    expect(listOrders(db, 'store-a', { search: 'CAM-AZ-12' }).rows.map((r) => r.id)).toEqual([12]);
    expect(listCustomers(db, 'store-a', { search: 'bia@example' }).rows.map((r) => r.email)).toEqual(['bia@example.com']);
    db.close();
  });
});
