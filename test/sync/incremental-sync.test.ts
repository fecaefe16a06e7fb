import { afterEach, describe, expect, it } from 'vitest';
import { readSyncState } from '../../src/main/core/db/sync-state-repo';
import { cacheDifferences } from './expect-cache';
import { syncFixture, type SyncFixture } from './helpers';

let fx: SyncFixture | null = null;
afterEach(async () => {
  await fx?.dispose();
  fx = null;
});

const statusOf = (fx: SyncFixture, id: number): string =>
  (fx.core.db.prepare('SELECT status_alias FROM orders WHERE store_id = ? AND id = ?').get(fx.store.id, id) as { status_alias: string }).status_alias;

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
    const current = (id: number): string => fx!.fake.model.currentStatus(fx!.fake.model.orderIndexOfId(id)!);
    for (const id of [...added, ...advanced.map((c) => c.id), ...cancelled.map((c) => c.id)]) expect(statusOf(fx, id)).toBe(current(id));
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
    expect(cacheDifferences(fx.core.db, fx.store.id, fx.fake.model)).toEqual([]);
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
    const newest = fx.core.db.prepare('SELECT customer_id FROM orders ORDER BY created_utc DESC LIMIT 1').get() as { customer_id: number };
    // As if the customer list had never returned this customer: only the order's summary is cached.
    fx.core.db.prepare("UPDATE customers SET source = 'order', raw = NULL WHERE id = ?").run(newest.customer_id);
    const before = fx.fake.stats.requests['customers.show'] ?? 0;
    expect((await fx.core.sync.run(fx.store.id, 'incremental', { credentials: fx.credentials })).ok).toBe(true);
    expect((fx.fake.stats.requests['customers.show'] ?? 0) - before).toBe(1);
    const row = fx.core.db.prepare('SELECT source, raw FROM customers WHERE id = ?').get(newest.customer_id) as { source: string; raw: string | null };
    expect(row.source).toBe('api');
    expect(cacheDifferences(fx.core.db, fx.store.id, fx.fake.model)).toEqual([]);
  });

  it('adopts the time zone the orders are stamped in', async () => {
    fx = await syncFixture({ orders: 120 });
    fx.core.db.prepare('UPDATE stores SET time_zone = ? WHERE id = ?').run('America/Manaus', fx.store.id);
    expect((await fx.core.sync.run(fx.store.id, 'full', { credentials: fx.credentials })).ok).toBe(true);
    expect((await fx.core.stores.get(fx.store.id)).timeZone).toBe('America/Sao_Paulo');
  });
});
