import { afterEach, describe, expect, it } from 'vitest';
import type { FakeStore } from '../../src/main/core/fake-store';
import { apiOk, startUnlimited, unwrap, wallTime, type Json } from './helpers';

let stores: FakeStore[] = [];
afterEach(async () => {
  await Promise.all(stores.map((s) => s.close()));
  stores = [];
});

async function start(clockStart = Date.parse('2026-02-01T12:00:00-03:00')) {
  let now = clockStart;
  const s = await startUnlimited({ seed: 5, orders: 300, clock: () => now });
  stores.push(s);
  return { s, tick: (ms: number) => (now += ms) };
}

const order = async (s: FakeStore, id: number) =>
  ((await apiOk(s, `/orders/${id}?include=status,statuses`)).data as Json[])[0];
const alias = (o: Json) => (unwrap(o.status) as Json).alias;

describe('mutations', () => {
  it('adds new orders at the clock time, first in the default list', async () => {
    const { s } = await start();
    const before = (await apiOk(s, '/orders?limit=1')).meta as { pagination: Json };
    const ids = s.control.addOrders(3);
    expect(ids).toHaveLength(3);
    const after = await apiOk(s, '/orders?limit=3&include=status');
    expect((after.meta as { pagination: Json }).pagination.total).toBe((before.pagination.total as number) + 3);
    const newest = after.data as Json[];
    expect(newest.map((o) => o.id).sort()).toEqual([...ids].sort());
    for (const o of newest) {
      expect(wallTime(o.created_at)).toBe('2026-02-01 12:00:00.000000');
      expect(alias(o)).toBe('waiting_payment');
    }
    const today = await apiOk(s, '/orders?date=created_at:2026-02-01');
    expect((today.meta as { pagination: Json }).pagination.total).toBe(3);
  });

  it('moves an order forward along a consistent path and records updated_at', async () => {
    const { s, tick } = await start();
    const [id] = s.control.addOrders(1);
    const seen: unknown[] = [alias(await order(s, id))];
    for (let step = 0; step < 12; step++) {
      tick(3_600_000);
      const change = s.control.advanceOrder(id);
      if (!change) break;
      const o = await order(s, id);
      expect(alias(o)).toBe(change.to);
      expect(change.from).toBe(seen[seen.length - 1]);
      expect(wallTime(o.updated_at) > wallTime(o.created_at)).toBe(true);
      const history = (unwrap(o.statuses) as Json[]).map((h) => h.alias);
      seen.push(change.to);
      expect(history).toEqual(seen);
    }
    expect(['delivered', 'cancelled', 'refused', 'refunded']).toContain(seen[seen.length - 1]);
    expect(s.control.advanceOrder(id)).toBeNull();
  });

  it('cancels an open order and refuses to cancel a final one', async () => {
    const { s, tick } = await start();
    const [id] = s.control.addOrders(1);
    tick(60_000);
    expect(s.control.cancelOrder(id)).toMatchObject({ id, to: 'cancelled' });
    const o = await order(s, id);
    expect(alias(o)).toBe('cancelled');
    expect(wallTime(o.updated_at)).toBe('2026-02-01 12:01:00.000000');
    expect(s.control.cancelOrder(id)).toBeNull();
  });

  it('changes the same orders for the same seed and call sequence', async () => {
    const a = await start();
    const b = await start();
    for (const { s, tick } of [a, b]) {
      s.control.addOrders(5);
      tick(1000);
    }
    const ra = [a.s.control.advanceOrders(10), a.s.control.cancelOrders(2)];
    const rb = [b.s.control.advanceOrders(10), b.s.control.cancelOrders(2)];
    expect(ra).toEqual(rb);
    expect(ra[0].length).toBeGreaterThan(0);
    const pageA = await apiOk(a.s, '/orders?orderBy=updated_at&limit=20&include=statuses');
    const pageB = await apiOk(b.s, '/orders?orderBy=updated_at&limit=20&include=statuses');
    expect(pageA).toEqual(pageB);
  });

  it('serves stale lists from the 30-minute cache unless skipCache=true', async () => {
    const { s, tick } = await start();
    s.control.setListCache(true);
    const total = async (q = '') =>
      ((await apiOk(s, `/orders?limit=1${q}`)).meta as { pagination: Json }).pagination.total;
    const first = await total();
    s.control.addOrders(2);
    expect(await total()).toBe(first);
    expect(await total('&skipCache=true')).toBe((first as number) + 2);
    tick(31 * 60_000);
    expect(await total()).toBe((first as number) + 2);
  });

  it('is driven over HTTP through /__control/', async () => {
    const { s } = await start();
    const post = (
      action: string,
      body: unknown,
      headers: Record<string, string> = { 'User-Token': s.credentials.token, 'User-Secret-Key': s.credentials.secret },
    ) =>
      fetch(`${s.url}/__control/${action}`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post('orders', { count: 1 }, {})).status).toBe(401);
    const { ids } = (await (await post('orders', { count: 2 })).json()) as { ids: number[] };
    expect(ids).toHaveLength(2);
    await post('active', { active: false });
    expect(
      (
        await fetch(`${s.apiBaseUrl}/demo/orders`, {
          headers: { 'User-Token': s.credentials.token, 'User-Secret-Key': s.credentials.secret },
        })
      ).status,
    ).toBe(403);
    await post('active', { active: true });
    const stats = await (
      await fetch(`${s.url}/__control/stats`, {
        headers: { 'User-Token': s.credentials.token, 'User-Secret-Key': s.credentials.secret },
      })
    ).json();
    expect(stats).toHaveProperty('requests');
  });
});
