import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeOrderPage } from '../../src/main/core/db';
import { prepareOrders } from '../../src/main/core/sync/page-prepare';
import { writeOrderRecords } from '../../src/main/core/sync/page-writer';
import { addTestStore, SP, tempDb, type TempDb } from '../db/helpers';
import { orderRecord } from './reference-records';

const ctx = { storeId: 'store-a', storeZone: SP, arrivalRun: null };

let t: TempDb;
beforeEach(() => {
  t = tempDb();
  addTestStore(t.db);
});
afterEach(() => t.close());

/** Marks every stored item name, so a rewrite of an order's relations shows (it restores the names). */
function markItems(): void {
  t.db.exec(`UPDATE order_items SET name = 'marked'`);
}
const itemNames = (orderId: number): string[] =>
  (
    t.db
      .prepare('SELECT i.name FROM order_items i JOIN orders o ON o.pk = i.order_pk WHERE o.id = ? ORDER BY i.position')
      .all(orderId) as { name: string }[]
  ).map((r) => r.name);
const syncedAt = (orderId: number): string =>
  (t.db.prepare('SELECT synced_at FROM orders WHERE id = ?').get(orderId) as { synced_at: string }).synced_at;

describe('an order read again', () => {
  it('is left as written when nothing about it changed, but for when it was last seen', async () => {
    writeOrderRecords(t.db, ctx, prepareOrders(ctx, [orderRecord(1), orderRecord(2)]), null);
    markItems();
    const before = syncedAt(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const result = writeOrderRecords(t.db, ctx, prepareOrders(ctx, [orderRecord(1), orderRecord(2)]), null);
    expect(result).toMatchObject({ written: 2, newIds: [] });
    expect(itemNames(1).every((name) => name === 'marked')).toBe(true);
    expect(syncedAt(1) > before).toBe(true);
  });

  it('is written again when its record changed, and only that one', () => {
    writeOrderRecords(t.db, ctx, prepareOrders(ctx, [orderRecord(1), orderRecord(2)]), null);
    markItems();
    writeOrderRecords(t.db, ctx, prepareOrders(ctx, [orderRecord(1, { value_total: 999.99 }), orderRecord(2)]), null);
    expect(itemNames(1).some((name) => name !== 'marked')).toBe(true);
    expect(itemNames(2).every((name) => name === 'marked')).toBe(true);
    const total = t.db.prepare('SELECT total_cents FROM orders WHERE id = 1').get() as { total_cents: number };
    expect(total.total_cents).toBe(99_999);
  });

  it('is written again when the store’s zone reads its wall times otherwise', () => {
    const wallTimes = orderRecord(1, { created_at: '2024-03-05 10:00:00', updated_at: '2024-03-05 10:00:00' });
    const inSaoPaulo = prepareOrders(ctx, [wallTimes]);
    const inManaus = prepareOrders({ ...ctx, storeZone: 'America/Manaus' }, [wallTimes]);
    expect(Buffer.from(inManaus.digests[0]).equals(Buffer.from(inSaoPaulo.digests[0]))).toBe(false);
    writeOrderRecords(t.db, ctx, inSaoPaulo, null);
    markItems();
    writeOrderRecords(t.db, { ...ctx, storeZone: 'America/Manaus' }, inManaus, null);
    expect(itemNames(1).some((name) => name !== 'marked')).toBe(true);
    const created = t.db.prepare('SELECT created_utc FROM orders WHERE id = 1').get() as { created_utc: string };
    expect(created.created_utc).toBe('2024-03-05T14:00:00.000Z');
  });

  it('is written again when it was written without a digest (before this version, or not by a sync)', () => {
    writeOrderPage(t.db, 'store-a', prepareOrders(ctx, [orderRecord(1)]).records, [orderRecord(1)], [], null);
    markItems();
    writeOrderRecords(t.db, ctx, prepareOrders(ctx, [orderRecord(1)]), null);
    expect(itemNames(1).some((name) => name !== 'marked')).toBe(true);
  });
});
