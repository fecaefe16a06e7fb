import type { Migration } from './migration';

/**
 * The reviewed orders' share of the facet totals (migration 2): orders marked reviewed per (status, payment,
 * delivered), for the whole store and per UTC day, kept by triggers on `orders.reviewed` (review_state's mirror) and
 * on the facet columns. "Não revisados" is then the facet totals less these: its status chips and total cost the
 * same few hundred rows however many orders the merchant has reviewed, where counting the reviewed orders grew with
 * every day's work (a store reviewing every order would count nearly all of them).
 */

/** Each key column: its type, and its value for order row `r` ('' and -1 stand for "not known"). */
const KEY: Record<string, { type: string; of: (r: string) => string }> = {
  day: { type: 'TEXT', of: (r) => `coalesce(substr(${r}.created_utc, 1, 10), '')` },
  status_alias: { type: 'TEXT', of: (r) => `coalesce(${r}.status_alias, '')` },
  payment_alias: { type: 'TEXT', of: (r) => `coalesce(${r}.payment_alias, '')` },
  delivered: { type: 'INTEGER', of: (r) => `coalesce(${r}.delivered, -1)` },
};

/** The store's totals, and the same per UTC day of `created_utc`, as migration 2 keys the totals of every order. */
const TABLES = [
  { table: 'order_reviewed_totals', columns: ['status_alias', 'payment_alias', 'delivered'] },
  { table: 'order_reviewed_day_totals', columns: ['day', 'status_alias', 'payment_alias', 'delivered'] },
];

const values = (columns: string[], r: string) => columns.map((c) => KEY[c].of(r)).join(', ');

const tables = TABLES.map(
  ({ table, columns }) => `CREATE TABLE ${table} (
  store_id TEXT NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
  ${columns.map((c) => `${c} ${KEY[c].type} NOT NULL,`).join('\n  ')}
  n INTEGER NOT NULL,
  PRIMARY KEY (store_id, ${columns.join(', ')})
) STRICT, WITHOUT ROWID;
INSERT INTO ${table} (store_id, ${columns.join(', ')}, n)
  SELECT store_id, ${values(columns, 'o')}, count(*) FROM orders o INDEXED BY orders_reviewed
  WHERE reviewed = 1 GROUP BY store_id, ${values(columns, 'o')};`,
).join('\n');

/** Statements adding one (`+ 1`) or taking one (`- 1`) from the rows of order row `r` in both tables. */
function bump(r: string, delta: '+ 1' | '- 1'): string {
  return TABLES.map(({ table, columns }) => {
    const match = [`store_id = ${r}.store_id`, ...columns.map((c) => `${c} = ${KEY[c].of(r)}`)].join(' AND ');
    const create =
      delta === '+ 1'
        ? `INSERT INTO ${table} (store_id, ${columns.join(', ')}, n) SELECT ${r}.store_id, ${values(columns, r)}, 0
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
${tables}

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

export const migration012: Migration = {
  version: 12,
  name: "the reviewed orders' facet totals, for the unreviewed list's chips and total",
  up(db) {
    db.exec(SQL);
  },
};
