import { PAINEL_KEYS as K } from './007_painel_totals';
import type { Migration } from './migration';

/**
 * `customer_sale_months`: per store, UTC month and customer, their sales and the revenue of those, kept by triggers
 * as orders are written, re-written and deleted. The Painel's top customers and its count of customers with a sale
 * are then summed over the months a period covers, with the orders of its cut months' edges added or taken away,
 * instead of grouping every sale of the period: a month of a store with 30,000 customers is some 12,000 rows against
 * 28,000 orders, and the rows are narrow and read in key order where the orders are fetched one by one.
 *
 * Orders with no customer or no creation time have no share. A row whose sales fall to zero is deleted, so a
 * removed store leaves none behind. Which statuses are sales is read from `painel_sale_statuses` (migration 7); the
 * table is filled from the orders by the Painel's derived step (db/painel/customer-months.ts), which this step
 * leaves empty.
 */

const share = (r: string) => `${r}.customer_id IS NOT NULL AND ${r}.created_utc IS NOT NULL AND ${K.sale(r)}`;
const key = (r: string) => `store_id = ${r}.store_id AND month = ${K.month(r)} AND customer_id = ${r}.customer_id`;

/** Adds order row `r`'s sale to its customer's month, when it has a share. */
const add = (r: string) => `INSERT INTO customer_sale_months (store_id, month, customer_id, sales, revenue_cents)
    SELECT ${r}.store_id, ${K.month(r)}, ${r}.customer_id, 1, coalesce(${r}.total_cents, 0) WHERE ${share(r)}
    ON CONFLICT (store_id, month, customer_id)
    DO UPDATE SET sales = sales + 1, revenue_cents = revenue_cents + excluded.revenue_cents;`;

/** Takes order row `r`'s sale from its customer's month, when it had a share. */
const take = (r: string) => `UPDATE customer_sale_months
    SET sales = sales - 1, revenue_cents = revenue_cents - coalesce(${r}.total_cents, 0)
    WHERE ${key(r)} AND ${share(r)};
  DELETE FROM customer_sale_months WHERE ${key(r)} AND sales = 0;`;

const SQL = `
CREATE TABLE customer_sale_months (
  store_id      TEXT NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
  month         TEXT NOT NULL, -- 'YYYY-MM', UTC
  customer_id   INTEGER NOT NULL,
  sales         INTEGER NOT NULL,
  revenue_cents INTEGER NOT NULL,
  PRIMARY KEY (store_id, month, customer_id)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER orders_customer_month_insert AFTER INSERT ON orders WHEN ${share('new')} BEGIN
  ${add('new')}
END;
CREATE TRIGGER orders_customer_month_delete AFTER DELETE ON orders WHEN ${share('old')} BEGIN
  ${take('old')}
END;
-- The sync's UPSERT sets every column on each re-write: only a real change moves a sale.
CREATE TRIGGER orders_customer_month_update
  AFTER UPDATE OF store_id, customer_id, created_utc, status_alias, total_cents ON orders
  WHEN old.store_id IS NOT new.store_id OR old.customer_id IS NOT new.customer_id
    OR old.created_utc IS NOT new.created_utc OR old.status_alias IS NOT new.status_alias
    OR old.total_cents IS NOT new.total_cents BEGIN
  ${take('old')}
  ${add('new')}
END;
`;

export const migration010: Migration = {
  version: 10,
  name: "each customer's sales per month, for the Painel's top customers",
  up(db) {
    db.exec(SQL);
  },
};
