import type { Migration } from './migration';

/**
 * Three things the million-order store needed to answer in milliseconds (BENCHMARKS.md has the before/after):
 *
 * 1. `orders.reviewed` / `orders.flagged`: a trigger-kept mirror of review_state (which stays the
 *    merchant's record: sync never writes it, and it outlives a purge of the orders). With the flags on the
 *    row, partial indexes serve "reviewed"/"flagged" lists in date order without probing another table.
 * 2. Facet totals: orders per (status, payment, delivered) for the whole store and per UTC day, kept by
 *    triggers. Totals and status chips under any mix of those filters and a date range become sums over a
 *    few hundred rows (plus an exact count of at most two partial days at the range's ends) instead of
 *    counting hundreds of thousands of index entries.
 * 3. The search index with joined tokens (see db/search/terms.ts): a word such as an e-mail or an SKU is also
 *    indexed as one token, so searching for it is one prefix lookup instead of a phrase check. The index is
 *    derived data: this step empties it, and the search reindex (db/search/reindex.ts) fills it after the
 *    migrations with the terms of the code that runs, never with a copy frozen here.
 */

/** The facet key of an order row (`r` is `new` or `old`); '' and -1 stand for "not known". */
const FACET_KEY = {
  status: (r: string) => `coalesce(${r}.status_alias, '')`,
  payment: (r: string) => `coalesce(${r}.payment_alias, '')`,
  delivered: (r: string) => `coalesce(${r}.delivered, -1)`,
  day: (r: string) => `coalesce(substr(${r}.created_utc, 1, 10), '')`,
};

/** Statements adding `delta` to the facet rows of one order row in both tables (NOT EXISTS: see 001's totals). */
function bump(r: string, delta: '+ 1' | '- 1'): string {
  const k = FACET_KEY;
  const tables = [
    {
      table: 'order_facet_totals',
      columns: ['status_alias', 'payment_alias', 'delivered'],
      values: [k.status(r), k.payment(r), k.delivered(r)],
    },
    {
      table: 'order_day_totals',
      columns: ['day', 'status_alias', 'payment_alias', 'delivered'],
      values: [k.day(r), k.status(r), k.payment(r), k.delivered(r)],
    },
  ];
  return tables
    .map(({ table, columns, values }) => {
      const match = ['store_id', ...columns]
        .map((c, i) => `${c} = ${i === 0 ? `${r}.store_id` : values[i - 1]}`)
        .join(' AND ');
      const create =
        delta === '+ 1'
          ? `INSERT INTO ${table} (store_id, ${columns.join(', ')}, n) SELECT ${r}.store_id, ${values.join(', ')}, 0
               WHERE NOT EXISTS (SELECT 1 FROM ${table} WHERE ${match});\n`
          : '';
      return `${create}  UPDATE ${table} SET n = n ${delta} WHERE ${match};`;
    })
    .join('\n');
}

const SQL = `
ALTER TABLE orders ADD COLUMN reviewed INTEGER NOT NULL DEFAULT 0 CHECK (reviewed IN (0, 1));
ALTER TABLE orders ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1));
UPDATE orders SET reviewed = r.reviewed, flagged = r.flagged
  FROM review_state r WHERE r.store_id = orders.store_id AND r.order_id = orders.id;

-- The filters' other columns ride along, so counts under a reviewed/flagged filter read the index only.
CREATE INDEX orders_reviewed ON orders (store_id, created_utc, id, status_alias, payment_alias, delivered) WHERE reviewed = 1;
CREATE INDEX orders_flagged ON orders (store_id, created_utc, id, status_alias, payment_alias, delivered) WHERE flagged = 1;
-- review_state's own partial indexes only served the lookups the mirror replaces.
DROP INDEX review_reviewed;
DROP INDEX review_flagged;

CREATE TRIGGER review_mirror_insert AFTER INSERT ON review_state BEGIN
  UPDATE orders SET reviewed = new.reviewed, flagged = new.flagged WHERE store_id = new.store_id AND id = new.order_id;
END;
CREATE TRIGGER review_mirror_update AFTER UPDATE OF reviewed, flagged ON review_state BEGIN
  UPDATE orders SET reviewed = new.reviewed, flagged = new.flagged WHERE store_id = new.store_id AND id = new.order_id;
END;
CREATE TRIGGER review_mirror_delete AFTER DELETE ON review_state BEGIN
  UPDATE orders SET reviewed = 0, flagged = 0 WHERE store_id = old.store_id AND id = old.order_id;
END;
-- An order written again after a purge gets the merchant's marks back.
CREATE TRIGGER orders_review_restore AFTER INSERT ON orders
  WHEN EXISTS (SELECT 1 FROM review_state WHERE store_id = new.store_id AND order_id = new.id) BEGIN
  UPDATE orders SET
    reviewed = (SELECT reviewed FROM review_state WHERE store_id = new.store_id AND order_id = new.id),
    flagged = (SELECT flagged FROM review_state WHERE store_id = new.store_id AND order_id = new.id)
  WHERE pk = new.pk;
END;

CREATE TABLE order_facet_totals (
  store_id      TEXT NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
  status_alias  TEXT NOT NULL,
  payment_alias TEXT NOT NULL,
  delivered     INTEGER NOT NULL,
  n             INTEGER NOT NULL,
  PRIMARY KEY (store_id, status_alias, payment_alias, delivered)
) STRICT, WITHOUT ROWID;

-- Days are UTC days of created_utc: a store-zone day range is whole UTC days plus two partial ones,
-- which are counted from the orders themselves (any zone offset works, half hours included).
CREATE TABLE order_day_totals (
  store_id      TEXT NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
  day           TEXT NOT NULL,
  status_alias  TEXT NOT NULL,
  payment_alias TEXT NOT NULL,
  delivered     INTEGER NOT NULL,
  n             INTEGER NOT NULL,
  PRIMARY KEY (store_id, day, status_alias, payment_alias, delivered)
) STRICT, WITHOUT ROWID;

INSERT INTO order_facet_totals (store_id, status_alias, payment_alias, delivered, n)
  SELECT store_id, ${FACET_KEY.status('o')}, ${FACET_KEY.payment('o')}, ${FACET_KEY.delivered('o')}, count(*)
  FROM orders o GROUP BY 1, 2, 3, 4;
INSERT INTO order_day_totals (store_id, day, status_alias, payment_alias, delivered, n)
  SELECT store_id, ${FACET_KEY.day('o')}, ${FACET_KEY.status('o')}, ${FACET_KEY.payment('o')}, ${FACET_KEY.delivered('o')}, count(*)
  FROM orders o GROUP BY 1, 2, 3, 4, 5;

CREATE TRIGGER orders_facets_insert AFTER INSERT ON orders BEGIN
${bump('new', '+ 1')}
END;
CREATE TRIGGER orders_facets_delete AFTER DELETE ON orders BEGIN
${bump('old', '- 1')}
END;
-- The sync's UPSERT sets every column on each re-write: only a real change moves an order between facets.
CREATE TRIGGER orders_facets_update AFTER UPDATE OF status_alias, payment_alias, delivered, created_utc ON orders
  WHEN old.status_alias IS NOT new.status_alias OR old.payment_alias IS NOT new.payment_alias
    OR old.delivered IS NOT new.delivered OR substr(old.created_utc, 1, 10) IS NOT substr(new.created_utc, 1, 10) BEGIN
${bump('old', '- 1')}
${bump('new', '+ 1')}
END;

INSERT INTO orders_fts (orders_fts) VALUES ('delete-all');
INSERT INTO customers_fts (customers_fts) VALUES ('delete-all');
`;

export const migration002: Migration = {
  version: 2,
  name: 'review flags on orders, facet totals, search index with joined tokens',
  up(db) {
    db.exec(SQL);
  },
};
