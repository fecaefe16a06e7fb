import { PAINEL_KEYS as K } from './007_painel_totals';
import type { Migration } from './migration';

/**
 * `customer_first_sales`: per store and customer, when their first sale in the cache was created, kept by triggers
 * as orders are written, re-written and deleted. The Painel's "new customers" of a period are then a range count on
 * `customer_first_sales_by_time` (a customer is new when the period holds their first sale), and "returning" the
 * period's customers less those: no look at each customer's older orders.
 *
 * A new order can only move a first sale earlier; a deleted or changed one may have been the first, so its customer
 * is counted again from `orders_by_customer` (a customer's orders, index only). Which statuses are sales is read
 * from `painel_sale_statuses` (migration 7); the table is filled from the orders by the Painel's derived step
 * (db/painel/first-sales.ts), which this step leaves empty.
 */

/** The customer of order row `r` counted again from their orders. */
const recount = (
  r: string,
) => `DELETE FROM customer_first_sales WHERE store_id = ${r}.store_id AND customer_id = ${r}.customer_id;
  INSERT INTO customer_first_sales (store_id, customer_id, first_sale_utc)
    SELECT ${r}.store_id, ${r}.customer_id, min(o.created_utc) FROM orders o INDEXED BY orders_by_customer
    WHERE o.store_id = ${r}.store_id AND o.customer_id = ${r}.customer_id AND o.created_utc IS NOT NULL AND ${K.sale('o')}
    HAVING min(o.created_utc) IS NOT NULL;`;

const SQL = `
CREATE TABLE customer_first_sales (
  store_id       TEXT NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
  customer_id    INTEGER NOT NULL,
  first_sale_utc TEXT NOT NULL,
  PRIMARY KEY (store_id, customer_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX customer_first_sales_by_time ON customer_first_sales (store_id, first_sale_utc);

CREATE TRIGGER orders_first_sale_insert AFTER INSERT ON orders
  WHEN new.customer_id IS NOT NULL AND new.created_utc IS NOT NULL AND ${K.sale('new')} BEGIN
  INSERT INTO customer_first_sales (store_id, customer_id, first_sale_utc)
    SELECT new.store_id, new.customer_id, new.created_utc WHERE 1
    ON CONFLICT (store_id, customer_id) DO UPDATE SET first_sale_utc = min(first_sale_utc, excluded.first_sale_utc);
END;
CREATE TRIGGER orders_first_sale_delete AFTER DELETE ON orders WHEN old.customer_id IS NOT NULL BEGIN
  ${recount('old')}
END;
-- The sync's UPSERT sets every column on each re-write: only a real change counts a customer again.
CREATE TRIGGER orders_first_sale_update AFTER UPDATE OF store_id, customer_id, created_utc, status_alias ON orders
  WHEN old.store_id IS NOT new.store_id OR old.customer_id IS NOT new.customer_id
    OR old.created_utc IS NOT new.created_utc OR old.status_alias IS NOT new.status_alias BEGIN
  ${recount('old')}
  ${recount('new')}
END;
`;

export const migration009: Migration = {
  version: 9,
  name: "each customer's first sale, for the Painel's new and returning customers",
  up(db) {
    db.exec(SQL);
  },
};
