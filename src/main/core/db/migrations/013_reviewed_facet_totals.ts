import type { Migration } from './migration';

/**
 * The reviewed orders' share of the facet totals (migration 2): orders marked reviewed per (status, payment,
 * delivered), for the whole store and per UTC day, kept by triggers on `orders.reviewed` (review_state's mirror) and
 * on the facet columns. "Não revisados" is then the facet totals less these: its status chips and total cost the
 * same few hundred rows however many orders the merchant has reviewed, where counting the reviewed orders grew with
 * every day's work (a store reviewing every order would count nearly all of them).
 */

const KEY = {
  status: (r: string) => `coalesce(${r}.status_alias, '')`,
  payment: (r: string) => `coalesce(${r}.payment_alias, '')`,
  delivered: (r: string) => `coalesce(${r}.delivered, -1)`,
  day: (r: string) => `coalesce(substr(${r}.created_utc, 1, 10), '')`,
};

const TABLES = [
  { table: 'order_reviewed_totals', columns: ['status_alias', 'payment_alias', 'delivered'] },
  { table: 'order_reviewed_day_totals', columns: ['day', 'status_alias', 'payment_alias', 'delivered'] },
];

const keyOf = (column: string, r: string) =>
  column === 'day'
    ? KEY.day(r)
    : column === 'status_alias'
      ? KEY.status(r)
      : column === 'payment_alias'
        ? KEY.payment(r)
        : KEY.delivered(r);

/** Statements adding one (`+ 1`) or taking one (`- 1`) from the rows of order row `r` in both tables. */
function bump(r: string, delta: '+ 1' | '- 1'): string {
  return TABLES.map(({ table, columns }) => {
    const match = [`store_id = ${r}.store_id`, ...columns.map((c) => `${c} = ${keyOf(c, r)}`)].join(' AND ');
    const create =
      delta === '+ 1'
        ? `INSERT INTO ${table} (store_id, ${columns.join(', ')}, n)
             SELECT ${r}.store_id, ${columns.map((c) => keyOf(c, r)).join(', ')}, 0
             WHERE NOT EXISTS (SELECT 1 FROM ${table} WHERE ${match});\n`
        : '';
    return `${create}  UPDATE ${table} SET n = n ${delta} WHERE ${match};`;
  }).join('\n');
}

/** An update that moves the order between rows: its mark or one of the facet columns changed. */
const MOVED = `(old.reviewed IS NOT new.reviewed OR old.status_alias IS NOT new.status_alias
    OR old.payment_alias IS NOT new.payment_alias OR old.delivered IS NOT new.delivered
    OR substr(old.created_utc, 1, 10) IS NOT substr(new.created_utc, 1, 10))`;

const UPDATED_COLUMNS = 'reviewed, status_alias, payment_alias, delivered, created_utc';

const SQL = `
CREATE TABLE order_reviewed_totals (
  store_id      TEXT NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
  status_alias  TEXT NOT NULL,
  payment_alias TEXT NOT NULL,
  delivered     INTEGER NOT NULL,
  n             INTEGER NOT NULL,
  PRIMARY KEY (store_id, status_alias, payment_alias, delivered)
) STRICT, WITHOUT ROWID;
CREATE TABLE order_reviewed_day_totals (
  store_id      TEXT NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
  day           TEXT NOT NULL,
  status_alias  TEXT NOT NULL,
  payment_alias TEXT NOT NULL,
  delivered     INTEGER NOT NULL,
  n             INTEGER NOT NULL,
  PRIMARY KEY (store_id, day, status_alias, payment_alias, delivered)
) STRICT, WITHOUT ROWID;

INSERT INTO order_reviewed_totals (store_id, status_alias, payment_alias, delivered, n)
  SELECT store_id, ${KEY.status('o')}, ${KEY.payment('o')}, ${KEY.delivered('o')}, count(*)
  FROM orders o INDEXED BY orders_reviewed WHERE reviewed = 1 GROUP BY 1, 2, 3, 4;
INSERT INTO order_reviewed_day_totals (store_id, day, status_alias, payment_alias, delivered, n)
  SELECT store_id, ${KEY.day('o')}, ${KEY.status('o')}, ${KEY.payment('o')}, ${KEY.delivered('o')}, count(*)
  FROM orders o INDEXED BY orders_reviewed WHERE reviewed = 1 GROUP BY 1, 2, 3, 4, 5;

CREATE TRIGGER orders_reviewed_totals_insert AFTER INSERT ON orders WHEN new.reviewed = 1 BEGIN
${bump('new', '+ 1')}
END;
CREATE TRIGGER orders_reviewed_totals_delete AFTER DELETE ON orders WHEN old.reviewed = 1 BEGIN
${bump('old', '- 1')}
END;
-- Two triggers, so each side runs only for a reviewed row; the sync's re-writes of unchanged orders run neither.
CREATE TRIGGER orders_reviewed_totals_leave AFTER UPDATE OF ${UPDATED_COLUMNS} ON orders
  WHEN old.reviewed = 1 AND ${MOVED} BEGIN
${bump('old', '- 1')}
END;
CREATE TRIGGER orders_reviewed_totals_enter AFTER UPDATE OF ${UPDATED_COLUMNS} ON orders
  WHEN new.reviewed = 1 AND ${MOVED} BEGIN
${bump('new', '+ 1')}
END;
`;

export const migration013: Migration = {
  version: 10,
  name: "the reviewed orders' facet totals, for the unreviewed list's chips and total",
  up(db) {
    db.exec(SQL);
  },
};
