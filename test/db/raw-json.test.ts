import { createHash } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getCustomerDetail, getOrderDetail, openDatabase, readVersion, MIGRATIONS } from '../../src/main/core/db';
import { rawDictionary } from '../../src/main/core/db/raw-dictionaries';
import { packRawJson, storedRawJson, unpackRawJson } from '../../src/main/core/db/raw-json';
import { RAW_PACK_VERSION } from '../../src/main/core/db/raw-repack';
import { getReview } from '../../src/main/core/db/review-repo';
import { presentCustomer, presentOrder, StoreModel } from '../../src/main/core/fake-store';
import { redactSecrets } from '../../src/main/core/normalize';
import { ORDER_INCLUDES } from '../../src/main/core/sync';
import { addTestStore, makeOrder, tempFiles } from './helpers';
import { writeOrderPage } from '../../src/main/core/db';

const files = tempFiles('balcao-raw-');
afterEach(() => files.cleanup());

interface Packable {
  raw: string | null;
  raw_deflated: Uint8Array | null;
}

describe('packed raw JSON', () => {
  it('unpacks to the same bytes, whatever the text', () => {
    const texts = [
      '',
      'null',
      '{"id":1,"name":"Conceição Simões","note":"📦 entrega\\u0000 \\"rápida\\""}',
      JSON.stringify({ bidi: '\u202Eabc\u202C', big: 'x'.repeat(200_000), lone: '\uD800' }),
    ];
    for (const kind of ['order', 'customer'] as const) {
      for (const text of texts) expect(unpackRawJson(packRawJson(text, kind))).toBe(text);
    }
  });

  it('names its dictionary in its first byte, and an unknown dictionary is an error rather than other bytes', () => {
    expect(packRawJson('{}', 'order')[0]).toBe(1);
    expect(packRawJson('{}', 'customer')[0]).toBe(2);
    const packed = packRawJson('{"id":1}', 'order');
    packed[0] = 200;
    expect(() => unpackRawJson(packed)).toThrow(/unknown dictionary 200/);
  });

  it('keeps every released dictionary byte for byte: rows packed with one are read with it for ever', () => {
    const sha = (id: number) => createHash('sha256').update(rawDictionary(id)!).digest('hex');
    expect(sha(1)).toBe('c582a68c1db1611d24d07fa2bdc28df4b462969b1b5306e5facceb7dc37efc76');
    expect(sha(2)).toBe('04ba64510df9b5a74d4f411b22a62c96dcce44c2c6de5cc7199d25a67d16d1d5');
  });

  it('reads a row still kept as text, and packs it on the next open', () => {
    const file = files.file();
    let db = openDatabase(file);
    addTestStore(db);
    writeOrderPage(db, 'store-a', [makeOrder(1), makeOrder(2)], [{ id: 1 }, { id: 2 }], [], null);
    const old = '{"id":2,"as":"version 7 wrote it"}';
    // As a version before migration 8 left it, and the repack not yet run.
    db.prepare('UPDATE orders SET raw = ?, raw_deflated = NULL WHERE id = 2').run(old);
    db.prepare("UPDATE derived_versions SET version = 0 WHERE name = 'raw'").run();
    expect(getOrderDetail(db, 'store-a', 2)?.raw).toEqual(JSON.parse(old));
    db.close();

    db = openDatabase(file);
    const row = db.prepare('SELECT raw, raw_deflated FROM orders WHERE id = 2').get() as Packable;
    expect(row.raw).toBe('');
    expect(storedRawJson(row)).toBe(old);
    expect(getOrderDetail(db, 'store-a', 1)?.raw).toEqual({ id: 1 });
    expect(db.prepare("SELECT version FROM derived_versions WHERE name = 'raw'").get()).toEqual({
      version: RAW_PACK_VERSION,
    });
    db.close();
  });
});

describe('a cache written by version 6 (test/db/fixtures/cache-v6.sqlite)', () => {
  it('opens at the latest version with every raw record packed and byte-identical, and the review marks kept', () => {
    const file = files.file();
    copyFileSync(join(__dirname, 'fixtures', 'cache-v6.sqlite'), file);
    const db = openDatabase(file);
    expect(readVersion(db)).toBe(MIGRATIONS.length);
    // The store the fixture was written from (its README), with every include the sync asks for.
    const model = new StoreModel({ seed: 41, orders: 30, customers: 12 });
    const includes = new Set<string>(ORDER_INCLUDES);
    const orders = db.prepare('SELECT id, raw, raw_deflated FROM orders ORDER BY id').all() as (Packable & {
      id: number;
    })[];
    expect(orders).toHaveLength(30);
    for (const row of orders) {
      const record = presentOrder(model.order(model.orderIndexOfId(row.id)!), includes);
      expect(row.raw).toBe('');
      expect(storedRawJson(row)).toBe(JSON.stringify(redactSecrets(record)));
      expect(getOrderDetail(db, 'store-a', row.id)?.raw).toEqual(redactSecrets(record));
    }
    const customers = db
      .prepare("SELECT id, raw, raw_deflated FROM customers WHERE source = 'api' ORDER BY id")
      .all() as (Packable & { id: number })[];
    expect(customers).toHaveLength(12);
    for (const row of customers) {
      const record = presentCustomer(model.customer(model.customerIndexOfId(row.id)!), new Set());
      expect(row.raw).toBeNull();
      expect(storedRawJson(row)).toBe(JSON.stringify(redactSecrets(record)));
      expect(getCustomerDetail(db, 'store-a', row.id)?.raw).toEqual(redactSecrets(record));
    }
    expect(getReview(db, 'store-a', orders[0].id)).toMatchObject({ reviewed: true, note: 'conferido' });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
