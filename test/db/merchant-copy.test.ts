import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { getSender, listStores, openDatabase, removeStore, setReview, setSender } from '../../src/main/core/db';
import { attachMerchantCopy, MERCHANT_FILE } from '../../src/main/core/db/merchant-copy';
import { seed } from './dataset';
import { tempDb, type TempDb } from './helpers';

let t: TempDb;
afterEach(() => t.close());

const SENDER = {
  name: 'Loja da Ana — ME',
  taxId: '12.345.678/0001-95',
  street: 'Rua das Flores',
  number: '10',
  complement: null,
  neighborhood: 'Centro',
  city: 'São Paulo',
  uf: 'SP',
  zipcode: '01001-000',
};

const senders = (db: TempDb['db'], schema: 'main' | 'merchant') =>
  db.prepare(`SELECT * FROM ${schema}.store_sender ORDER BY store_id`).all();

function freshCacheFrom(t: TempDb, copy: string): ReturnType<typeof openDatabase> {
  t.db.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${t.file}${suffix}`, { force: true });
  const fresh = openDatabase(t.file);
  attachMerchantCopy(fresh, copy);
  return fresh;
}

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

  it('the declaration’s sender follows each change, comes back into a fresh cache and goes with its store', () => {
    t = tempDb();
    seed(t.db);
    const copy = join(t.dir, MERCHANT_FILE);
    attachMerchantCopy(t.db, copy);
    setSender(t.db, 'store-a', { ...SENDER, name: 'primeiro nome' });
    setSender(t.db, 'store-a', SENDER);
    setSender(t.db, 'store-b', { ...SENDER, name: 'Outra loja', taxId: null });
    expect(senders(t.db, 'merchant')).toEqual(senders(t.db, 'main'));
    expect(senders(t.db, 'merchant')).toHaveLength(2);
    removeStore(t.db, 'store-b');
    expect(senders(t.db, 'merchant')).toEqual([expect.objectContaining({ store_id: 'store-a' })]);

    const fresh = freshCacheFrom(t, copy);
    try {
      expect(getSender(fresh, 'store-a')).toEqual(SENDER);
      expect(getSender(fresh, 'store-b')).toBeNull();
    } finally {
      fresh.close();
    }
  });

  it('a merchant.db from before the sender was copied gets the cache’s senders once, then follows', () => {
    t = tempDb();
    seed(t.db);
    setSender(t.db, 'store-a', SENDER);
    const copy = join(t.dir, MERCHANT_FILE);
    attachMerchantCopy(t.db, copy);
    t.db.close();
    // What the previous version left: its steps up to the saved views, and no sender.
    const older = new Database(copy);
    older.exec('DROP TABLE store_sender');
    older.pragma('user_version = 2');
    older.close();

    const db = openDatabase(t.file);
    try {
      attachMerchantCopy(db, copy);
      expect(senders(db, 'merchant')).toEqual(senders(db, 'main'));
      expect(senders(db, 'merchant')).toHaveLength(1);
      setSender(db, 'store-b', SENDER);
      expect(senders(db, 'merchant')).toEqual(senders(db, 'main'));
      expect(senders(db, 'merchant')).toHaveLength(2);
    } finally {
      db.close();
    }
  });
});
