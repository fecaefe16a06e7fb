import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getReview, listOrders, setReview, setReviewMany } from '../../src/main/core/db';
import { attachMerchantCopy, MERCHANT_FILE } from '../../src/main/core/db/merchant-copy';
import { addTestStore, makeOrder, tempDb, writeOrders, type TempDb } from './helpers';

const COUNT = 1_200;

let t: TempDb;
beforeEach(() => {
  t = tempDb();
  attachMerchantCopy(t.db, join(t.dir, MERCHANT_FILE));
  addTestStore(t.db);
  addTestStore(t.db, 'store-b');
  writeOrders(
    t.db,
    'store-a',
    Array.from({ length: COUNT }, (_, i) => makeOrder(i + 1)),
  );
  writeOrders(t.db, 'store-b', [makeOrder(5, {}, 'store-b')]);
});
afterEach(() => t.close());

const marks = (id: number, storeId = 'store-a') => {
  const { reviewed, flagged, note } = getReview(t.db, storeId, id);
  return { reviewed, flagged, note };
};

const merchantRow = (id: number) =>
  t.db
    .prepare('SELECT reviewed, flagged, note FROM merchant.review_state WHERE store_id = ? AND order_id = ?')
    .get('store-a', id);

describe('bulk review marks', () => {
  it('marks every cached id once, past one statement’s chunk, and skips ids the cache does not hold', () => {
    const ids = Array.from({ length: COUNT }, (_, i) => i + 1);
    expect(setReviewMany(t.db, 'store-a', [...ids, 3, 7, 999_999], { flagged: true })).toBe(COUNT);
    expect(listOrders(t.db, 'store-a', { review: 'flagged', limit: 1 }).total).toBe(COUNT);
    expect(getReview(t.db, 'store-a', 999_999).updatedAt).toBeNull();
    expect(marks(5, 'store-b')).toEqual({ reviewed: false, flagged: false, note: '' });
  });

  it('changes only the marks it names, keeps notes, and the merchant copy follows', () => {
    setReview(t.db, 'store-a', 1, { reviewed: true, note: 'ligar antes' });
    setReview(t.db, 'store-a', 2, { flagged: true });
    expect(setReviewMany(t.db, 'store-a', [1, 2, 3], { flagged: true })).toBe(3);
    expect([1, 2, 3].map((id) => marks(id))).toEqual([
      { reviewed: true, flagged: true, note: 'ligar antes' },
      { reviewed: false, flagged: true, note: '' },
      { reviewed: false, flagged: true, note: '' },
    ]);
    expect(setReviewMany(t.db, 'store-a', [1, 2, 3], { reviewed: true, flagged: false })).toBe(3);
    expect([1, 2, 3].map((id) => marks(id))).toEqual([
      { reviewed: true, flagged: false, note: 'ligar antes' },
      { reviewed: true, flagged: false, note: '' },
      { reviewed: true, flagged: false, note: '' },
    ]);
    expect(merchantRow(1)).toEqual({ reviewed: 1, flagged: 0, note: 'ligar antes' });
    expect(merchantRow(3)).toEqual({ reviewed: 1, flagged: 0, note: '' });
    expect(listOrders(t.db, 'store-a', { review: 'reviewed', limit: 1 }).total).toBe(3);
  });

  it('writes all or nothing', () => {
    t.db.exec(`CREATE TEMP TRIGGER refuse AFTER INSERT ON main.review_state WHEN new.order_id = 900
      BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    expect(() => setReviewMany(t.db, 'store-a', [1, 2, 900], { reviewed: true })).toThrow('refused');
    expect(listOrders(t.db, 'store-a', { review: 'reviewed', limit: 1 }).total).toBe(0);
  });
});
