import { afterEach, describe, expect, it } from 'vitest';
import type { SyncOutcome, SyncProgress } from '../../src/shared/domain/app';
import { readSyncState } from '../../src/main/core/db/sync-state-repo';
import { countUnreadable } from '../../src/main/core/db/unreadable-repo';
import { cacheDifferences } from './expect-cache';
import { startFakeStore } from '../../src/main/core/fake-store';
import { END_AT, syncFixture, type SyncFixture } from './helpers';

let fx: SyncFixture | null = null;
afterEach(async () => {
  await fx?.dispose();
  fx = null;
});

describe('full sync', () => {
  it('caches exactly the store, with progress events and a finished outcome', async () => {
    fx = await syncFixture();
    const progress: SyncProgress[] = [];
    const finished: SyncOutcome[] = [];
    fx.core.events.subscribeAll((event, payload) => {
      if (event === 'sync.progress') progress.push(payload as SyncProgress);
      if (event === 'sync.finished') finished.push(payload as SyncOutcome);
    });
    const outcome = await fx.core.sync.run(fx.store.id, 'auto', { credentials: fx.credentials });
    expect(outcome).toMatchObject({
      ok: true,
      mode: 'full',
      cancelled: false,
      error: null,
      ordersWritten: expect.any(Number) as number,
    });
    expect(cacheDifferences(fx.core.db, fx.store.id, fx.fake.model)).toEqual([]);
    expect(finished).toEqual([outcome]);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ phase: 'done', etaSeconds: 0 });
    expect(progress.some((p) => p.pagesTotal !== null && p.pagesTotal >= 7)).toBe(true);
    // Both lists page at once, each counted apart against the size the store gives.
    expect(progress.some((p) => p.customers.done > 0 && p.orders.done < 700)).toBe(true);
    expect(progress.findLast((p) => p.phase !== 'done')).toMatchObject({
      orders: { done: 700, total: 700 },
      customers: { done: 250, total: 250 },
    });
    const state = readSyncState(fx.core.db, fx.store.id, 'orders');
    expect(state.fullSync).toBeNull();
    expect(state.fullSyncDoneAt).not.toBeNull();
    expect(state.highWaterMark).not.toBeNull();
    // 7 order pages + 1 empty-or-last check, 3 customer pages, and a short catch-up window.
    expect(outcome.requests).toBeLessThan(7 + 3 + 10);
    await expect(fx.core.stores.get(fx.store.id)).resolves.toMatchObject({
      lastSyncAt: outcome.finishedAt,
      lastError: null,
    });
  });

  it('resumes from its checkpoint after a lost connection, never repeating or skipping a page', async () => {
    // Slow answers: the store goes away as soon as the list's second page has been asked for, while it and the pages
    // after it wait out their latency (all of them asked for at once), so the list itself breaks off after page 1.
    fx = await syncFixture({ faults: 'latency=1:1500ms' });
    const port = new URL(fx.fake.url).port;
    let closing: Promise<void> | null = null;
    const watch = setInterval(() => {
      if (closing === null && (fx!.fake.stats.requests['orders.list'] ?? 0) >= 2) closing = fx!.fake.close();
    }, 5);
    const first = await fx.core.sync.run(fx.store.id, 'auto', { credentials: fx.credentials });
    clearInterval(watch);
    await closing;
    expect(first.ok).toBe(false);
    expect(first.error?.code).toBe('OFFLINE');
    const checkpoint = readSyncState(fx.core.db, fx.store.id, 'orders').fullSync;
    const cached = (fx.core.db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n;
    expect(cached).toBe(100);
    expect(checkpoint?.nextPage).toBe(cached / 100 + 1);

    // The same store comes back on the same address.
    fx.fake = await startFakeStore({
      seed: 11,
      orders: 700,
      customers: 250,
      endAt: END_AT,
      port: Number(port),
      token: fx.credentials.token,
      secret: fx.credentials.secret,
      rateLimit: { timeScale: 60 },
    });
    const second = await fx.core.sync.run(fx.store.id, 'auto', { credentials: fx.credentials });
    expect(second).toMatchObject({ ok: true, mode: 'full' });
    expect(cacheDifferences(fx.core.db, fx.store.id, fx.fake.model)).toEqual([]);
    // Only the pages after the checkpoint, plus the catch-up window: the pages already cached are not read again.
    const listed = fx.fake.stats.requests['orders.list'] ?? 0;
    expect(listed).toBeLessThanOrEqual(7 - cached / 100 + 2);
    expect((await fx.core.stores.get(fx.store.id)).lastError).toBeNull();
  });

  it('a cancelled sync keeps what it wrote and says so', async () => {
    fx = await syncFixture({ orders: 2000, rateLimit: { timeScale: 60 }, faults: 'latency=1:150ms' });
    const events: SyncProgress[] = [];
    let doneAtCancel: number | null = null;
    fx.core.events.subscribeAll((event, payload) => {
      if (event !== 'sync.progress') return;
      events.push(payload as SyncProgress);
      if (doneAtCancel === null && (payload as SyncProgress).orders.done >= 200) {
        doneAtCancel = (payload as SyncProgress).orders.done;
        fx?.core.sync.cancel(fx.store.id);
      }
    });
    const outcome = await fx.core.sync.run(fx.store.id, 'full', { credentials: fx.credentials });
    expect(outcome).toMatchObject({ ok: false, cancelled: true, error: null });
    const cached = (fx.core.db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n;
    // What was written stays; of the rest, only the pages already handed to the writer (3 at most) land.
    expect(doneAtCancel).not.toBeNull();
    expect(cached).toBeGreaterThanOrEqual(doneAtCancel!);
    expect(cached).toBeLessThanOrEqual(doneAtCancel! + 300);
    expect(cached).toBeLessThan(2000);
    expect(readSyncState(fx.core.db, fx.store.id, 'orders').fullSync?.nextPage).toBe(cached / 100 + 1);
    expect(fx.core.sync.isRunning(fx.store.id)).toBe(false);
  });

  it('a second run for a running store joins it instead of starting another', async () => {
    fx = await syncFixture();
    const a = fx.core.sync.run(fx.store.id, 'full', { credentials: fx.credentials });
    expect(fx.core.sync.isRunning(fx.store.id)).toBe(true);
    const b = fx.core.sync.run(fx.store.id, 'full', { credentials: fx.credentials });
    const [ra, rb] = await Promise.all([a, b]);
    expect(rb).toBe(ra);
    expect(fx.fake.stats.requests['orders.list']).toBeLessThan(20);
  });

  it('stores a record the normaliser cannot read raw, counted and visible', async () => {
    fx = await syncFixture({ orders: 150 });
    // A purpose-built store: the orders list answers one record without an id among good ones.
    const original = globalThis.fetch;
    const broken = { number: 999999, status: { data: { alias: 'paid' } }, note: 'sem id' };
    globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await original(input, init);
      const url = String(input);
      if (!url.includes('/orders?') || !url.includes('page=1&') || url.includes('date=')) return response;
      const body = (await response.json()) as { data: unknown[] };
      body.data.push(broken);
      return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
    }) as typeof fetch;
    try {
      const outcome = await fx.core.sync.run(fx.store.id, 'full', { credentials: fx.credentials });
      expect(outcome.ok).toBe(true);
      expect(outcome.unreadable).toBe(1);
    } finally {
      globalThis.fetch = original;
    }
    expect(countUnreadable(fx.core.db, fx.store.id)).toEqual({ orders: 1, customers: 0 });
    const row = fx.core.db.prepare('SELECT raw, problems FROM unreadable_records').get() as {
      raw: string;
      problems: string;
    };
    expect(JSON.parse(row.raw)).toEqual(broken);
    expect(JSON.parse(row.problems)).toContain('id: missing');
    expect((fx.core.db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n).toBe(150);
  });
});
