import { afterEach, describe, expect, it } from 'vitest';
import { readSyncState } from '../../src/main/core/db/sync-state-repo';
import { presentCustomer } from '../../src/main/core/fake-store';
import { redactSecrets } from '../helpers/redact-secrets';
import { cacheDifferences } from './expect-cache';
import { syncFixture, type SyncFixture } from './helpers';
import { storedRawJson } from '../../src/main/core/db/raw-json';

let fx: SyncFixture | null = null;
afterEach(async () => {
  await fx?.dispose();
  fx = null;
});

const statusOf = (fx: SyncFixture, id: number): string =>
  (
    fx.core.db.prepare('SELECT status_alias FROM orders WHERE store_id = ? AND id = ?').get(fx.store.id, id) as {
      status_alias: string;
    }
  ).status_alias;

describe('incremental sync', () => {
  it('brings new orders and status changes of open orders, with a fraction of the requests', async () => {
    fx = await syncFixture({ orders: 1500, customers: 400 });
    const full = await fx.core.sync.run(fx.store.id, 'auto', { credentials: fx.credentials });
    expect(full).toMatchObject({ ok: true, mode: 'full' });
    const hwmBefore = readSyncState(fx.core.db, fx.store.id, 'orders').highWaterMark;

    const added = fx.fake.control.addOrders(7);
    const advanced = fx.fake.control.advanceOrders(25);
    const cancelled = fx.fake.control.cancelOrders(5);
    expect(advanced.length).toBeGreaterThan(10);
    expect(cancelled.length).toBe(5);
    // The cache is stale before the incremental run: the comparison below can fail.
    expect(cacheDifferences(fx.core.db, fx.store.id, fx.fake.model).length).toBeGreaterThan(0);

    const incremental = await fx.core.sync.run(fx.store.id, 'auto', { credentials: fx.credentials });
    expect(incremental).toMatchObject({ ok: true, mode: 'incremental' });
    expect(cacheDifferences(fx.core.db, fx.store.id, fx.fake.model)).toEqual([]);
    // Exactly the orders the store added are new (the advanced and cancelled ones were cached already).
    const addedDesc = [...added].sort((a, b) => b - a);
    expect(incremental.newOrders).toEqual({
      run: 1,
      count: 7,
      ids: addedDesc,
      minId: addedDesc.at(-1),
      maxId: addedDesc[0],
    });
    // The first sync brought every order; its ids are capped, its count is not.
    expect(full.newOrders.count).toBe(1500);
    expect(full.newOrders.ids).toHaveLength(1000);
    const current = (id: number): string => fx!.fake.model.currentStatus(fx!.fake.model.orderIndexOfId(id)!);
    for (const id of [...added, ...advanced.map((c) => c.id), ...cancelled.map((c) => c.id)])
      expect(statusOf(fx, id)).toBe(current(id));
    for (const change of cancelled) expect(statusOf(fx, change.id)).toBe('cancelled');
    expect(readSyncState(fx.core.db, fx.store.id, 'orders').highWaterMark! > hwmBefore!).toBe(true);
    // The window covers the open orders (about two weeks of a 120-day store) and the new ones, not the store.
    expect(incremental.requests).toBeLessThan(full.requests / 3);

    // A second round, then a run with nothing new: both exact, the last one idempotent.
    fx.fake.control.advanceOrders(10);
    fx.fake.control.addOrders(2);
    expect((await fx.core.sync.run(fx.store.id, 'incremental', { credentials: fx.credentials })).ok).toBe(true);
    expect(cacheDifferences(fx.core.db, fx.store.id, fx.fake.model)).toEqual([]);
    const again = await fx.core.sync.run(fx.store.id, 'incremental', { credentials: fx.credentials });
    expect(again.ok).toBe(true);
    expect(again.newOrders).toEqual({ run: 3, count: 0, ids: [], minId: null, maxId: null });
    expect(cacheDifferences(fx.core.db, fx.store.id, fx.fake.model)).toEqual([]);
  });

  it('re-reads open orders older than the window a few per run, and moves past one the store no longer returns', async () => {
    fx = await syncFixture({ orders: 1500, customers: 400 });
    expect((await fx.core.sync.run(fx.store.id, 'full', { credentials: fx.credentials })).ok).toBe(true);
    const db = fx.core.db;
    const hwm = readSyncState(db, fx.store.id, 'orders').highWaterMark!;
    const windowStart = new Date(Date.parse(hwm) - 45 * 86_400_000).toISOString();
    // As if 25 orders well before the window had been open when last read: the store has them final by now.
    const stale = (
      db
        .prepare(
          "SELECT id FROM orders WHERE store_id = ? AND created_utc < ? AND status_alias = 'delivered' ORDER BY id LIMIT 25",
        )
        .all(fx.store.id, windowStart) as {
        id: number;
      }[]
    ).map((r) => r.id);
    expect(stale).toHaveLength(25);
    // Written from another record than the store's now: its digest says so (db/orders-write.ts).
    const reopen = db.prepare(
      `UPDATE orders SET status_alias = 'on_carriage', status_name = 'Em transporte', write_digest = x'00'
       WHERE store_id = ? AND id = ?`,
    );
    for (const id of stale) reopen.run(fx.store.id, id);
    // And one the store no longer returns, checked longest ago.
    const gone = 987_654_321;
    db.prepare(
      `INSERT INTO orders (store_id, id, status_alias, created_utc, created_zone, raw, synced_at)
       VALUES (?, ?, 'on_carriage', ?, 'America/Sao_Paulo', '{}', '2000-01-01T00:00:00.000Z')`,
    ).run(fx.store.id, gone, new Date(Date.parse(windowStart) - 86_400_000).toISOString());
    const reads = () => fx!.fake.stats.requests['orders.show'] ?? 0;
    const stillOpen = () => stale.filter((id) => statusOf(fx!, id) === 'on_carriage').length;

    const before = reads();
    expect((await fx.core.sync.run(fx.store.id, 'incremental', { credentials: fx.credentials })).ok).toBe(true);
    // At most 20 by id per run (DEFAULT_SYNC_SETTINGS.staleOpenPerRun): the missing one and 19 of the 25.
    expect(reads() - before).toBe(20);
    expect(stillOpen()).toBe(6);
    const goneRow = db
      .prepare('SELECT status_alias, synced_at FROM orders WHERE store_id = ? AND id = ?')
      .get(fx.store.id, gone) as { status_alias: string; synced_at: string };
    expect(goneRow.status_alias).toBe('on_carriage');
    expect(goneRow.synced_at > '2000-01-01T00:00:00.000Z').toBe(true);

    expect((await fx.core.sync.run(fx.store.id, 'incremental', { credentials: fx.credentials })).ok).toBe(true);
    expect(stillOpen()).toBe(0);
    db.prepare('DELETE FROM orders WHERE store_id = ? AND id = ?').run(fx.store.id, gone);
    expect(cacheDifferences(db, fx.store.id, fx.fake.model)).toEqual([]);
  });

  it('runs a full sync when asked for an incremental one before any full sync completed', async () => {
    fx = await syncFixture({ orders: 120 });
    const outcome = await fx.core.sync.run(fx.store.id, 'incremental', { credentials: fx.credentials });
    expect(outcome).toMatchObject({ ok: true, mode: 'full' });
    expect(cacheDifferences(fx.core.db, fx.store.id, fx.fake.model)).toEqual([]);
  });

  it('reads in full a customer known only from the orders it re-reads', async () => {
    fx = await syncFixture({ orders: 300 });
    expect((await fx.core.sync.run(fx.store.id, 'full', { credentials: fx.credentials })).ok).toBe(true);
    const newest = fx.core.db.prepare('SELECT customer_id FROM orders ORDER BY created_utc DESC LIMIT 1').get() as {
      customer_id: number;
    };
    // As if the customer list had never returned this customer: only the order's summary is cached.
    fx.core.db
      .prepare("UPDATE customers SET source = 'order', raw = NULL, raw_deflated = NULL WHERE id = ?")
      .run(newest.customer_id);
    const before = fx.fake.stats.requests['customers.show'] ?? 0;
    expect((await fx.core.sync.run(fx.store.id, 'incremental', { credentials: fx.credentials })).ok).toBe(true);
    expect((fx.fake.stats.requests['customers.show'] ?? 0) - before).toBe(1);
    const row = fx.core.db
      .prepare('SELECT source, raw, raw_deflated FROM customers WHERE id = ?')
      .get(newest.customer_id) as { source: string; raw: string | null; raw_deflated: Uint8Array | null };
    expect(row.source).toBe('api');
    // The record itself, as the list gives it: not the by-id read's `{ data: … }` envelope.
    const index = fx.fake.model.customerIndexOfId(newest.customer_id)!;
    expect(storedRawJson(row)).toBe(
      JSON.stringify(redactSecrets(presentCustomer(fx.fake.model.customer(index), new Set()))),
    );
    expect(cacheDifferences(fx.core.db, fx.store.id, fx.fake.model)).toEqual([]);
  });

  it('adopts the time zone the orders are stamped in', async () => {
    fx = await syncFixture({ orders: 120 });
    fx.core.db.prepare('UPDATE stores SET time_zone = ? WHERE id = ?').run('America/Manaus', fx.store.id);
    expect((await fx.core.sync.run(fx.store.id, 'full', { credentials: fx.credentials })).ok).toBe(true);
    expect((await fx.core.stores.get(fx.store.id)).timeZone).toBe('America/Sao_Paulo');
  });
});
