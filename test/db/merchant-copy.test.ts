import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listStores, openDatabase, setReview } from '../../src/main/core/db';
import { attachMerchantCopy, MERCHANT_FILE } from '../../src/main/core/db/merchant-copy';
import { seed } from './dataset';
import { tempDb, type TempDb } from './helpers';

let t: TempDb;
afterEach(() => t.close());

const reviews = (db: TempDb['db'], schema: 'main' | 'merchant') =>
  db.prepare(`SELECT store_id, order_id, reviewed, flagged, note FROM ${schema}.review_state ORDER BY 1, 2`).all();

describe('merchant.db: the merchant’s own data beside the cache', () => {
  it('a cache from before the copy fills it once, every change follows, and a fresh cache is filled from it', () => {
    t = tempDb();
    seed(t.db);
    setReview(t.db, 'store-a', 1, { reviewed: true, note: 'antes da cópia' });
    const copy = join(t.dir, MERCHANT_FILE);
    expect(attachMerchantCopy(t.db, copy)).toBe(0);
    expect(reviews(t.db, 'merchant')).toEqual(reviews(t.db, 'main'));

    setReview(t.db, 'store-b', 2, { flagged: true, note: 'depois' });
    setReview(t.db, 'store-a', 1, { note: 'mudou' });
    expect(reviews(t.db, 'merchant')).toEqual(reviews(t.db, 'main'));
    const stores = listStores(t.db).map(({ id, alias, name, apiBaseUrl, timeZone, isDemo, createdAt }) => ({
      id,
      alias,
      name,
      apiBaseUrl,
      timeZone,
      isDemo,
      createdAt,
    }));
    const before = reviews(t.db, 'main');
    t.db.close();

    // The cache lost (a damaged file set aside): a fresh one gets the stores and the marks back.
    rmSync(t.file);
    rmSync(`${t.file}-wal`, { force: true });
    rmSync(`${t.file}-shm`, { force: true });
    const fresh = openDatabase(t.file);
    try {
      expect(attachMerchantCopy(fresh, copy)).toBe(2);
      expect(listStores(fresh)).toEqual(stores.map((s) => expect.objectContaining(s) as unknown));
      expect(reviews(fresh, 'main')).toEqual(before);
    } finally {
      fresh.close();
    }
  });
});
