import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countOrders, listOrders, orderStatusCounts, writeOrderPage } from '../../src/main/core/db';
import type { Order } from '../../src/shared/domain/order';
import type { OrderQuery } from '../../src/shared/domain/query';
import { seededRandom } from '../cli/processes';
import { addTestStore, localParts, makeOrder, tempDb, type TempDb } from './helpers';

/**
 * The list's hour and weekday filters (the Painel's bars click through to them) against the same filter applied here,
 * independently, with Intl over every order's creation time, in zones that are not São Paulo's: one whose clocks go
 * forward and back inside the period (New York, 2024-03-10 and 2024-11-03) and one half an hour off UTC (Kolkata).
 */

const ZONES = ['America/New_York', 'Asia/Kolkata'];
const STATUSES = ['paid', 'cancelled', 'waiting_payment'];

function orders(storeId: string, seed: number): Order[] {
  const rand = seededRandom(seed);
  const start = Date.UTC(2024, 1, 20);
  const span = Date.UTC(2024, 10, 15) - start;
  return Array.from({ length: 1200 }, (_, i) => {
    let ms = start + Math.floor(rand() * span);
    // A third around the DST changes (New York's 2 a.m. on 10 March and 3 November) and UTC midnights.
    if (rand() < 0.33) {
      const near = [Date.UTC(2024, 2, 10, 7), Date.UTC(2024, 10, 3, 6), Date.UTC(2024, 5, 1)][Math.floor(rand() * 3)];
      ms = near + Math.floor((rand() - 0.5) * 6 * 3_600_000);
    }
    return makeOrder(
      i + 1,
      {
        status: { alias: STATUSES[i % 3], name: STATUSES[i % 3], id: null },
        createdAt: { utc: new Date(ms).toISOString(), zone: 'UTC' },
      },
      storeId,
    );
  });
}

describe('the order list by hour of day and weekday in the store zone', () => {
  let t: TempDb;
  /** Each store's orders with their creation in its zone. */
  const written = new Map<string, { order: Order; at: ReturnType<typeof localParts> }[]>();
  beforeAll(() => {
    t = tempDb();
    for (const [i, zone] of ZONES.entries()) {
      const id = `store-${i}`;
      addTestStore(t.db, id, zone);
      const list = orders(id, 11 + i);
      for (let at = 0; at < list.length; at += 400)
        writeOrderPage(t.db, id, list.slice(at, at + 400), list.slice(at, at + 400), [], null);
      written.set(
        id,
        list.map((order) => ({ order, at: localParts(order.createdAt!.utc, zone) })),
      );
    }
  });
  afterAll(() => t.close());

  const ids = (storeId: string, q: OrderQuery): number[] =>
    listOrders(t.db, storeId, { ...q, limit: 500 })
      .rows.map((r) => r.id)
      .sort((a, b) => a - b);

  describe.each(ZONES.map((zone, i) => ({ zone, storeId: `store-${i}` })))('in $zone', ({ storeId }) => {
    const expected = (q: { from?: string; to?: string; hour?: number; weekday?: number; statuses?: string[] }) =>
      written
        .get(storeId)!
        .filter(({ order: o, at }) => {
          return (
            (q.from === undefined || at.day >= q.from) &&
            (q.to === undefined || at.day <= q.to) &&
            (q.hour === undefined || at.hour === q.hour) &&
            (q.weekday === undefined || at.weekday === q.weekday) &&
            (q.statuses === undefined || q.statuses.includes(o.status!.alias))
          );
        })
        .map(({ order }) => order.id)
        .sort((a, b) => a - b);

    it('each hour of a period across both DST changes, and its counts', () => {
      const period = { from: '2024-03-01', to: '2024-11-10' };
      let all = 0;
      for (let hour = 0; hour < 24; hour += 1) {
        const want = expected({ ...period, hour });
        expect(want.length, `hour ${hour}`).toBeGreaterThan(0);
        expect(ids(storeId, { ...period, hour }), `hour ${hour}`).toEqual(want);
        expect(countOrders(t.db, storeId, { ...period, hour }).total).toBe(want.length);
        const paid = expected({ ...period, hour, statuses: ['paid'] }).length;
        expect(orderStatusCounts(t.db, storeId, { ...period, hour }).find((s) => s.alias === 'paid')?.count ?? 0).toBe(
          paid,
        );
        all += want.length;
      }
      expect(all).toBe(expected(period).length);
    });

    it('each weekday, and a weekday with an hour, over a period and with no period at all', () => {
      for (let weekday = 0; weekday < 7; weekday += 1) {
        const q = { from: '2024-03-05', to: '2024-03-20', weekday };
        expect(ids(storeId, q)).toEqual(expected(q));
        expect(ids(storeId, { weekday, hour: 1 })).toEqual(expected({ weekday, hour: 1 }));
      }
      // The Sunday of New York's spring change (2024-03-10), at the hours around it.
      for (const hour of [0, 1, 3, 4]) {
        const q = { from: '2024-03-10', to: '2024-03-10', hour, weekday: 6 };
        expect(ids(storeId, q)).toEqual(expected(q));
      }
    });
  });
});
