import { describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../src/shared/domain/app';
import type { ApiEvent } from '../../src/main/core/api';
import { groupEtaMs } from '../../src/main/core/sync/eta';
import { ProgressTracker } from '../../src/main/core/sync/progress';

const LIMITER = { limits: { orders: 120, other: 60 }, holdMs: 61_200 };

function tracker(clock: () => number, minIntervalMs = 250) {
  const seen: SyncProgress[] = [];
  const progress = new ProgressTracker({
    storeId: 's',
    mode: 'full',
    emit: (p) => seen.push(p),
    retries: () => 3,
    clock,
    minIntervalMs,
    limiter: LIMITER,
  });
  return { progress, seen };
}

/** One request of `group` answered after `ms`, as the API client reports it. */
function request(progress: ProgressTracker, clock: { now: number }, group: 'orders' | 'other', ms: number): void {
  progress.observe({ type: 'request', group, path: '/x', attempt: 1 } satisfies ApiEvent);
  clock.now += ms;
  progress.observe({ type: 'response', group, path: '/x', attempt: 1, status: 200, durationMs: ms } satisfies ApiEvent);
}

describe('sync progress events', () => {
  it('say nothing before the store first answers, then count orders and customers apart, throttled', () => {
    const clock = { now: 0 };
    const { progress, seen } = tracker(() => clock.now);
    progress.enter('orders');
    // Offline, the run fails before any answer: no "0 records, page 0 of ?" in the meantime.
    expect(seen).toEqual([]);
    progress.plan('orders', { pages: 10, records: 1_000 });
    progress.plan('customers', { pages: 3, records: 250 });
    for (let page = 0; page < 8; page += 1) {
      clock.now += 100; // ten pages a second: most must not produce an event
      progress.page('orders', 100);
      if (page < 3) progress.page('customers', page < 2 ? 100 : 50);
    }
    // The first answer at 0 ms, then at 300 ms (3 order pages, 2 customer pages) and 600 ms (6 and 3).
    expect(seen.map((p) => p.pagesDone)).toEqual([0, 5, 9]);
    const last = seen.at(-1)!;
    expect(last).toMatchObject({
      storeId: 's',
      mode: 'full',
      phase: 'orders',
      orders: { done: 600, total: 1_000 },
      customers: { done: 250, total: 250 },
      pagesTotal: 13,
      retries: 3,
    });
    clock.now += 100;
    progress.finish('customers');
    progress.finish('orders');
    progress.enter('done');
    expect(seen.at(-1)).toMatchObject({
      phase: 'done',
      orders: { done: 800, total: 1_000 },
      recordsWritten: 1_050,
      etaSeconds: 0,
    });
    // 1,050 records in 0.9 s.
    expect(seen.at(-1)!.ratePerMinute).toBe(Math.round(1_050 / (0.9 / 60)));
  });

  it('turn to the customers phase when the order list ends first', () => {
    const clock = { now: 0 };
    const { progress, seen } = tracker(() => clock.now, 0);
    progress.enter('orders');
    progress.plan('orders', { pages: 1, records: 80 });
    progress.plan('customers', { pages: 2, records: 150 });
    progress.page('orders', 80);
    progress.finish('orders');
    expect(seen.at(-1)).toMatchObject({ phase: 'customers', orders: { done: 80, total: 80 } });
  });

  it('count a resumed list’s pages as done', () => {
    const clock = { now: 0 };
    const { progress, seen } = tracker(() => clock.now, 0);
    progress.resumeAt('orders', 50, 5_000);
    progress.plan('orders', { pages: 100, records: 9_950 });
    progress.page('orders', 100);
    expect(seen.at(-1)).toMatchObject({ pagesDone: 51, pagesTotal: 100, orders: { done: 5_100, total: 9_950 } });
  });
});

describe('the ETA', () => {
  it('of a short sync is its round trips, not a minute', () => {
    expect(groupEtaMs({ remaining: 15, limit: 120, holdMs: 61_200, ends: [], inFlight: 0, paceMs: 130 }, 1_000)).toBe(
      15 * 130,
    );
  });

  it('of a long one counts the windows: 200 order pages at 120 a minute wait for the second window', () => {
    // 120 pages from the burst (0–12 s); page 121 waits for the first page's slot (ended at 0.1 s, held 61.2 s),
    // and each later page for the slot of the page 120 before it: the last one ends at 69.3 s. A rate taken from
    // the first 12 seconds would have said 20 s.
    expect(groupEtaMs({ remaining: 200, limit: 120, holdMs: 61_200, ends: [], inFlight: 0, paceMs: 100 }, 0)).toBe(
      69_300,
    );
  });

  it('counts the slots this run already holds', () => {
    // Every slot was taken in the last second: nothing goes out before they come back.
    const ends = Array.from({ length: 60 }, (_, i) => 1_000 + i);
    expect(groupEtaMs({ remaining: 1, limit: 60, holdMs: 61_200, ends, inFlight: 0, paceMs: 100 }, 2_000)).toBe(
      1_000 + 61_200 + 100 - 2_000,
    );
  });

  it('in the events is the slower group’s, from the requests each list has left', () => {
    const clock = { now: 0 };
    const { progress, seen } = tracker(() => clock.now, 0);
    progress.plan('orders', { pages: 200, records: 20_000 });
    progress.plan('customers', { pages: 30, records: 3_000 });
    // The first order page and the first customer page, 100 ms each.
    request(progress, clock, 'orders', 100);
    progress.page('orders', 100);
    request(progress, clock, 'other', 100);
    progress.page('customers', 100);
    // Orders: 199 left at 100 ms, 119 slots free now, then the window: far longer than 29 customer pages.
    const orders = groupEtaMs(
      { remaining: 199, limit: 120, holdMs: 61_200, ends: [100], inFlight: 0, paceMs: 100 },
      clock.now,
    );
    expect(seen.at(-1)!.etaSeconds).toBe(Math.ceil(orders / 1000));
    expect(seen.at(-1)!.etaSeconds).toBeGreaterThan(60);
  });

  it('takes the pace from the gaps between requests, not from the waits for a slot', () => {
    const clock = { now: 0 };
    const { progress, seen } = tracker(() => clock.now, 0);
    progress.plan('orders', { pages: 60, records: 6_000 });
    request(progress, clock, 'orders', 100);
    progress.page('orders', 100);
    request(progress, clock, 'orders', 100);
    progress.page('orders', 100);
    // Two requests in flight together waited the same minute for slots: those gaps say nothing about the pace
    // (and their waits, added up, are longer than the whole run).
    clock.now += 60_000;
    for (let i = 0; i < 2; i += 1) {
      progress.observe({ type: 'wait', group: 'orders', waitedMs: 60_000 });
      progress.observe({ type: 'request', group: 'orders', path: '/x', attempt: 1 });
    }
    clock.now += 100;
    for (let i = 0; i < 2; i += 1) {
      progress.observe({ type: 'response', group: 'orders', path: '/x', attempt: 1, status: 200, durationMs: 100 });
      progress.page('orders', 100);
    }
    const expected = groupEtaMs(
      { remaining: 56, limit: 120, holdMs: 61_200, ends: [100, 200, 60_300, 60_300], inFlight: 0, paceMs: 100 },
      clock.now,
    );
    expect(expected).toBe(5_600);
    expect(seen.at(-1)!.etaSeconds).toBe(6);
  });
});
