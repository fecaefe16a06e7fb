import { PAINEL_KEYS as K } from './007_painel_totals';
import type { Migration } from './migration';

/**
 * Two more trigger-kept totals for the Painel (BENCHMARKS.md, Painel):
 *
 * - `customer_sale_months`: per store, UTC month and customer, their sales and the revenue of those, kept as orders
 *   are written, re-written and deleted. The Painel's top customers and its count of customers with a sale are then
 *   summed over the months a period covers, with the orders of its ends added or taken away, instead of grouping
 *   every sale of the period: narrow rows read in key order (at most one per sale, 1,600 a month against 15,800
 *   sales in the 1,000,000-order bench cache) where the orders are fetched one by one. Orders with no customer or
 *   no creation time have no share; a row whose sales fall to zero is deleted, so a removed store leaves none behind.
 * - `order_hour_totals`: migration 7's quarter-hour totals per UTC hour (hours since 1970-01-01T00:00Z). In a zone
 *   whose offset is a whole number of hours (all of Brazil's) a local hour is a UTC hour, so a year is 8,760 rows
 *   instead of 35,040 quarter hours; the Painel reads the quarter hours only for other zones. Kept as migration 7
 *   keeps the quarter hours: an order's share by the order's triggers, an item's by the item's (items are written
 *   after their order), an order's items taken in its BEFORE DELETE trigger while they still exist.
 *
 * Which statuses are sales is read from `painel_sale_statuses` (migration 7); the tables are filled from the orders
 * by the Painel's derived steps (db/painel/customer-months.ts, db/painel/hour-totals.ts), which this step leaves
 * empty.
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

/** The UTC hour of order row `r`'s creation; -1 for none. */
const hourOf = (r: string) => `coalesce(unixepoch(substr(${r}.created_utc, 1, 19)) / 3600, -1)`;

/**
 * Adds (`+`) or takes (`-`) order row `r`'s share of its hour: one order and, when a sale, its revenue and items.
 * Only an addition creates the hour's row: inside a store's removal the cascade may already have deleted the store's
 * hours, and re-creating one there would point at a store that is gone.
 */
const moveHour = (r: string, sign: '+' | '-') => `${
  sign === '+'
    ? `INSERT INTO order_hour_totals
    (store_id, hour, n, sales, revenue_cents, items)
    SELECT ${r}.store_id, ${hourOf(r)}, 0, 0, 0, 0
    WHERE NOT EXISTS (SELECT 1 FROM order_hour_totals WHERE store_id = ${r}.store_id AND hour = ${hourOf(r)});
  `
    : ''
}UPDATE order_hour_totals SET n = n ${sign} 1, sales = sales ${sign} ${K.sale(r)},
    revenue_cents = revenue_cents ${sign} ${K.sale(r)} * coalesce(${r}.total_cents, 0),
    items = items ${sign} ${K.sale(r)} * ${K.items(r)}
    WHERE store_id = ${r}.store_id AND hour = ${hourOf(r)};`;

/** An item's quantity added to or taken from its order's hour, when the order is a sale and still there. */
const moveItemHour = (r: string, sign: '+' | '-') => `UPDATE order_hour_totals SET items = items ${sign} ${r}.quantity
    WHERE ${r}.gift = 0
      AND (store_id, hour) = (SELECT o.store_id, ${hourOf('o')} FROM orders o WHERE o.pk = ${r}.order_pk AND ${K.sale('o')});`;

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

CREATE TABLE order_hour_totals (
  store_id      TEXT NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
  hour          INTEGER NOT NULL,
  n             INTEGER NOT NULL,
  sales         INTEGER NOT NULL,
  revenue_cents INTEGER NOT NULL,
  items         INTEGER NOT NULL,
  PRIMARY KEY (store_id, hour)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER orders_hour_insert AFTER INSERT ON orders BEGIN
  ${moveHour('new', '+')}
END;
CREATE TRIGGER orders_hour_delete BEFORE DELETE ON orders BEGIN
  ${moveHour('old', '-')}
END;
CREATE TRIGGER orders_hour_update AFTER UPDATE OF store_id, status_alias, created_utc, total_cents ON orders
  WHEN old.store_id IS NOT new.store_id OR old.status_alias IS NOT new.status_alias
    OR old.created_utc IS NOT new.created_utc OR old.total_cents IS NOT new.total_cents BEGIN
  ${moveHour('old', '-')}
  ${moveHour('new', '+')}
END;
CREATE TRIGGER order_items_hour_insert AFTER INSERT ON order_items WHEN new.gift = 0 BEGIN
  ${moveItemHour('new', '+')}
END;
CREATE TRIGGER order_items_hour_delete AFTER DELETE ON order_items WHEN old.gift = 0 BEGIN
  ${moveItemHour('old', '-')}
END;
CREATE TRIGGER order_items_hour_update AFTER UPDATE OF quantity, gift, order_pk ON order_items BEGIN
  ${moveItemHour('old', '-')}
  ${moveItemHour('new', '+')}
END;
`;

export const migration010: Migration = {
  version: 10,
  name: "the Painel's totals per UTC hour, and each customer's sales per month",
  up(db) {
    db.exec(SQL);
  },
};
