import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoreSummary, SyncOutcome } from '../../src/shared/domain/app';
import { startFakeStore, type FakeStore } from '../../src/main/core/fake-store';
import { memoryScheduleSettings, scheduleSettingsFile } from '../../src/main/core/sync/schedule-settings';
import { SyncScheduler } from '../../src/main/core/sync/scheduler';
import { createTestCore, type TestCore } from '../helpers/core';
import { END_AT } from './helpers';
import { ManualTimers } from './manual-timers';

const MINUTE = 60_000;
const CREDENTIALS = { token: 'tok-SCHEDULE-4b1d9e7c2a', secret: 'sec-SCHEDULE-8f0a3c6e1d' };
const SHAPE = { seed: 3, orders: 250, customers: 80, endAt: END_AT, rateLimit: { timeScale: 60 }, ...CREDENTIALS };

interface Fixture {
  fake: FakeStore;
  core: TestCore;
  timers: ManualTimers;
  scheduler: SyncScheduler;
  /** Every outcome, whoever started the run. */
  outcomes: SyncOutcome[];
  /** Runs the scheduler asked the manager for. */
  asked: string[];
  addStore(): Promise<StoreSummary>;
  /** Moves the clock and waits for the runs it set off. */
  advance(ms: number): Promise<void>;
  /** The next run's outcome (for runs set off by an event the store service announces in its own time). */
  nextOutcome(): Promise<SyncOutcome>;
}

let fx: Fixture | null = null;
afterEach(async () => {
  fx?.scheduler.close();
  await fx?.core.dispose();
  await fx?.fake.close().catch(() => undefined);
  fx = null;
});

/** A fake store over HTTP, a real core pointed at it, and a scheduler on manual timers. */
async function fixture(): Promise<Fixture> {
  const fake = await startFakeStore(SHAPE);
  const core = createTestCore({ apiBaseUrl: fake.apiBaseUrl, rateLimit: { timeScale: 60 }, apiTimeoutMs: 5_000 });
  const timers = new ManualTimers();
  const asked: string[] = [];
  const scheduler = new SyncScheduler({
    sync: {
      run: (storeId, mode) => {
        asked.push(storeId);
        return core.sync.run(storeId, mode);
      },
      isRunning: (storeId) => core.sync.isRunning(storeId),
    },
    stores: core.stores,
    events: core.events,
    settings: memoryScheduleSettings(),
    log: core.log,
    timers,
  });
  const outcomes: SyncOutcome[] = [];
  core.events.subscribeAll((event, payload) => {
    if (event === 'sync.finished') outcomes.push(payload as SyncOutcome);
  });
  return {
    fake,
    core,
    timers,
    scheduler,
    outcomes,
    asked,
    addStore: () => core.stores.add({ alias: fake.alias, ...CREDENTIALS }),
    async advance(ms) {
      timers.advance(ms);
      await scheduler.idle();
    },
    nextOutcome: () =>
      new Promise((resolve) => {
        const stop = core.events.subscribeAll((event, payload) => {
          if (event !== 'sync.finished') return;
          stop();
          resolve(payload as SyncOutcome);
        });
      }),
  };
}

/** How long until the store's next planned run, in minutes; null when none is planned. */
function nextIn(f: Fixture, storeId: string): number | null {
  const at = f.scheduler.state(storeId)?.nextAt ?? null;
  return at === null ? null : (at - f.timers.now()) / MINUTE;
}

describe('the sync scheduler', () => {
  it('syncs at start-up, then every interval (10 minutes by default, as set, or never when off)', async () => {
    fx = await fixture();
    const store = await fx.addStore();
    // Nothing before start: the CLI's one-off commands build a core and never start it.
    await fx.advance(30 * MINUTE);
    expect(fx.asked).toEqual([]);

    fx.scheduler.start();
    await fx.scheduler.idle();
    expect(fx.outcomes.map((o) => [o.mode, o.ok])).toEqual([['full', true]]);
    expect(nextIn(fx, store.id)).toBe(10);

    await fx.advance(10 * MINUTE - 1);
    expect(fx.asked).toHaveLength(1);
    await fx.advance(1);
    expect(fx.outcomes.map((o) => [o.mode, o.ok])).toEqual([
      ['full', true],
      ['incremental', true],
    ]);

    expect(fx.scheduler.setSchedule({ intervalMinutes: 5 })).toEqual({ intervalMinutes: 5, notifyNewOrders: null });
    expect(nextIn(fx, store.id)).toBe(5);
    await fx.advance(5 * MINUTE);
    expect(fx.asked).toHaveLength(3);

    fx.scheduler.setSchedule({ intervalMinutes: 0 });
    expect(nextIn(fx, store.id)).toBeNull();
    await fx.advance(120 * MINUTE);
    expect(fx.asked).toHaveLength(3);
  });

  it('syncs a store as soon as it is added, and on wake and on online', async () => {
    fx = await fixture();
    fx.scheduler.start();
    await fx.scheduler.idle();
    expect(fx.asked).toEqual([]);
    const added = fx.nextOutcome();
    const store = await fx.addStore();
    expect((await added).ok).toBe(true);
    expect(fx.asked).toEqual([store.id]);
    fx.scheduler.onWake();
    await fx.scheduler.idle();
    fx.scheduler.onOnline();
    await fx.scheduler.idle();
    expect(fx.asked).toEqual([store.id, store.id, store.id]);
    expect(fx.outcomes.every((o) => o.ok)).toBe(true);
  });

  it('never starts a second run of a store while one is in progress', async () => {
    fx = await fixture();
    const store = await fx.addStore();
    const answered = new Promise<void>((resolve) => {
      const stop = fx!.core.events.subscribeAll((event) => {
        if (event !== 'sync.progress') return;
        stop();
        resolve();
      });
    });
    fx.scheduler.start();
    await answered;
    // The start-up run is under way: wake, online and a person's sync all come during it.
    expect(fx.core.sync.isRunning(store.id)).toBe(true);
    fx.scheduler.onWake();
    fx.scheduler.onOnline();
    fx.scheduler.start();
    await fx.scheduler.idle();
    expect(fx.asked).toEqual([store.id]);
    expect(fx.outcomes).toHaveLength(1);
  });

  it('starts nothing while a full re-sync the person asked for runs, and runs one asked for during a scheduled run after it', async () => {
    fx = await fixture();
    const store = await fx.addStore();
    fx.scheduler.start();
    await fx.scheduler.idle();
    // Slow answers: the full re-sync is still running when the interval, a wake and an online come.
    fx.fake.control.setFaults('latency=1:40ms');
    const full = fx.core.sync.run(store.id, 'full');
    await fx.advance(10 * MINUTE);
    fx.scheduler.onWake();
    fx.scheduler.onOnline();
    await fx.scheduler.idle();
    expect(fx.core.sync.isRunning(store.id)).toBe(true);
    expect((await full).mode).toBe('full');
    expect(fx.asked).toEqual([store.id]);
    expect(nextIn(fx, store.id)).toBe(10);

    // A scheduled run is under way when the person asks for a full re-sync: it follows that run, never beside it.
    const answered = new Promise<void>((resolve) => {
      const stop = fx!.core.events.subscribeAll((event) => {
        if (event !== 'sync.progress') return;
        stop();
        resolve();
      });
    });
    const before = fx.outcomes.length;
    await fx.advance(10 * MINUTE - 1);
    fx.timers.advance(1);
    await answered;
    const asked = fx.core.sync.run(store.id, 'full');
    await fx.scheduler.idle();
    expect((await asked).mode).toBe('full');
    expect(fx.outcomes.slice(before).map((o) => [o.mode, o.ok])).toEqual([
      ['incremental', true],
      ['full', true],
    ]);
    expect(fx.core.sync.isRunning(store.id)).toBe(false);
    fx.fake.control.setFaults('latency=0');
  });

  it('backs off while offline (1, 2, 5, 10 minutes, then the interval) and resumes at once when the store answers', async () => {
    fx = await fixture();
    const store = await fx.addStore();
    fx.scheduler.start();
    await fx.scheduler.idle();
    const port = Number(new URL(fx.fake.url).port);
    await fx.fake.close();

    await fx.advance(10 * MINUTE);
    expect(fx.outcomes.at(-1)?.error?.code).toBe('OFFLINE');
    const waits: (number | null)[] = [nextIn(fx, store.id)];
    for (let i = 0; i < 4; i += 1) {
      await fx.advance((waits.at(-1) ?? 0) * MINUTE);
      expect(fx.outcomes.at(-1)?.error?.code).toBe('OFFLINE');
      waits.push(nextIn(fx, store.id));
    }
    expect(waits).toEqual([1, 2, 5, 10, 10]);
    expect(fx.scheduler.state(store.id)?.offline).toBe(5);

    // The store comes back; the first call that reaches it (a connection test here) resumes the sync at once.
    fx.fake = await startFakeStore({ ...SHAPE, port });
    const runs = fx.asked.length;
    await fx.core.stores.testConnection(store.id);
    await fx.scheduler.idle();
    expect(fx.asked).toHaveLength(runs + 1);
    expect(fx.outcomes.at(-1)?.ok).toBe(true);
    expect(fx.scheduler.state(store.id)?.offline).toBe(0);
    expect(nextIn(fx, store.id)).toBe(10);
  });

  it('pauses a store whose credentials fail, and resumes it when they are fixed', async () => {
    fx = await fixture();
    const store = await fx.addStore();
    fx.scheduler.start();
    await fx.scheduler.idle();
    await fx.core.secrets.set(store.id, { token: 'tok-WRONG-000000000', secret: 'sec-WRONG-000000000' });

    await fx.advance(10 * MINUTE);
    expect(fx.outcomes.at(-1)?.error?.code).toBe('AUTH_INVALID');
    expect(fx.scheduler.state(store.id)).toMatchObject({ paused: true, nextAt: null });
    const runs = fx.asked.length;
    await fx.advance(120 * MINUTE);
    fx.scheduler.onWake();
    fx.scheduler.onOnline();
    await fx.scheduler.idle();
    expect(fx.asked).toHaveLength(runs);

    // The person enters the right credentials: they are verified, and the store syncs at once.
    const fixed = fx.nextOutcome();
    await fx.core.stores.update({ id: store.id, ...CREDENTIALS });
    await fixed;
    expect(fx.asked).toHaveLength(runs + 1);
    expect(fx.outcomes.at(-1)?.ok).toBe(true);
    expect(fx.scheduler.state(store.id)).toMatchObject({ paused: false });
    expect(nextIn(fx, store.id)).toBe(10);
  });
});

describe('the sync interval setting', () => {
  it('is kept in the data folder across restarts; a missing or unknown value reads as its default (10 minutes, never asked)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'balcao-schedule-'));
    try {
      const file = join(dir, 'sync-schedule.json');
      expect(scheduleSettingsFile(file).read()).toEqual({ intervalMinutes: 10, notifyNewOrders: null });
      scheduleSettingsFile(file).write({ intervalMinutes: 30, notifyNewOrders: true });
      expect(scheduleSettingsFile(file).read()).toEqual({ intervalMinutes: 30, notifyNewOrders: true });
      writeFileSync(file, '{"intervalMinutes": 7, "notifyNewOrders": "yes"}');
      expect(scheduleSettingsFile(file).read()).toEqual({ intervalMinutes: 10, notifyNewOrders: null });
      // The file of an earlier version, with the interval only.
      writeFileSync(file, '{"intervalMinutes": 15}');
      expect(scheduleSettingsFile(file).read()).toEqual({ intervalMinutes: 15, notifyNewOrders: null });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('changes only what is given: the notification answer keeps the interval and its planned runs', async () => {
    fx = await fixture();
    const store = await fx.addStore();
    fx.scheduler.start();
    await fx.scheduler.idle();
    await fx.advance(4 * MINUTE);
    expect(fx.scheduler.setSchedule({ notifyNewOrders: false })).toEqual({
      intervalMinutes: 10,
      notifyNewOrders: false,
    });
    expect(nextIn(fx, store.id)).toBe(6);
    expect(fx.scheduler.setSchedule({ intervalMinutes: 30 })).toEqual({ intervalMinutes: 30, notifyNewOrders: false });
    expect(nextIn(fx, store.id)).toBe(30);
  });
});
