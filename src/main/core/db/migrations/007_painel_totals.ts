import type { Migration } from './migration';

/**
 * Trigger-kept totals the Painel reads instead of its orders (BENCHMARKS.md, Painel):
 *
 * - `order_slice_totals`: per store and quarter hour of creation (quarter hours since 1970-01-01T00:00Z), the
 *   orders, the sales, their revenue and the items they sold. A quarter hour lies inside one hour of every zone in
 *   use (offsets are whole quarter hours: Asia/Kolkata's +05:30, Asia/Kathmandu's +05:45), so a store-zone day, its
 *   hour of day and weekday are sums of whole slices in any zone, DST years included; a UTC hour would split every
 *   Kolkata hour in two. A number rather than text: the reader groups a year's slices by local day, hour and
 *   weekday in SQLite with integer arithmetic under each span of one offset.
 * - `order_day_statuses`: per store, UTC day and status, the orders and their total; `order_day_payments`: per
 *   store, UTC day and payment method, the orders, the sales and their revenue. The status and payment tables need
 *   no hours: a period is whole UTC days plus two partial days counted from the orders. Two tables rather than one
 *   per status and payment: a day has some 20 rows instead of some 80.
 *
 * - `order_sku_months`: per store, UTC month and SKU, the quantity sold and its revenue (quantity × unit price), with
 *   the greatest name it was sold under (as the reader's max(name) over items gives). Top SKUs are summed over whole months, the rest of the period from the items.
 *   Months rather than days: a day of a busy store sells a thousand SKUs, and a year of days would be 400,000 rows.
 *
 * Which statuses are sales is the app's (shared/domain/painel.ts), not this step's: the triggers read it from
 * `painel_sale_statuses`, which the Painel's derived-data step (db/painel/totals.ts) fills and recounts the
 * tables with, whenever its version differs from the code's. This step only creates them empty.
 *
 * Items are written after their order (and deleted with it), so an item's own triggers move its quantity, finding
 * its order's slice by pk; an order's removal takes its items' share in its BEFORE trigger, while they still exist
 * (the cascade deletes them after the order, when their trigger no longer finds it).
 */

/** The keys of an order row (`r` is `new` or `old`); '' (-1 for the slice) for an order with no creation time. */
export const PAINEL_KEYS = {
  slice: (r: string) => `coalesce(unixepoch(substr(${r}.created_utc, 1, 19)) / 900, -1)`,
  day: (r: string) => `coalesce(substr(${r}.created_utc, 1, 10), '')`,
  month: (r: string) => `coalesce(substr(${r}.created_utc, 1, 7), '')`,
  status: (r: string) => `coalesce(${r}.status_alias, '')`,
  payment: (r: string) => `coalesce(${r}.payment_alias, '')`,
  sale: (r: string) => `EXISTS (SELECT 1 FROM painel_sale_statuses WHERE alias = ${r}.status_alias)`,
  /** Items sold by an order: gifts are shipped, not sold. */
  items: (r: string) => `(SELECT coalesce(sum(quantity), 0) FROM order_items WHERE order_pk = ${r}.pk AND gift = 0)`,
};

const K = PAINEL_KEYS;

/** Each table an order has a share in: its key columns and values, and what the order adds to its figures. */
const SHARES = (r: string) => [
  {
    table: 'order_slice_totals',
    keys: { slice: K.slice(r) },
    adds: {
      n: '1',
      sales: K.sale(r),
      revenue_cents: `${K.sale(r)} * coalesce(${r}.total_cents, 0)`,
      items: `${K.sale(r)} * ${K.items(r)}`,
    },
  },
  {
    table: 'order_day_statuses',
    keys: { day: K.day(r), status_alias: K.status(r) },
    adds: { n: '1', cents: `coalesce(${r}.total_cents, 0)` },
  },
  {
    table: 'order_day_payments',
    keys: { day: K.day(r), payment_alias: K.payment(r) },
    adds: { n: '1', sales: K.sale(r), revenue_cents: `${K.sale(r)} * coalesce(${r}.total_cents, 0)` },
  },
];

/** Statements adding (`+`) or taking (`-`) one order row's share in every table (NOT EXISTS: see 001's totals). */
function move(r: string, sign: '+' | '-'): string {
  return SHARES(r)
    .map(({ table, keys, adds }) => {
      const match = [`store_id = ${r}.store_id`, ...Object.entries(keys).map(([c, v]) => `${c} = ${v}`)].join(' AND ');
      const create =
        sign === '+'
          ? `INSERT INTO ${table} (store_id, ${[...Object.keys(keys), ...Object.keys(adds)].join(', ')})
    SELECT ${r}.store_id, ${[...Object.values(keys), ...Object.keys(adds).map(() => '0')].join(', ')}
    WHERE NOT EXISTS (SELECT 1 FROM ${table} WHERE ${match});
  `
          : '';
      const set = Object.entries(adds)
        .map(([c, v]) => `${c} = ${c} ${sign} ${v}`)
        .join(', ');
      return `${create}UPDATE ${table} SET ${set} WHERE ${match};`;
    })
    .concat(moveSkus(r, sign))
    .join('\n  ');
}

/** An order's sold items in or out of its month's SKU rows, when it is a sale (none yet when it is first written). */
function moveSkus(r: string, sign: '+' | '-'): string {
  const match = `store_id = ${r}.store_id AND month = ${K.month(r)}`;
  const items = `FROM order_items i WHERE i.order_pk = ${r}.pk AND i.gift = 0`;
  const create =
    sign === '+'
      ? `INSERT INTO order_sku_months (store_id, month, sku, name, quantity, revenue_cents)
    SELECT ${r}.store_id, ${K.month(r)}, coalesce(i.sku, ''), max(i.name), 0, 0 ${items} AND ${K.sale(r)}
      AND NOT EXISTS (SELECT 1 FROM order_sku_months WHERE ${match} AND sku = coalesce(i.sku, ''))
    GROUP BY coalesce(i.sku, '');
  `
      : '';
  const of = `${items} AND coalesce(i.sku, '') = order_sku_months.sku`;
  return `${create}UPDATE order_sku_months SET
    quantity = quantity ${sign} (SELECT sum(i.quantity) ${of}),
    revenue_cents = revenue_cents ${sign} (SELECT coalesce(sum(i.quantity * i.unit_price_cents), 0) ${of})
    WHERE ${match} AND ${K.sale(r)} AND sku IN (SELECT coalesce(i.sku, '') ${items});`;
}

/**
 * An item's quantity added to or taken from its order's slice and month, when the order is a sale and still there.
 */
function moveItem(r: string, sign: '+' | '-'): string {
  const order = `FROM orders o WHERE o.pk = ${r}.order_pk AND ${K.sale('o')}`;
  const sku = `coalesce(${r}.sku, '')`;
  const create =
    sign === '+'
      ? `INSERT INTO order_sku_months (store_id, month, sku, name, quantity, revenue_cents)
    SELECT o.store_id, ${K.month('o')}, ${sku}, ${r}.name, 0, 0 ${order} AND ${r}.gift = 0
      AND NOT EXISTS (SELECT 1 FROM order_sku_months WHERE store_id = o.store_id AND month = ${K.month('o')} AND sku = ${sku});
  `
      : '';
  const name =
    sign === '+'
      ? `, name = CASE WHEN name IS NULL OR ${r}.name > name THEN coalesce(${r}.name, name) ELSE name END`
      : '';
  return `${create}UPDATE order_slice_totals SET items = items ${sign} ${r}.quantity
    WHERE ${r}.gift = 0 AND (store_id, slice) = (SELECT o.store_id, ${K.slice('o')} ${order});
  UPDATE order_sku_months SET quantity = quantity ${sign} ${r}.quantity,
    revenue_cents = revenue_cents ${sign} coalesce(${r}.quantity * ${r}.unit_price_cents, 0)${name}
    WHERE ${r}.gift = 0 AND (store_id, month, sku) = (SELECT o.store_id, ${K.month('o')}, ${sku} ${order});`;
}

const SQL = `
CREATE TABLE painel_sale_statuses (
  alias TEXT PRIMARY KEY
) STRICT, WITHOUT ROWID;

CREATE TABLE order_slice_totals (
  store_id      TEXT NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
  slice         INTEGER NOT NULL,
  n             INTEGER NOT NULL,
  sales         INTEGER NOT NULL,
  revenue_cents INTEGER NOT NULL,
  items         INTEGER NOT NULL,
  PRIMARY KEY (store_id, slice)
) STRICT, WITHOUT ROWID;

CREATE TABLE order_day_statuses (
  store_id      TEXT NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
  day           TEXT NOT NULL,
  status_alias  TEXT NOT NULL,
  n             INTEGER NOT NULL,
  cents         INTEGER NOT NULL,
  PRIMARY KEY (store_id, day, status_alias)
) STRICT, WITHOUT ROWID;

CREATE TABLE order_day_payments (
  store_id      TEXT NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
  day           TEXT NOT NULL,
  payment_alias TEXT NOT NULL,
  n             INTEGER NOT NULL,
  sales         INTEGER NOT NULL,
  revenue_cents INTEGER NOT NULL,
  PRIMARY KEY (store_id, day, payment_alias)
) STRICT, WITHOUT ROWID;

CREATE TABLE order_sku_months (
  store_id      TEXT NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
  month         TEXT NOT NULL, -- 'YYYY-MM'
  sku           TEXT NOT NULL, -- '' for items with no SKU
  name          TEXT,
  quantity      INTEGER NOT NULL,
  revenue_cents INTEGER NOT NULL,
  PRIMARY KEY (store_id, month, sku)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER orders_painel_insert AFTER INSERT ON orders BEGIN
  ${move('new', '+')}
END;
CREATE TRIGGER orders_painel_delete BEFORE DELETE ON orders BEGIN
  ${move('old', '-')}
END;
-- The sync's UPSERT sets every column on each re-write: only a real change moves an order's share.
CREATE TRIGGER orders_painel_update AFTER UPDATE OF status_alias, payment_alias, created_utc, total_cents ON orders
  WHEN old.status_alias IS NOT new.status_alias OR old.payment_alias IS NOT new.payment_alias
    OR old.created_utc IS NOT new.created_utc OR old.total_cents IS NOT new.total_cents BEGIN
  ${move('old', '-')}
  ${move('new', '+')}
END;
-- An item of an order that is no sale (or already gone, in a cascade) stops at one look at its order.
CREATE TRIGGER order_items_painel_insert AFTER INSERT ON order_items
  WHEN new.gift = 0 AND EXISTS (SELECT 1 FROM orders o WHERE o.pk = new.order_pk AND ${K.sale('o')}) BEGIN
  ${moveItem('new', '+')}
END;
CREATE TRIGGER order_items_painel_delete AFTER DELETE ON order_items
  WHEN old.gift = 0 AND EXISTS (SELECT 1 FROM orders o WHERE o.pk = old.order_pk AND ${K.sale('o')}) BEGIN
  ${moveItem('old', '-')}
END;
CREATE TRIGGER order_items_painel_update
  AFTER UPDATE OF quantity, gift, order_pk, sku, name, unit_price_cents ON order_items BEGIN
  ${moveItem('old', '-')}
  ${moveItem('new', '+')}
END;
`;

export const migration007: Migration = {
  version: 7,
  name: 'Painel totals per quarter hour, and per day and status or payment method',
  up(db) {
    db.exec(SQL);
  },
};
