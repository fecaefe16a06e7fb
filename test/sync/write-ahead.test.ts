import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createStoreApi, type ApiEvent } from '../../src/main/core/api';
import { getStore } from '../../src/main/core/db/stores-repo';
import { readSyncState, type PageCheckpoint } from '../../src/main/core/db/sync-state-repo';
import type { WriteContext } from '../../src/main/core/sync/page-writer';
import type { PageRecords, PageSink } from '../../src/main/core/sync/page-sink';
import { ProgressTracker } from '../../src/main/core/sync/progress';
import { DEFAULT_SYNC_SETTINGS, ORDER_INCLUDES } from '../../src/main/core/sync/settings';
import { SyncRun } from '../../src/main/core/sync/sync-run';
import { WorkerSink, writerEntry } from '../../src/main/core/sync/worker-sink';
import { cacheDifferences } from './expect-cache';
import { syncFixture, type SyncFixture } from './helpers';

let fx: SyncFixture | null = null;
let writer: WorkerSink | null = null;
afterEach(async () => {
  await writer?.close();
  writer = null;
  await fx?.dispose();
  fx = null;
});

/**
 * The real writer thread, except that one page of the order list fails there: its rejection is held back until
 * the pages after it have been handed to the writer, as happens when a write fails while the sync reads ahead.
 */
function failingOnce(sink: WorkerSink, failPage: number, sentAfter: number): PageSink & { sent: number[] } {
  const sent: number[] = [];
  let laterPagesSent: () => void = () => undefined;
  const later = new Promise<void>((resolve) => (laterPagesSent = resolve));
  let failed = false;
  return {
    sent,
    async writeOrders(ctx: WriteContext, records: PageRecords, checkpoint: PageCheckpoint | null) {
      if (checkpoint !== null) sent.push(checkpoint.page);
      if (checkpoint?.page === failPage && !failed) {
        failed = true;
        await later;
        throw new Error(`page ${failPage} failed in the writer`);
      }
      const written = sink.writeOrders(ctx, records, checkpoint);
      if (checkpoint !== null && checkpoint.page >= failPage + sentAfter) laterPagesSent();
      return written;
    },
    writeCustomers: (ctx, records, checkpoint) => sink.writeCustomers(ctx, records, checkpoint),
    writeState: (storeId, resource, patch) => sink.writeState(storeId, resource, patch),
    setStoreZone: (storeId, zone) => sink.setStoreZone(storeId, zone),
    markOrdersChecked: (storeId, ids) => sink.markOrdersChecked(storeId, ids),
    repackRaw: (cursor) => sink.repackRaw(cursor),
    close: () => Promise.resolve(),
  };
}

/** A fake store, a core, the real writer thread on the core's file, and an API client of the store. */
async function withWriter(shape: { orders: number; customers: number }, onEvent?: (event: ApiEvent) => void) {
  fx = await syncFixture(shape);
  writer = new WorkerSink(fx.core.db.name, writerEntry()!);
  const api = createStoreApi({
    baseUrl: fx.fake.apiBaseUrl,
    alias: fx.fake.alias,
    credentials: fx.fake.credentials,
    rateLimit: { timeScale: 60 },
    ...(onEvent ? { onEvent } : {}),
  });
  return { ...fx, api, writer };
}

/** A full sync's run of the engine alone, through `sink`. */
function fullRun(f: Awaited<ReturnType<typeof withWriter>>, sink: PageSink): Promise<void> {
  return new SyncRun({
    db: f.core.db,
    sink,
    api: f.api,
    store: getStore(f.core.db, f.store.id)!,
    signal: new AbortController().signal,
    progress: new ProgressTracker({ storeId: f.store.id, mode: 'full', emit: () => undefined, retries: () => 0 }),
    settings: DEFAULT_SYNC_SETTINGS,
    log: f.core.log,
    now: () => new Date(),
    arrivalRun: null,
  }).full();
}

describe('pages handed to the writer ahead of their results', () => {
  it('never move the checkpoint past a page that failed: the next run resumes at it and ends with exactly the store', async () => {
    const f = await withWriter({ orders: 700, customers: 60 });
    const { core, store, fake, writer } = f;
    const runWith = (sink: PageSink): Promise<void> => fullRun(f, sink);

    const failing = failingOnce(writer, 2, 2);
    await expect(runWith(failing)).rejects.toThrow(/page 2 failed/);
    // Pages 3 and 4 reached the writer after page 2 and were refused there, page and checkpoint alike.
    expect(failing.sent).toEqual(expect.arrayContaining([1, 2, 3, 4]));
    expect(readSyncState(core.db, store.id, 'orders').fullSync?.nextPage).toBe(2);
    expect(
      (core.db.prepare('SELECT count(*) AS n FROM orders WHERE store_id = ?').get(store.id) as { n: number }).n,
    ).toBe(100);

    await runWith(writer);
    expect(cacheDifferences(core.db, store.id, fake.model)).toEqual([]);
  });
});

describe("a full sync's catch-up window", () => {
  it("goes out while the writer still takes the order list's last page, and is written after it", async () => {
    // 7 list pages of orders; every order request past them is the catch-up's.
    let orderRequests = 0;
    let catchUpAsked = (): void => undefined;
    const catchUpOut = new Promise<void>((resolve) => (catchUpAsked = resolve));
    const f = await withWriter({ orders: 700, customers: 60 }, (event) => {
      if (event.type === 'request' && event.group === 'orders' && ++orderRequests > 7) catchUpAsked();
    });
    const order: string[] = [];
    const sink: PageSink = {
      async writeOrders(ctx, records, checkpoint) {
        if (checkpoint?.page === 7) {
          // The list's last page lands only once the catch-up has asked for its own: waiting for this write first
          // would never end.
          await catchUpOut;
          order.push('last list page');
        } else if (checkpoint === null) order.push('catch-up page');
        return f.writer.writeOrders(ctx, records, checkpoint);
      },
      writeCustomers: (ctx, records, checkpoint) => f.writer.writeCustomers(ctx, records, checkpoint),
      writeState: (storeId, resource, patch) => f.writer.writeState(storeId, resource, patch),
      setStoreZone: (storeId, zone) => f.writer.setStoreZone(storeId, zone),
      markOrdersChecked: (storeId, ids) => f.writer.markOrdersChecked(storeId, ids),
      repackRaw: (cursor) => f.writer.repackRaw(cursor),
      close: () => Promise.resolve(),
    };
    await fullRun(f, sink);
    expect(order[0]).toBe('last list page');
    expect(order.slice(1).every((what) => what === 'catch-up page')).toBe(true);
    expect(order.length).toBeGreaterThan(1);
    expect(cacheDifferences(f.core.db, f.store.id, f.fake.model)).toEqual([]);
  });
});

describe('a page written while another connection writes', () => {
  it('waits for the lock, as busy_timeout promises, instead of failing at once', async () => {
    const { core, store, api, writer } = await withWriter({ orders: 100, customers: 40 });
    const page = await api.listOrders({ page: 1, limit: 100, include: ORDER_INCLUDES });
    // The writer thread up and answering first: the lock below must be held while it writes, not while it starts.
    await writer.writeState(store.id, 'orders', { counts: {} });
    // The main thread's own connection (removing a store, a review mark) holding the write lock for a moment.
    const other = new Database(core.db.name);
    other.exec('BEGIN IMMEDIATE');
    const released = new Promise<void>((resolve) =>
      setTimeout(() => {
        other.exec('COMMIT');
        resolve();
      }, 300),
    );
    try {
      // A page's transaction reads before it writes: as a deferred transaction its upgrade to a writer failed with
      // "database is locked" at once, without the busy handler's wait.
      const written = await writer.writeOrders(
        { storeId: store.id, storeZone: store.timeZone, arrivalRun: null },
        { listBody: page.bytes },
        null,
      );
      expect(written.written).toBe(100);
    } finally {
      await released;
      other.close();
    }
  });
});
