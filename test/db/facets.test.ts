import fc from 'fast-check';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addStore,
  countOrders,
  orderStatusCounts,
  removeStore,
  setReview,
  setReviewMany,
  writeOrderPage,
} from '../../src/main/core/db';
import type { Order } from '../../src/shared/domain/order';
import type { OrderQuery } from '../../src/shared/domain/query';
import { makeOrder, tempDb, type TempDb } from './helpers';

// Zones with whole, negative and half-hour offsets: a store day never lines up with a UTC day in most of them.
const ZONES = ['America/Sao_Paulo', 'America/Manaus', 'Asia/Kolkata', 'America/St_Johns', 'UTC'];
const STATUSES = ['paid', 'cancelled', 'delivered', null] as const;
const PAYMENTS = ['pix', 'billet', null] as const;
const DAYS = ['2024-03-01', '2024-03-02', '2024-03-03', '2024-03-04', '2024-03-05'];
const START = Date.parse('2024-02-29T12:00:00.000Z');

let t: TempDb;
beforeEach(() => {
  t = tempDb();
});
afterEach(() => t.close());

interface Spec {
  minute: number | null;
  status: (typeof STATUSES)[number];
  payment: (typeof PAYMENTS)[number];
  delivered: boolean | null;
  reviewed: boolean;
}

const specArb = fc.record({
  // Six days of minutes around the queried days, so every range has partial days at both ends.
  minute: fc.option(fc.integer({ min: 0, max: 6 * 24 * 60 }), { freq: 12 }),
  status: fc.constantFrom(...STATUSES),
  payment: fc.constantFrom(...PAYMENTS),
  delivered: fc.constantFrom(true, false, null),
  reviewed: fc.boolean(),
});

const queryArb = fc.record(
  {
    statuses: fc.subarray(['paid', 'cancelled', 'delivered']),
    paymentMethods: fc.subarray(['pix', 'billet']),
    delivered: fc.boolean(),
    from: fc.constantFrom(...DAYS),
    to: fc.constantFrom(...DAYS),
    review: fc.constant('unreviewed' as const),
  },
  { requiredKeys: [] },
);

function toOrder(id: number, spec: Spec, zone: string): Order {
  return makeOrder(id, {
    status: spec.status === null ? null : { alias: spec.status, name: spec.status, id: null },
    payment: spec.payment === null ? null : { alias: spec.payment, name: null },
    delivered: spec.delivered,
    createdAt: spec.minute === null ? null : { utc: new Date(START + spec.minute * 60_000).toISOString(), zone },
  });
}

/** The oracle: what the filter means, worked out in plain code with the store's zone. */
function expectedCounts(orders: Order[], reviewed: Set<number>, zone: string, q: OrderQuery): Map<string, number> {
  const counts = new Map<string, number>();
  for (const o of orders) {
    if (q.paymentMethods?.length && !q.paymentMethods.includes(o.payment?.alias ?? '')) continue;
    if (q.delivered !== undefined && o.delivered !== q.delivered) continue;
    if (q.review === 'unreviewed' && reviewed.has(o.id)) continue;
    if (q.from !== undefined || q.to !== undefined) {
      if (o.createdAt === null) continue;
      const day = DateTime.fromISO(o.createdAt.utc).setZone(zone).toISODate() ?? '';
      if ((q.from !== undefined && day < q.from) || (q.to !== undefined && day > q.to)) continue;
    }
    const status = o.status?.alias ?? '';
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  return counts;
}

describe('facet totals (status chips and exact totals under status, payment, delivered, dates, unreviewed)', () => {
  it('equal counting the orders themselves, in any zone, after re-writes, status changes and deletions', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.array(specArb, { minLength: 1, maxLength: 60 }),
        fc.array(fc.tuple(fc.nat(), specArb), { maxLength: 15 }),
        fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        fc.array(queryArb, { minLength: 1, maxLength: 6 }),
        (zone, specs, changes, marks, deletions, queries) => {
          t.db.exec('DELETE FROM stores');
          addStore(t.db, {
            id: 's',
            alias: 's',
            name: 'S',
            apiBaseUrl: 'http://127.0.0.1:1',
            timeZone: zone,
            isDemo: false,
            createdAt: '2024-01-01T00:00:00.000Z',
          });
          const orders = new Map(specs.map((spec, i) => [i + 1, toOrder(i + 1, spec, zone)]));
          const reviewed = new Set(specs.flatMap((spec, i) => (spec.reviewed ? [i + 1] : [])));
          writeOrderPage(
            t.db,
            's',
            [...orders.values()].map((o) => ({ ...o, storeId: 's' })),
            [...orders.keys()].map(() => ({})),
            [],
            null,
          );
          for (const id of reviewed) setReview(t.db, 's', id, { reviewed: true });
          // The sync writing orders again: some unchanged, some moved to another status, payment or day.
          for (const [k, spec] of changes) {
            const id = (k % specs.length) + 1;
            const order = toOrder(id, spec, zone);
            orders.set(id, order);
            writeOrderPage(t.db, 's', [{ ...order, storeId: 's' }], [{}], [], null);
          }
          // The merchant marking and unmarking orders, one by one and in bulk.
          for (const [index, [k, on]] of marks.entries()) {
            const id = (k % specs.length) + 1;
            if (on) reviewed.add(id);
            else reviewed.delete(id);
            if (index % 2 === 0) setReview(t.db, 's', id, { reviewed: on });
            else setReviewMany(t.db, 's', [id], { reviewed: on });
          }
          for (const k of deletions) {
            const id = (k % specs.length) + 1;
            t.db.prepare("DELETE FROM orders WHERE store_id = 's' AND id = ?").run(id);
            orders.delete(id);
          }
          const list = [...orders.values()];
          for (const q of queries) {
            const expected = expectedCounts(list, reviewed, zone, q);
            const chips = new Map(orderStatusCounts(t.db, 's', q).map((c) => [c.alias, c.count]));
            expect(chips).toEqual(new Map([...expected].filter(([alias, n]) => alias !== '' && n > 0)));
            const wanted = q.statuses?.length ? q.statuses : null;
            const total = [...expected].reduce(
              (sum, [alias, n]) => sum + (wanted === null || wanted.includes(alias) ? n : 0),
              0,
            );
            expect(countOrders(t.db, 's', q)).toEqual({ total, totalIsExact: true });
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('are erased with their store', () => {
    addStore(t.db, {
      id: 's',
      alias: 's',
      name: 'S',
      apiBaseUrl: 'http://127.0.0.1:1',
      timeZone: 'UTC',
      isDemo: false,
      createdAt: '2024-01-01T00:00:00.000Z',
    });
    writeOrderPage(t.db, 's', [makeOrder(1, {}, 's')], [{}], [], null);
    setReview(t.db, 's', 1, { reviewed: true });
    const tables = ['order_facet_totals', 'order_day_totals', 'order_reviewed_totals', 'order_reviewed_day_totals'];
    const rows = () =>
      t.db
        .prepare(
          `SELECT ${tables.map((table) => `(SELECT count(*) FROM ${table} WHERE store_id = 's')`).join(' + ')} AS n`,
        )
        .get();
    expect(rows()).toEqual({ n: 4 });
    removeStore(t.db, 's');
    expect(rows()).toEqual({ n: 0 });
  });
});
