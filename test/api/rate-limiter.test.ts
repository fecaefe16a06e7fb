import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRateLimiter, createStoreApi, type StoreApiOptions } from '../../src/main/core/api';
import { json, ORDERS_PAGE, startServer, type TestServer } from './server';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const LIMIT = 20;
const TIME_SCALE = 50; // a "minute" of 1.2 s: long enough that latency on a loaded machine is a small part of it
const WINDOW_MS = 60_000 / TIME_SCALE;

interface FixedWindowServer {
  server: TestServer;
  arrivals: number[];
  rejected: () => number;
}

/**
 * Enforces LIMIT requests per fixed window, as the store does, with windows
 * that start `offsetMs` after the server does (so not where the client's would),
 * and answers after a random delay so latency varies from request to request.
 */
async function fixedWindowServer(offsetMs: number): Promise<FixedWindowServer> {
  const origin = performance.now() + offsetMs;
  const counts = new Map<number, number>();
  const arrivals: number[] = [];
  let rejected = 0;
  const server = await startServer((_req, res) => {
    const now = performance.now();
    arrivals.push(now);
    const window = Math.floor((now - origin) / WINDOW_MS);
    const used = (counts.get(window) ?? 0) + 1;
    counts.set(window, used);
    const headers = { 'X-RateLimit-Limit': String(LIMIT), 'X-RateLimit-Remaining': String(Math.max(0, LIMIT - used)) };
    setTimeout(() => {
      if (used > LIMIT) {
        rejected += 1;
        json(res, 429, { message: 'Too Many Requests', status_code: 429 }, headers);
      } else {
        json(res, 200, ORDERS_PAGE, headers);
      }
    }, Math.random() * 30);
  });
  return { server, arrivals, rejected: () => rejected };
}

function options(baseUrl: string, extra: Partial<StoreApiOptions> = {}): StoreApiOptions {
  return {
    baseUrl,
    alias: 'loja',
    credentials: { token: 'tok', secret: 'sec' },
    rateLimit: { timeScale: TIME_SCALE, limits: { orders: LIMIT, other: LIMIT } },
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...extra,
  };
}

/**
 * Requests after the first window's allowance over the time they took: the
 * first LIMIT go out at once, so counting them would flatter the rate.
 */
function steadyRate(arrivals: number[]): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  return (sorted.length - LIMIT) / ((sorted[sorted.length - 1] - sorted[0]) / 1000);
}

const limitPerSecond = LIMIT / (WINDOW_MS / 1000);

describe('rate limiter against a fixed-window server', () => {
  it.each([
    ['aligned with the client start', 0],
    ['rolling over during the first burst', 5 - WINDOW_MS],
  ])('a burst of 60 requests, windows %s: zero 429s, near the limit rate', async (_name, offset) => {
    const store = await fixedWindowServer(offset);
    server = store.server;
    const client = createStoreApi(options(server.baseUrl));
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => client.listOrders({ page: i + 1 })));
    expect(results).toHaveLength(60);
    expect(store.rejected()).toBe(0);
    expect(client.stats().rateLimited).toBe(0);
    expect(store.arrivals).toHaveLength(60);
    expect(steadyRate(store.arrivals)).toBeGreaterThanOrEqual(0.8 * limitPerSecond);
    expect(client.stats().waits).toBeGreaterThan(0);
  });

  it('two store clients sharing one limiter (the store limits per IP) stay under the limit together', async () => {
    const store = await fixedWindowServer(-WINDOW_MS / 3);
    server = store.server;
    const limiter = createRateLimiter({ timeScale: TIME_SCALE, limits: { orders: LIMIT, other: LIMIT } });
    const a = createStoreApi(options(server.baseUrl, { limiter }));
    const b = createStoreApi(options(server.baseUrl, { limiter, alias: 'outra-loja' }));
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).getOrder(i + 1)));
    expect(store.rejected()).toBe(0);
  });

  it('keeps order and non-order routes in separate budgets', async () => {
    const store = await fixedWindowServer(0);
    server = store.server;
    const client = createStoreApi(
      options(server.baseUrl, { rateLimit: { timeScale: 1, limits: { orders: 5, other: 5 } } }),
    );
    // With a real one-minute window, a sixth order request would wait a minute; five of each go out now.
    await Promise.all([
      ...Array.from({ length: 5 }, () => client.listOrders()),
      ...Array.from({ length: 5 }, () => client.listCustomers()),
    ]);
    expect(client.stats().waits).toBe(0);
  });

  it('treats X-RateLimit-Remaining: 0 as authoritative and waits for the window to roll over', async () => {
    const times: number[] = [];
    server = await startServer((_req, res, i) => {
      times.push(performance.now());
      // Another program on the same IP has used the budget: the first answer says nothing is left.
      json(res, 200, ORDERS_PAGE, { 'X-RateLimit-Limit': '120', 'X-RateLimit-Remaining': i === 0 ? '0' : '100' });
    });
    const client = createStoreApi(options(server.baseUrl, { rateLimit: { timeScale: 60_000 / 300 } }));
    await client.listOrders();
    await client.listOrders();
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(290);
    expect(client.stats().waits).toBe(1);
  });
});

describe('a request cancelled while it waits for the limiter', () => {
  it('leaves no timer behind: a cancelled CLI sync exits at once instead of when the window ends', async () => {
    const timers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const before = timers();
    const limiter = createRateLimiter({ limits: { orders: 1 }, windowMs: 60_000 });
    limiter.acquire('orders').then((ticket) => ticket.release());
    await Promise.resolve();
    const controller = new AbortController();
    const waiting = limiter.acquire('orders', controller.signal);
    // The one slot is held for the window: the second request waits on the limiter's wake-up timer.
    expect(timers()).toBe(before + 1);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(timers()).toBe(before);
  });
});

describe("a slot's hold", () => {
  afterEach(() => vi.useRealTimers());

  it('gives the slot back one window and 0.5 % after the answer came, not before, not later', async () => {
    vi.useFakeTimers();
    const limiter = createRateLimiter({ limits: { orders: 1 }, now: () => Date.now() });
    const first = await limiter.acquire('orders');
    await vi.advanceTimersByTimeAsync(400);
    first.release();
    let granted = false;
    void limiter.acquire('orders').then(() => (granted = true));
    await vi.advanceTimersByTimeAsync(60_299);
    expect(granted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted).toBe(true);
  });
});
