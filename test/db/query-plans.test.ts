import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderListSql } from '../../src/main/core/db';
import type { OrderQuery } from '../../src/shared/domain/query';
import { tempDb, type TempDb } from './helpers';
import { seed } from './dataset';

let t: TempDb;
beforeAll(() => {
  t = tempDb();
  seed(t.db);
});
afterAll(() => t.close());

function plan(sql: string, params: readonly unknown[]): string[] {
  return (t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
}

/** Lines that read the orders table (aliased o) must SEARCH it by a key, never SCAN it. */
function ordersAccess(lines: string[]): string[] {
  return lines.filter((line) => /^(SCAN|SEARCH) (o|orders)\b/.test(line));
}

const QUERIES: [string, OrderQuery, RegExp][] = [
  ['default (newest first)', {}, /orders_by_created/],
  ['one status', { statuses: ['paid'] }, /orders_by_status/],
  ['several statuses', { statuses: ['paid', 'cancelled'] }, /INDEX/],
  [
    'date range',
    { from: '2024-03-01', to: '2024-03-05' },
    /orders_by_created \(store_id=\? AND created_utc>\? AND created_utc<\?\)/,
  ],
  ['payment method', { paymentMethods: ['pix'] }, /orders_by_payment/],
  ['total range', { minTotalCents: 1, maxTotalCents: 5000 }, /orders_by_total/],
  // What the order list's filters send together: several payment methods, a total range, a review state.
  // Two methods are a large share of a store: SQLite walks the date index the page is sorted by and skips the rest.
  ['two payment methods', { paymentMethods: ['pix', 'billet'] }, /orders_by_(payment|created)/],
  [
    'two payment methods, a total range and unreviewed',
    { paymentMethods: ['pix', 'billet'], minTotalCents: 15_000, maxTotalCents: 100_050, review: 'unreviewed' },
    /INDEX/,
  ],
  ['delivered', { delivered: true }, /orders_by_delivered/],
  ['customer', { customerId: 102 }, /orders_by_customer/],
  ['reviewed', { review: 'reviewed' }, /orders_reviewed/],
  ['flagged', { review: 'flagged' }, /orders_flagged/],
  ['unreviewed', { review: 'unreviewed' }, /orders_by_created/],
  ['search', { search: 'alvaro' }, /orders_by_search_key/],
  ['search and a status', { search: 'alvaro', statuses: ['paid'] }, /orders_by_search_key/],
  ['search, sorted by total', { search: 'alvaro', sort: { key: 'total', direction: 'desc' } }, /orders_by_search_key/],
  ['sort by number', { sort: { key: 'number', direction: 'asc' } }, /orders_by_number/],
  ['sort by total', { sort: { key: 'total', direction: 'desc' } }, /orders_by_total/],
  ['sort by customer', { sort: { key: 'customer', direction: 'asc' } }, /orders_by_customer_sort/],
  ['sort by status', { sort: { key: 'status', direction: 'desc' } }, /orders_by_status/],
  [
    'sort by status under a payment filter',
    { paymentMethods: ['pix'], sort: { key: 'status', direction: 'asc' } },
    /orders_by_status/,
  ],
  ['sort by status, a deep page', { sort: { key: 'status', direction: 'asc' }, offset: 30 }, /orders_by_status/],
  ['sort by payment', { sort: { key: 'payment', direction: 'asc' } }, /orders_by_payment/],
];

describe('order list query plans', () => {
  for (const [name, query, index] of QUERIES) {
    it(`${name}: searches orders through an index, page and count alike`, () => {
      const { sql, params, count } = orderListSql(t.db, 'store-a', query);
      expect(ordersAccess(plan(sql, params)).length).toBeGreaterThan(0);
      // A search's count with no other filter reads only the search index (the store's key range).
      const countLines = plan(count.sql, count.params);
      expect(ordersAccess(countLines).length > 0 || countLines.some((line) => /orders_fts/.test(line))).toBe(true);
      for (const line of [...ordersAccess(plan(sql, params)), ...ordersAccess(countLines)])
        expect(line).toMatch(/^SEARCH /);
      expect(ordersAccess(plan(sql, params)).join('\n')).toMatch(index);
    });
  }

  it('a sort on its own index needs no temporary sort, nor does a search in date order (the search index is in date order)', () => {
    for (const key of ['date', 'number', 'total', 'customer', 'status', 'payment'] as const) {
      const { sql, params } = orderListSql(t.db, 'store-a', { sort: { key, direction: 'asc' } });
      expect(plan(sql, params).join('\n')).not.toMatch(/TEMP B-TREE/);
    }
    for (const direction of ['asc', 'desc'] as const) {
      const { sql, params } = orderListSql(t.db, 'store-a', {
        search: 'alvaro',
        statuses: ['paid'],
        sort: { key: 'date', direction },
      });
      expect(plan(sql, params).join('\n')).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('customer totals read only the covering index', () => {
    const lines = plan('SELECT count(*), sum(total_cents) FROM orders WHERE store_id = ? AND customer_id = ?', [
      'store-a',
      102,
    ]);
    expect(lines).toEqual([expect.stringMatching(/^SEARCH orders USING COVERING INDEX orders_by_customer/)]);
  });
});
