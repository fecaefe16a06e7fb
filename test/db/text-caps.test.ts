import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { listOrders, openDatabase } from '../../src/main/core/db';
import { TEXT_CAP } from '../../src/main/core/normalize/read';
import { seed } from './dataset';
import { tempFiles } from './helpers';

const files = tempFiles('balcao-textcap-');
afterEach(() => files.cleanup());

const LONG = 'Ábaco Comprido '.repeat(70_000);

/** A seeded file whose rows hold whole megabyte texts, as a version before the cap wrote them. */
function fileFromBeforeTheCap(): string {
  const file = files.file();
  const db = openDatabase(file);
  seed(db);
  db.close();
  const raw = new Database(file);
  raw
    .prepare('UPDATE orders SET customer_name = ?, customer_sort = ?, status_name = ? WHERE id = 1')
    .run(LONG, LONG, LONG);
  raw
    .prepare(
      'UPDATE order_items SET name = ? WHERE order_pk = (SELECT min(order_pk) FROM order_items) AND position = 0',
    )
    .run(LONG);
  raw.prepare('UPDATE customers SET name = ?, email = ? WHERE pk = (SELECT min(pk) FROM customers)').run(LONG, LONG);
  raw.exec("DELETE FROM derived_versions WHERE name = 'text-cap'");
  raw.close();
  return file;
}

const longest = (file: string) => {
  const raw = new Database(file, { readonly: true });
  try {
    const max = (sqlText: string) => (raw.prepare(sqlText).get() as { n: number }).n;
    return {
      orders: max('SELECT max(max(length(customer_name)), max(length(status_name))) AS n FROM orders'),
      sort: max('SELECT max(length(customer_sort)) AS n FROM orders'),
      items: max('SELECT max(length(name)) AS n FROM order_items'),
      customers: max('SELECT max(max(length(name)), max(length(email)), max(length(sort_name))) AS n FROM customers'),
    };
  } finally {
    raw.close();
  }
};

describe('existing rows are capped once by a versioned step', () => {
  it('cuts every long text a file from before the cap holds, with the sort key following the cut name', () => {
    const file = fileFromBeforeTheCap();
    expect(longest(file).orders).toBe(LONG.length);
    const db = openDatabase(file);
    try {
      expect(longest(file)).toEqual({ orders: TEXT_CAP, sort: TEXT_CAP, items: TEXT_CAP, customers: TEXT_CAP });
      const row = listOrders(db, 'store-a', { search: '', sort: { key: 'customer', direction: 'desc' } }).rows.find(
        (o) => o.id === 1,
      );
      expect(row?.customerName).toBe(`${LONG.slice(0, TEXT_CAP - 1)}…`);
      expect(db.prepare("SELECT version FROM derived_versions WHERE name = 'text-cap'").get()).toEqual({ version: 1 });
    } finally {
      db.close();
    }
  });
});
