import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRateLimiter, DEFAULT_RETRY, lenientNumber, type RateLimiter } from '../../src/main/core/api';
import { backoffDelay, parseRetryAfter } from '../../src/main/core/api/retry';
import type { Ticket } from '../../src/main/core/api/rate-limiter';

describe('retry helpers', () => {
  it('draws full-jitter delays between 0 and a doubling ceiling, capped', () => {
    const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1_000 };
    expect(backoffDelay(policy, 1, () => 0)).toBe(0);
    expect(backoffDelay(policy, 1, () => 0.999)).toBe(99);
    expect(backoffDelay(policy, 3, () => 0.5)).toBe(200);
    expect(backoffDelay(policy, 10, () => 0.999)).toBe(999);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('7', 0)).toBe(7_000);
    expect(parseRetryAfter(null, 0)).toBeUndefined();
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
  });

  it('reads numbers sent as strings', () => {
    expect(lenientNumber('12')).toBe(12);
    expect(lenientNumber(' 3 ')).toBe(3);
    expect(lenientNumber('')).toBeUndefined();
    expect(lenientNumber('abc')).toBeUndefined();
    expect(lenientNumber(null)).toBeUndefined();
  });
});

describe('rate limiter (fake clock)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function limiter(limit: number): RateLimiter {
    return createRateLimiter({
      limits: { orders: limit, other: limit },
      windowMs: 1_000,
      safetyFraction: 0,
      now: () => Date.now(),
    });
  }

  async function settled(promise: Promise<Ticket>): Promise<Ticket | undefined> {
    let value: Ticket | undefined;
    void promise.then((t) => (value = t));
    await vi.advanceTimersByTimeAsync(0);
    return value;
  }

  it('holds a slot while the request is in flight and for one window after it ends', async () => {
    const l = limiter(2);
    const a = await l.acquire('orders');
    await l.acquire('orders');
    const third = l.acquire('orders');
    expect(await settled(third)).toBeUndefined();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await settled(third)).toBeUndefined(); // both still in flight
    a.release();
    await vi.advanceTimersByTimeAsync(999);
    expect(await settled(third)).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    const granted = await settled(third);
    expect(granted?.waitedMs).toBe(6_000);
  });

  it('keeps groups apart', async () => {
    const l = limiter(1);
    await l.acquire('orders');
    // The full 'orders' group does not hold up 'other': granted at once.
    expect(await settled(l.acquire('other'))).toMatchObject({ waitedMs: 0 });
  });

  it('parks a group for a window when Remaining reaches 0, and lowers its limit to the header', async () => {
    const l = limiter(5);
    (await l.acquire('orders')).release();
    l.observe('orders', { limit: 120, remaining: 0 });
    const next = l.acquire('orders');
    await vi.advanceTimersByTimeAsync(999);
    expect(await settled(next)).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(next)).toMatchObject({ waitedMs: 1_000 });

    (await l.acquire('orders')).release();
    l.observe('orders', { limit: 2, remaining: 1 });
    // Two slots are taken (one in flight, one ended less than a window ago): the header's limit of 2 applies.
    expect(await settled(l.acquire('orders'))).toBeUndefined();
  });

  it('lets Retry-After shorten a pause set by Remaining: 0', async () => {
    const l = limiter(5);
    l.observe('orders', { limit: undefined, remaining: 0 });
    l.pause('orders', 100);
    const next = l.acquire('orders');
    await vi.advanceTimersByTimeAsync(100);
    expect(await settled(next)).toMatchObject({ waitedMs: 100 });
  });

  it('drops a queued request when its signal aborts', async () => {
    const l = limiter(1);
    const first = await l.acquire('orders');
    const controller = new AbortController();
    const queued = l.acquire('orders', controller.signal);
    controller.abort();
    await expect(queued).rejects.toMatchObject({ code: 'CANCELLED' });
    first.release();
    await vi.advanceTimersByTimeAsync(1_000);
    // The aborted request took no slot: once the first one's window is over, the next is granted at once.
    expect(await settled(l.acquire('orders'))).toMatchObject({ waitedMs: 0 });
  });
});
