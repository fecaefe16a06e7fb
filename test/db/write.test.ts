import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  countUnreadable,
  getOrderDetail,
  listUnreadable,
  readSyncState,
  setReview,
  writeCustomers,
  writeSyncState,
  writeOrderPage,
} from '../../src/main/core/db';
import { storedRawJson } from '../../src/main/core/db/raw-json';
import type { CustomerRow } from '../../src/main/core/db/rows/customers';
import type { OrderRow } from '../../src/main/core/db/rows/orders';
import { presentOrder, StoreModel } from '../../src/main/core/fake-store';
import { normalizeCustomer, normalizeOrder } from '../../src/main/core/normalize';
import { redactSecrets } from '../helpers/redact-secrets';
import { ORDER_INCLUDES } from '../../src/main/core/sync';
import { addTestStore, count, makeOrder, SP, tempDb, type TempDb } from './helpers';

const INCLUDES = new Set<string>(ORDER_INCLUDES);

let t: TempDb;
beforeEach(() => {
  t = tempDb();
  addTestStore(t.db);
});
afterEach(() => t.close());

const RELATION_TABLES = ['orders', 'order_items', 'order_addresses', 'customers', 'orders_fts'];
const rowCounts = () =>
  Object.fromEntries(RELATION_TABLES.map((table) => [table, count(t.db, `SELECT count(*) AS n FROM ${table}`)]));
const fullSync = (nextPage: number) => ({
  nextPage,
  pageSize: 100,
  totalPages: 3,
  startedAt: '2024-05-01T00:00:00.000Z',
});
/** Page `page`'s checkpoint: the next page to ask for is the one after it. */
const checkpoint = (page: number) => ({ page, patch: { fullSync: fullSync(page + 1) } });
/** A full sync that has not written a page yet, as SyncRun records it before the first request. */
const startFullSync = (resource: 'orders' | 'customers') =>
  writeSyncState(t.db, 'store-a', resource, { fullSync: fullSync(1) });

describe('writeOrderPage', () => {
  it('is idempotent: writing the same page twice leaves the same rows', () => {
    const orders = [makeOrder(1), makeOrder(2), makeOrder(3)];
    startFullSync('orders');
    writeOrderPage(
      t.db,
      'store-a',
      orders,
      orders.map((o) => ({ id: o.id })),
      [],
      checkpoint(1),
    );
    const first = rowCounts();
    expect(first).toMatchObject({
      orders: 3,
      order_items: 6,
      order_addresses: 3,
      orders_fts: 3,
    });
    // Written again as the catch-up pass re-reads it (no checkpoint).
    writeOrderPage(
      t.db,
      'store-a',
      orders,
      orders.map((o) => ({ id: o.id })),
      [],
      null,
    );
    expect(rowCounts()).toEqual(first);
  });

  it('replaces an order’s relations when it is written again', () => {
    const order = makeOrder(1);
    writeOrderPage(t.db, 'store-a', [order], [{}], [], null);
    const changed = makeOrder(1, {
      items: [order.items[0]],
      statusHistory: [],
      status: { alias: 'delivered', name: 'Entregue', id: 9 },
      totalCents: 1,
    });
    writeOrderPage(t.db, 'store-a', [changed], [{}], [], null);
    const detail = getOrderDetail(t.db, 'store-a', 1);
    // A raw record that does not read as the order: the detail is what the columns and relation tables hold.
    expect(detail?.order).toEqual({ ...changed, transactions: [], statusHistory: [] });
    expect(count(t.db, 'SELECT count(*) AS n FROM order_items')).toBe(1);
  });

  it('reads the order back from its raw record, status history and transactions too, with the record itself', () => {
    const record = presentOrder(new StoreModel({ seed: 5, orders: 3, customers: 2 }).order(0), INCLUDES);
    const order = normalizeOrder(record, { storeId: 'store-a', storeZone: SP }).order!;
    expect(order.statusHistory.length).toBeGreaterThan(0);
    expect(order.transactions.length).toBeGreaterThan(0);
    writeOrderPage(t.db, 'store-a', [order], [record], [], null);
    const detail = getOrderDetail(t.db, 'store-a', order.id);
    expect(detail?.order).toEqual(order);
    expect(detail?.raw).toEqual(redactSecrets(record));
  });

  it('reads back every column of an order whose raw record does not read as it, with the record', () => {
    const order = makeOrder(7, {
      promocode: { id: 3, code: 'BEMVINDO' },
      parseProblems: ['value_tax: expected an amount in reais, got object'],
    });
    writeOrderPage(t.db, 'store-a', [order], [{ id: 8, anything: ['as', 'sent'] }], [], null);
    const detail = getOrderDetail(t.db, 'store-a', 7);
    expect(detail?.order).toEqual({ ...order, transactions: [], statusHistory: [] });
    expect(detail?.raw).toEqual({ id: 8, anything: ['as', 'sent'] });
    expect(detail?.review).toEqual({ reviewed: false, flagged: false, note: '', updatedAt: null });
    expect(getOrderDetail(t.db, 'store-a', 8)).toBeNull();
  });

  it('keeps the review state when a sync writes the same order again', () => {
    writeOrderPage(t.db, 'store-a', [makeOrder(1)], [{}], [], null);
    setReview(t.db, 'store-a', 1, { reviewed: true, flagged: true, note: 'cliente pediu troca' });
    writeOrderPage(t.db, 'store-a', [makeOrder(1, { totalCents: 5 })], [{}], [], null);
    const detail = getOrderDetail(t.db, 'store-a', 1);
    expect(detail?.order.totalCents).toBe(5);
    expect(detail?.review).toMatchObject({ reviewed: true, flagged: true, note: 'cliente pediu troca' });
  });

  it('writes the checkpoint with the page, and neither when the page fails', () => {
    startFullSync('orders');
    writeOrderPage(t.db, 'store-a', [makeOrder(1)], [{}], [], checkpoint(1));
    expect(readSyncState(t.db, 'store-a', 'orders').fullSync?.nextPage).toBe(2);
    const foreign = makeOrder(3, {}, 'store-b');
    expect(() => writeOrderPage(t.db, 'store-a', [makeOrder(2), foreign], [{}, {}], [], checkpoint(2))).toThrow();
    expect(readSyncState(t.db, 'store-a', 'orders').fullSync?.nextPage).toBe(2);
    expect(count(t.db, 'SELECT count(*) AS n FROM orders')).toBe(1);
  });

  it('refuses a page the checkpoint does not expect, writing none of it: a page sent after a failed one never steps over it', () => {
    startFullSync('orders');
    writeOrderPage(t.db, 'store-a', [makeOrder(1)], [{}], [], checkpoint(1));
    // Page 2 failed; page 3 was already on its way to the writer.
    expect(() => writeOrderPage(t.db, 'store-a', [makeOrder(3)], [{}], [], checkpoint(3))).toThrow(/expects page 2/);
    expect(readSyncState(t.db, 'store-a', 'orders').fullSync?.nextPage).toBe(2);
    expect(count(t.db, 'SELECT count(*) AS n FROM orders')).toBe(1);
    // The same holds for the customers list, whose last page ends the full sync.
    startFullSync('customers');
    const { customer } = normalizeCustomer(
      { id: 9, name: 'Nove' },
      { storeId: 'store-a', storeZone: 'America/Sao_Paulo' },
    );
    const done = { page: 2, patch: { fullSync: null, fullSyncDoneAt: '2024-05-01T01:00:00.000Z' } };
    expect(() => writeCustomers(t.db, 'store-a', [customer!], [{ id: 9 }], [], done)).toThrow(/expects page 1/);
    expect(readSyncState(t.db, 'store-a', 'customers')).toMatchObject({
      fullSync: { nextPage: 1 },
      fullSyncDoneAt: null,
    });
    expect(count(t.db, 'SELECT count(*) AS n FROM customers WHERE id = 9')).toBe(0);
  });

  it('refuses raw records that do not pair with the orders', () => {
    expect(() => writeOrderPage(t.db, 'store-a', [makeOrder(1)], [], [], null)).toThrow(/raw records/);
  });

  it('keeps unreadable records raw, once per distinct record, and forgets them when they read', () => {
    const bad = { id: 42, value_total: { nonsense: true } };
    const noId = { number: 'x' };
    writeOrderPage(
      t.db,
      'store-a',
      [],
      [],
      [
        { raw: bad, problems: ['id: unreadable'] },
        { raw: noId, problems: ['id: missing'] },
      ],
      null,
    );
    writeOrderPage(t.db, 'store-a', [], [], [{ raw: bad, problems: ['id: unreadable'] }], null);
    expect(countUnreadable(t.db, 'store-a')).toEqual({ orders: 2, customers: 0 });
    expect(listUnreadable(t.db, 'store-a', 'order').map((r) => [r.recordId, r.raw, r.problems])).toEqual([
      [42, bad, ['id: unreadable']],
      [null, noId, ['id: missing']],
    ]);
    writeOrderPage(t.db, 'store-a', [makeOrder(42)], [{ id: 42 }], [], null);
    expect(countUnreadable(t.db, 'store-a')).toEqual({ orders: 1, customers: 0 });
  });

  it('never stores customer credentials found in the raw record', () => {
    writeOrderPage(
      t.db,
      'store-a',
      [makeOrder(1)],
      [{ id: 1, customer: { data: { id: 5, token: 's3cr3t', login_url: 'https://x/login?t=s3cr3t' } } }],
      [],
      null,
    );
    const stored = storedRawJson(t.db.prepare('SELECT raw, raw_deflated FROM orders').get() as OrderRow);
    expect(stored).not.toContain('s3cr3t');
    expect(JSON.parse(stored)).toEqual({ id: 1, customer: { data: { id: 5 } } });
  });

  it('creates a customer row from the order, which the customers sync then overrides and a later order does not', () => {
    writeOrderPage(t.db, 'store-a', [makeOrder(1)], [{}], [], null);
    const customerId = makeOrder(1).customer?.id as number;
    expect(t.db.prepare('SELECT source, name, order_count FROM customers WHERE id = ?').get(customerId)).toEqual({
      source: 'order',
      name: 'Cliente 1',
      order_count: 1,
    });
    const { customer } = normalizeCustomer(
      { id: customerId, name: 'Cliente Um (API)', email: 'um@example.com' },
      { storeId: 'store-a', storeZone: 'America/Sao_Paulo' },
    );
    startFullSync('customers');
    writeCustomers(t.db, 'store-a', [customer!], [{ id: customerId }], [], {
      page: 1,
      patch: { counts: { customers: 1 } },
    });
    writeOrderPage(t.db, 'store-a', [makeOrder(6)], [{}], [], null);
    expect(t.db.prepare('SELECT source, name, order_count FROM customers WHERE id = ?').get(customerId)).toEqual({
      source: 'api',
      name: 'Cliente Um (API)',
      order_count: 2,
    });
    expect(readSyncState(t.db, 'store-a', 'customers').counts).toEqual({ customers: 1 });
  });

  it('moves an order’s count to its new customer when the order changes hands', () => {
    writeOrderPage(t.db, 'store-a', [makeOrder(1)], [{}], [], null);
    const moved = makeOrder(1, { customer: { id: 999, name: 'Outra', email: null, taxId: null, phone: null } });
    writeOrderPage(t.db, 'store-a', [moved], [{}], [], null);
    expect(t.db.prepare('SELECT id, order_count FROM customers ORDER BY id').all()).toEqual([
      { id: 501, order_count: 0 },
      { id: 999, order_count: 1 },
    ]);
  });
});

describe('order_status_totals', () => {
  it('stays equal to a real count through inserts, re-writes, status changes and deletions', () => {
    const statuses = ['paid', 'delivered', 'cancelled'];
    const at = (id: number, round: number) =>
      makeOrder(id, {
        status:
          (id + round) % 4 === 0 ? null : { alias: statuses[(id * (round + 1)) % 3], name: `n${round}`, id: null },
      });
    const actual = () =>
      t.db
        .prepare(
          "SELECT coalesce(status_alias, '') AS a, count(*) AS n FROM orders WHERE store_id = 'store-a' GROUP BY 1 ORDER BY 1",
        )
        .all();
    const kept = () =>
      t.db
        .prepare("SELECT status_alias AS a, n FROM order_status_totals WHERE store_id = 'store-a' AND n > 0 ORDER BY 1")
        .all();
    for (let round = 0; round < 4; round += 1) {
      const page = Array.from({ length: 12 }, (_, i) => at(i + 1 + round * 3, round));
      writeOrderPage(
        t.db,
        'store-a',
        page,
        page.map(() => ({})),
        [],
        null,
      );
      expect(kept()).toEqual(actual());
    }
    t.db.prepare("DELETE FROM orders WHERE store_id = 'store-a' AND id % 2 = 0").run();
    expect(kept()).toEqual(actual());
    expect(t.db.prepare("SELECT status_name FROM order_status_totals WHERE status_alias = 'paid'").get()).toEqual({
      status_name: 'n3',
    });
  });
});

describe('writeCustomers', () => {
  it('is idempotent and keeps unreadable customers', () => {
    const ctx = { storeId: 'store-a', storeZone: 'America/Sao_Paulo' };
    const raws = [
      { id: 1, name: 'Ana' },
      { id: 2, name: 'Bia', token: 'nope' },
    ];
    const customers = raws.map((r) => normalizeCustomer(r, ctx).customer!);
    for (let i = 0; i < 2; i += 1)
      writeCustomers(t.db, 'store-a', customers, raws, [{ raw: { name: 'sem id' }, problems: ['id: missing'] }], null);
    expect(count(t.db, 'SELECT count(*) AS n FROM customers')).toBe(2);
    expect(count(t.db, 'SELECT count(*) AS n FROM customers_fts')).toBe(2);
    expect(countUnreadable(t.db, 'store-a')).toEqual({ orders: 0, customers: 1 });
    const stored = t.db.prepare('SELECT raw, raw_deflated FROM customers ORDER BY id').all() as CustomerRow[];
    expect(stored.map((row) => storedRawJson(row))).toEqual(['{"id":1,"name":"Ana"}', '{"id":2,"name":"Bia"}']);
  });
});
