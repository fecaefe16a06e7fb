import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { Connectivity, SyncProgress } from '../../src/shared/domain/app';
import { listOrders } from '../../src/main/core/db';
import { readSyncState } from '../../src/main/core/db/sync-state-repo';
import { cacheDifferences } from './expect-cache';
import { syncFixture, type SyncFixture } from './helpers';

let fx: SyncFixture | null = null;
afterEach(async () => {
  await fx?.dispose();
  fx = null;
});

const orderCount = (f: SyncFixture): number =>
  (f.core.db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n;

describe('sync under failures', () => {
  it('completes through 5xx, resets, truncated and garbled bodies, latency spikes and 429 bursts, with the clean data', async () => {
    fx = await syncFixture({
      orders: 1000,
      customers: 300,
      faults: '5xx=0.2,reset=0.05,truncate=0.05,malformed=0.02,latency=0.1:200ms',
      rateLimit: { timeScale: 60, ordersPerMinute: 30 },
    });
    // Another program on the same IP spends the store's budget twice mid-sync: the sync meets bursts of 429s.
    const { url, headers } = {
      url: `${fx.fake.apiBaseUrl}/${fx.fake.alias}/orders?limit=1`,
      headers: { 'User-Token': fx.credentials.token, 'User-Secret-Key': fx.credentials.secret },
    };
    const volley = (): Promise<unknown> =>
      Promise.all(
        Array.from({ length: 40 }, () =>
          fetch(url, { headers })
            .then((r) => r.arrayBuffer())
            .catch(() => null),
        ),
      );
    // Three volleys 600 ms apart keep the budget spent for about two (one-second) windows: the sync requests meanwhile.
    const burst = async (): Promise<void> => {
      for (let i = 0; i < 3; i += 1) {
        await volley();
        await delay(600);
      }
    };
    const bursts: Promise<unknown>[] = [];
    fx.core.events.subscribeAll((event, payload) => {
      const pages = event === 'sync.progress' ? (payload as SyncProgress).pagesDone : 0;
      if ((pages >= 2 && bursts.length === 0) || (pages >= 6 && bursts.length === 1)) bursts.push(burst());
    });
    const { outcome, rateLimited } = await fx.core.sync.runWithReport(fx.store.id, 'full', {
      credentials: fx.credentials,
    });
    await Promise.all(bursts);
    expect(outcome.error).toBeNull();
    expect(outcome.ok).toBe(true);
    expect(cacheDifferences(fx.core.db, fx.store.id, fx.fake.model)).toEqual([]);
    const stats = fx.fake.stats;
    expect(stats.faults.error5xx + stats.faults.reset + stats.faults.truncate).toBeGreaterThan(0);
    // The sync itself met 429s, and its outcome counts the retries it made.
    expect(rateLimited).toBeGreaterThan(0);
    expect(outcome.retries).toBeGreaterThanOrEqual(rateLimited);
    expect(outcome.requests).toBeGreaterThan(outcome.retries);
  }, 60_000);

  it('reports OFFLINE when the store goes away mid-sync and keeps a readable cache', async () => {
    // Slow answers: the store goes away once the first page has said how long the list is, while the later pages
    // are on their way, so the list itself breaks off (the catch-up no longer waits for the list's writes, so a store
    // closed after 300 written orders could already have answered everything).
    fx = await syncFixture({ orders: 1000, faults: 'latency=1:1500ms' });
    const states: Connectivity[] = [];
    let closing: Promise<void> | null = null;
    fx.core.events.subscribeAll((event, payload) => {
      if (event === 'connectivity.changed') states.push(payload as Connectivity);
      if (event === 'sync.progress' && (payload as SyncProgress).orders.total !== null && closing === null)
        closing = fx!.fake.close();
    });
    const outcome = await fx.core.sync.run(fx.store.id, 'full', { credentials: fx.credentials });
    await closing;
    expect(outcome.ok).toBe(false);
    expect(outcome.error?.code).toBe('OFFLINE');
    expect(states.at(-1)?.state).toBe('offline');
    const cached = orderCount(fx);
    expect(cached).toBeGreaterThanOrEqual(100);
    expect(cached).toBeLessThan(1000);
    expect(cached % 100).toBe(0);
    expect(fx.core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(listOrders(fx.core.db, fx.store.id, { limit: 10 }).total).toBe(cached);
    expect(readSyncState(fx.core.db, fx.store.id, 'orders').fullSync?.nextPage).toBe(cached / 100 + 1);
    expect((await fx.core.stores.get(fx.store.id)).lastError).toBeTruthy();
  }, 60_000);

  it('says OFFLINE at once when the store cannot be reached, with no progress shown meanwhile', async () => {
    fx = await syncFixture({ orders: 300 });
    await fx.fake.close();
    const progress: SyncProgress[] = [];
    fx.core.events.subscribeAll((event, payload) => {
      if (event === 'sync.progress') progress.push(payload as SyncProgress);
    });
    const outcome = await fx.core.sync.run(fx.store.id, 'full', { credentials: fx.credentials });
    expect(outcome.error?.code).toBe('OFFLINE');
    expect(progress).toEqual([]);
    // The client's own attempts at the first request of each list (4 each, the two lists at once), and no further
    // rounds of them on top (3 rounds would make it at least 9).
    expect(outcome.requests).toBeLessThanOrEqual(8);
  });

  it('reports AUTH_INVALID for wrong credentials and deletes nothing', async () => {
    fx = await syncFixture({ orders: 300 });
    expect((await fx.core.sync.run(fx.store.id, 'full', { credentials: fx.credentials })).ok).toBe(true);
    const before = orderCount(fx);
    const customers = (fx.core.db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
    const outcome = await fx.core.sync.run(fx.store.id, 'auto', {
      credentials: { token: 'wrong-token-0000', secret: 'wrong-secret-0000' },
    });
    expect(outcome).toMatchObject({ ok: false, cancelled: false, mode: 'incremental' });
    expect(outcome.error?.code).toBe('AUTH_INVALID');
    expect(orderCount(fx)).toBe(before);
    expect((fx.core.db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n).toBe(customers);
    expect(cacheDifferences(fx.core.db, fx.store.id, fx.fake.model)).toEqual([]);
    expect(await fx.core.stores.get(fx.store.id)).toMatchObject({ credentialsOk: false });
    // Kept as the code and params, for each screen to say in its own language.
    expect((await fx.core.stores.summary(fx.store.id)).lastError).toEqual(outcome.error);
  });
});
