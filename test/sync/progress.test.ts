import { describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../src/shared/domain/app';
import { ProgressTracker } from '../../src/main/core/sync/progress';

describe('sync progress events', () => {
  it('are throttled to one per interval, except phase changes, and carry rate, ETA and retries', () => {
    let now = 0;
    const seen: SyncProgress[] = [];
    const tracker = new ProgressTracker(
      { storeId: 's', mode: 'full' },
      (p) => seen.push(p),
      () => 3,
      () => now,
      250,
    );
    tracker.enter('orders');
    tracker.plan('orders', 10);
    for (let page = 0; page < 8; page += 1) {
      now += 100; // ten pages a second: most must not produce an event
      tracker.page(100);
    }
    // The phase change at 0 ms, then pages at 300 and 600 ms.
    expect(seen.map((p) => p.pagesDone)).toEqual([0, 3, 6]);
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ storeId: 's', mode: 'full', phase: 'orders', pagesTotal: 10, retries: 3 });
    expect(last.pagesDone).toBeLessThanOrEqual(8);
    now += 100;
    tracker.enter('done');
    const done = seen.at(-1)!;
    expect(done).toMatchObject({ phase: 'done', pagesDone: 8, recordsWritten: 800, etaSeconds: 0 });
    // 800 records in 0.9 s.
    expect(done.ratePerMinute).toBe(Math.round(800 / (0.9 / 60)));
  });

  it('estimates the time left from this run’s page rate, counting resumed pages as done', () => {
    let now = 0;
    const seen: SyncProgress[] = [];
    const tracker = new ProgressTracker(
      { storeId: 's', mode: 'full' },
      (p) => seen.push(p),
      () => 0,
      () => now,
      0,
    );
    tracker.plan('orders', 100);
    tracker.resumeAt(50);
    now = 60_000;
    tracker.page(100); // one page a minute in this run, 49 to go
    expect(seen.at(-1)).toMatchObject({ pagesDone: 51, pagesTotal: 100, etaSeconds: 49 * 60 });
  });
});
