import { afterEach, describe, expect, it } from 'vitest';
import type { Connectivity } from '../../src/shared/domain/app';
import { ConnectivityTracker } from '../../src/main/core/connectivity';
import { ConnectivityCheck, ONLINE_CHECK_MS } from '../../src/main/core/connectivity-check';
import { EventBus } from '../../src/main/core/events/event-bus';
import { startFakeStore, type FakeStore } from '../../src/main/core/fake-store';
import { redactor } from '../../src/main/core/log/redactor';
import { createStoreApiFactory } from '../../src/main/core/stores/store-api-factory';
import { createTestCore, type TestCore } from '../helpers/core';
import { END_AT } from './helpers';
import { ManualTimers } from './manual-timers';

const CREDENTIALS = { token: 'tok-CHECK-3e9a1c7b5d', secret: 'sec-CHECK-6d2f8b0a4e' };
const SHAPE = { seed: 2, orders: 50, customers: 10, endAt: END_AT, rateLimit: { timeScale: 60 }, ...CREDENTIALS };

let fake: FakeStore | null = null;
let core: TestCore | null = null;
let check: ConnectivityCheck | null = null;
afterEach(async () => {
  check?.stop();
  await core?.dispose();
  await fake?.close().catch(() => undefined);
  fake = core = check = null;
});

describe('the background connectivity check', () => {
  it('turns offline within the check interval after the store stops, and online again after it starts, with no action', async () => {
    fake = await startFakeStore(SHAPE);
    core = createTestCore({ apiBaseUrl: fake.apiBaseUrl });
    await core.stores.add({ alias: fake.alias, ...CREDENTIALS });
    const events = new EventBus();
    const seen: Connectivity[] = [];
    events.subscribeAll((event, payload) => {
      if (event === 'connectivity.changed') seen.push(payload as Connectivity);
    });
    const tracker = new ConnectivityTracker(events);
    const timers = new ManualTimers();
    let syncing = false;
    check = new ConnectivityCheck({
      tracker,
      stores: core.stores,
      apiFactory: createStoreApiFactory({ connectivity: tracker, redactor, rateLimit: { timeScale: 60 } }),
      syncing: () => syncing,
      log: core.log,
      timers,
    });
    const step = async (ms: number): Promise<void> => {
      timers.advance(ms);
      await check!.checkNow();
    };

    check.start();
    await check.checkNow();
    expect(tracker.current).toMatchObject({ state: 'online', nextCheckAt: null });
    const listed = fake.stats.requests['orders.list'] ?? 0;
    expect(listed).toBeGreaterThanOrEqual(1);

    const port = Number(new URL(fake.url).port);
    await fake.close();
    await step(ONLINE_CHECK_MS);
    // Offline at the next check, saying when it tries again.
    expect(tracker.current.state).toBe('offline');
    expect(tracker.current.nextCheckAt).toBe(new Date(timers.now() + 10_000).toISOString());
    await step(10_000);
    expect(tracker.current.nextCheckAt).toBe(new Date(timers.now() + 20_000).toISOString());

    fake = await startFakeStore({ ...SHAPE, port });
    await step(20_000);
    expect(tracker.current).toMatchObject({ state: 'online', nextCheckAt: null });
    // Offline, then each new retry time ("tentando de novo em 10 s", then 20 s), then online.
    expect(seen.map((c) => [c.state, c.nextCheckAt === null ? null : 'retry'])).toEqual([
      ['online', null],
      ['offline', null],
      ['offline', 'retry'],
      ['offline', 'retry'],
      ['online', null],
    ]);
    // The check is a real request through the rate limiter, counted by the store like any other.
    expect(fake.stats.requests['orders.list']).toBe(1);

    // While a sync runs, its own calls tell the state: no check is made.
    syncing = true;
    await step(ONLINE_CHECK_MS);
    expect(fake.stats.requests['orders.list']).toBe(1);
  });
});
