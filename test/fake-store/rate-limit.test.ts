import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeStore, type FakeStore } from '../../src/main/core/fake-store';
import { api } from './helpers';

let store: FakeStore | undefined;
afterEach(() => store?.close());

describe('rate limits', () => {
  it('gives exactly one 429 for 121 order requests in one window, list and detail sharing it', async () => {
    store = await startFakeStore({ seed: 2, orders: 50 });
    const detailId = ((await api(store, '/orders?limit=1')).body.data as { id: number }[])[0].id;
    const remaining: number[] = [1]; // the list above spent one
    const statuses: number[] = [];
    for (let i = 0; i < 120; i++) {
      const r = await api(store, i % 2 ? '/orders?limit=1' : `/orders/${detailId}`);
      statuses.push(r.status);
      expect(r.headers.get('x-ratelimit-limit')).toBe('120');
      remaining.push(Number(r.headers.get('x-ratelimit-remaining')));
    }
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    expect(statuses[statuses.length - 1]).toBe(429);
    const last = await api(store, '/orders?limit=1');
    expect(last.status).toBe(429);
    expect(last.body).toEqual({ message: 'Too Many Requests', status_code: 429 });
    expect(last.headers.get('retry-after')).toBeNull();
    expect(last.headers.get('x-ratelimit-remaining')).toBe('0');
    // Strictly decreasing until it hits 0.
    for (let i = 2; i < 120; i++) expect(remaining[i]).toBeLessThan(remaining[i - 1]);
    expect(store.stats.rateLimited).toBe(2);
  });

  it('keeps a separate 60/min budget for other routes', async () => {
    store = await startFakeStore({ seed: 2, orders: 10, rateLimit: { otherPerMinute: 3 } });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await api(store, '/customers?limit=1')).status);
    expect(codes).toEqual([200, 200, 200, 429]);
    expect((await api(store, '/orders?limit=1')).status).toBe(200);
    const statuses = await api(store, '/checkout/statuses');
    expect(statuses.status).toBe(429);
    expect(statuses.headers.get('x-ratelimit-limit')).toBe('3');
  });

  it('opens a new window after a (time-scaled) minute', async () => {
    // A controlled clock, so a slow machine cannot stretch the burst across windows.
    let now = 1_000_000;
    store = await startFakeStore({
      seed: 2,
      orders: 10,
      clock: () => now,
      rateLimit: { ordersPerMinute: 5, timeScale: 60 },
    });
    const burst = async () => {
      const codes = [];
      for (let i = 0; i < 6; i++) codes.push((await api(store!, '/orders?limit=1')).status);
      return codes;
    };
    expect(await burst()).toEqual([200, 200, 200, 200, 200, 429]);
    now += 999;
    expect((await api(store, '/orders?limit=1')).status).toBe(429);
    now += 1;
    const after = await api(store, '/orders?limit=1');
    expect(after.status).toBe(200);
    expect(after.headers.get('x-ratelimit-remaining')).toBe('4');
    expect(await burst()).toEqual([200, 200, 200, 200, 429, 429]);
  });

  it('resets in real time with the time scale', async () => {
    store = await startFakeStore({ seed: 2, orders: 10, rateLimit: { ordersPerMinute: 1, timeScale: 120 } });
    expect((await api(store, '/orders?limit=1')).status).toBe(200);
    await delay(550);
    expect((await api(store, '/orders?limit=1')).status).toBe(200);
  });

  it('sends the headers on errors too and can be reconfigured at run time', async () => {
    store = await startFakeStore({ seed: 2, orders: 10 });
    const unauth = await api(store, '/orders', { headers: {} });
    expect(unauth.status).toBe(401);
    expect(unauth.headers.get('x-ratelimit-limit')).toBe('120');
    store.control.setRateLimit({ ordersPerMinute: 1 });
    expect((await api(store, '/orders?limit=1')).status).toBe(200);
    expect((await api(store, '/orders?limit=1')).status).toBe(429);
  });
});
