import type { Migration } from './migration';

/**
 * The first cache schema. Every table is keyed by store so that deleting a
 * store row erases all of its data (LGPD): direct children cascade from
 * `stores`, order relations cascade from `orders`, and triggers clear the FTS
 * rows, which foreign keys cannot reach.
 *
 * Times are `YYYY-MM-DDTHH:mm:ss.SSSZ` UTC text (sortable) beside the zone they
 * were sent in; money is integer cents; booleans are 0/1.
 */
const SQL = `
CREATE TABLE stores (
  id             TEXT PRIMARY KEY,
  alias          TEXT NOT NULL,
  name           TEXT NOT NULL,
  api_base_url   TEXT NOT NULL,
  time_zone      TEXT NOT NULL,
  is_demo        INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  created_at     TEXT NOT NULL,
  credentials_ok INTEGER CHECK (credentials_ok IN (0, 1)),
  last_sync_at   TEXT,
  last_error     TEXT
) STRICT;

CREATE TABLE sync_state (
  store_id            TEXT NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
  resource            TEXT NOT NULL CHECK (resource IN ('orders', 'customers')),
  full_sync           TEXT,
  full_sync_done_at   TEXT,
  high_water_mark     TEXT,
  last_incremental_at TEXT,
  counts              TEXT NOT NULL DEFAULT '{}',
  updated_at          TEXT NOT NULL,
  PRIMARY KEY (store_id, resource)
) STRICT;

CREATE TABLE orders (
  pk                  INTEGER PRIMARY KEY,
  store_id            TEXT NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
  id                  INTEGER NOT NULL,
  number              INTEGER,
  status_alias        TEXT,
  status_name         TEXT,
  status_id           INTEGER,
  customer_id         INTEGER,
  customer_name       TEXT,
  customer_sort       TEXT,
  customer_email      TEXT,
  customer_tax_id     TEXT,
  customer_phone      TEXT,
  created_utc         TEXT,
  created_zone        TEXT,
  updated_utc         TEXT,
  updated_zone        TEXT,
  total_cents         INTEGER,
  products_cents      INTEGER,
  shipment_cents      INTEGER,
  discount_cents      INTEGER,
  tax_cents           INTEGER,
  payment_alias       TEXT,
  payment_name        TEXT,
  installments        INTEGER,
  delivered           INTEGER,
  tracking_code       TEXT,
  track_url           TEXT,
  promocode_id        INTEGER,
  promocode_code      TEXT,
  parse_problems      TEXT NOT NULL DEFAULT '[]',
  parse_problem_count INTEGER NOT NULL DEFAULT 0,
  raw                 TEXT NOT NULL,
  synced_at           TEXT NOT NULL,
  UNIQUE (store_id, id)
) STRICT;

-- One index per sort, each ending in id: the sort is stable and LIMIT stops early. The filter indexes
-- also carry status_alias, so status counts under a date, payment, total or delivered filter read the index only.
CREATE INDEX orders_by_created  ON orders (store_id, created_utc, id, status_alias);
CREATE INDEX orders_by_number   ON orders (store_id, number, id);
CREATE INDEX orders_by_total    ON orders (store_id, total_cents, id, status_alias);
CREATE INDEX orders_by_customer_sort ON orders (store_id, customer_sort, id);
-- payment_alias rides along: "status X paid by Y" is the commonest pair, and its count then reads the index only.
CREATE INDEX orders_by_status   ON orders (store_id, status_alias, created_utc, id, payment_alias);
CREATE INDEX orders_by_payment  ON orders (store_id, payment_alias, created_utc, id, status_alias);
CREATE INDEX orders_by_delivered ON orders (store_id, delivered, created_utc, id, status_alias);
-- Index-only "is this FTS match in the store?" checks when counting search results.
CREATE INDEX orders_by_store_pk ON orders (store_id, pk);
-- A customer's orders in date order, and their totals (count, sum, first/last) without touching the table.
CREATE INDEX orders_by_customer ON orders (store_id, customer_id, created_utc, id, total_cents, status_alias);

-- Orders per status, kept by triggers (NOT EXISTS rather than OR IGNORE: the orders UPSERT's conflict
-- policy would override a trigger's): the unfiltered list's total and its status chips are read
-- here instead of counting a million index entries on every page.
CREATE TABLE order_status_totals (
  store_id     TEXT NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
  status_alias TEXT NOT NULL, -- '' for orders whose status could not be read
  status_name  TEXT,
  n            INTEGER NOT NULL,
  PRIMARY KEY (store_id, status_alias)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER orders_total_insert AFTER INSERT ON orders BEGIN
  INSERT INTO order_status_totals (store_id, status_alias, status_name, n)
    SELECT new.store_id, coalesce(new.status_alias, ''), new.status_name, 0
    WHERE NOT EXISTS (SELECT 1 FROM order_status_totals WHERE store_id = new.store_id AND status_alias = coalesce(new.status_alias, ''));
  UPDATE order_status_totals SET n = n + 1, status_name = coalesce(new.status_name, status_name)
    WHERE store_id = new.store_id AND status_alias = coalesce(new.status_alias, '');
END;
CREATE TRIGGER orders_total_delete AFTER DELETE ON orders BEGIN
  UPDATE order_status_totals SET n = n - 1 WHERE store_id = old.store_id AND status_alias = coalesce(old.status_alias, '');
END;
CREATE TRIGGER orders_total_update AFTER UPDATE OF status_alias, status_name ON orders BEGIN
  UPDATE order_status_totals SET n = n - 1 WHERE store_id = old.store_id AND status_alias = coalesce(old.status_alias, '');
  INSERT INTO order_status_totals (store_id, status_alias, status_name, n)
    SELECT new.store_id, coalesce(new.status_alias, ''), new.status_name, 0
    WHERE NOT EXISTS (SELECT 1 FROM order_status_totals WHERE store_id = new.store_id AND status_alias = coalesce(new.status_alias, ''));
  UPDATE order_status_totals SET n = n + 1, status_name = coalesce(new.status_name, status_name)
    WHERE store_id = new.store_id AND status_alias = coalesce(new.status_alias, '');
END;

CREATE TABLE order_items (
  order_pk         INTEGER NOT NULL REFERENCES orders(pk) ON DELETE CASCADE,
  store_id         TEXT NOT NULL,
  position         INTEGER NOT NULL,
  id               INTEGER,
  sku              TEXT,
  name             TEXT,
  product_id       INTEGER,
  sku_id           INTEGER,
  quantity         INTEGER NOT NULL,
  unit_price_cents INTEGER,
  gift             INTEGER NOT NULL DEFAULT 0,
  bundle_id        INTEGER,
  bundle_name      TEXT,
  PRIMARY KEY (order_pk, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE order_addresses (
  order_pk     INTEGER NOT NULL REFERENCES orders(pk) ON DELETE CASCADE,
  store_id     TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('shipping')),
  receiver     TEXT,
  street       TEXT,
  number       TEXT,
  complement   TEXT,
  neighborhood TEXT,
  city         TEXT,
  uf           TEXT,
  zipcode      TEXT,
  country      TEXT,
  full_address TEXT,
  PRIMARY KEY (order_pk, kind)
) STRICT, WITHOUT ROWID;

CREATE TABLE order_transactions (
  order_pk      INTEGER NOT NULL REFERENCES orders(pk) ON DELETE CASCADE,
  store_id      TEXT NOT NULL,
  position      INTEGER NOT NULL,
  id            INTEGER,
  payment_alias TEXT,
  payment_name  TEXT,
  amount_cents  INTEGER,
  installments  INTEGER,
  status        TEXT,
  authorized    INTEGER,
  captured      INTEGER,
  cancelled     INTEGER,
  created_utc   TEXT,
  created_zone  TEXT,
  PRIMARY KEY (order_pk, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE order_status_history (
  order_pk INTEGER NOT NULL REFERENCES orders(pk) ON DELETE CASCADE,
  store_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  alias    TEXT,
  name     TEXT,
  at_utc   TEXT,
  at_zone  TEXT,
  PRIMARY KEY (order_pk, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE customers (
  pk             INTEGER PRIMARY KEY,
  store_id       TEXT NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
  id             INTEGER NOT NULL,
  source         TEXT NOT NULL CHECK (source IN ('api', 'order')),
  name           TEXT,
  sort_name      TEXT,
  first_name     TEXT,
  last_name      TEXT,
  email          TEXT,
  tax_id         TEXT,
  tax_id_kind    TEXT,
  company_name   TEXT,
  phone          TEXT,
  birthday       TEXT,
  active         INTEGER,
  created_utc    TEXT,
  created_zone   TEXT,
  parse_problems TEXT NOT NULL DEFAULT '[]',
  -- Kept up to date by every order write, so the list can sort on them through an index.
  order_count    INTEGER NOT NULL DEFAULT 0,
  last_order_utc TEXT,
  last_order_zone TEXT,
  raw            TEXT,
  synced_at      TEXT NOT NULL,
  UNIQUE (store_id, id)
) STRICT;

CREATE INDEX customers_by_name ON customers (store_id, sort_name, id);
CREATE INDEX customers_by_last_order ON customers (store_id, last_order_utc, id);
CREATE INDEX customers_by_order_count ON customers (store_id, order_count, id);

CREATE TABLE unreadable_records (
  pk          INTEGER PRIMARY KEY,
  store_id    TEXT NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('order', 'customer')),
  record_id   INTEGER,
  fingerprint TEXT NOT NULL,
  raw         TEXT NOT NULL,
  problems    TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  seen_at     TEXT NOT NULL,
  UNIQUE (store_id, kind, fingerprint)
) STRICT;

CREATE INDEX unreadable_by_record ON unreadable_records (store_id, kind, record_id);

-- Local only: no foreign key to orders, so a purge and re-sync of orders keeps the merchant's work.
CREATE TABLE review_state (
  store_id   TEXT NOT NULL REFERENCES stores(id) ON DELETE CASCADE,
  order_id   INTEGER NOT NULL,
  reviewed   INTEGER NOT NULL DEFAULT 0 CHECK (reviewed IN (0, 1)),
  flagged    INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
  note       TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  PRIMARY KEY (store_id, order_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX review_reviewed ON review_state (store_id, order_id) WHERE reviewed = 1;
CREATE INDEX review_flagged ON review_state (store_id, order_id) WHERE flagged = 1;

-- Contentless: the text lives in orders/customers already; the index alone is searched.
CREATE VIRTUAL TABLE orders_fts USING fts5(
  terms, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2', prefix = '3'
);
CREATE VIRTUAL TABLE customers_fts USING fts5(
  terms, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2', prefix = '3'
);

CREATE TRIGGER orders_fts_cleanup AFTER DELETE ON orders BEGIN
  DELETE FROM orders_fts WHERE rowid = old.pk;
END;
CREATE TRIGGER customers_fts_cleanup AFTER DELETE ON customers BEGIN
  DELETE FROM customers_fts WHERE rowid = old.pk;
END;
`;

export const migration001: Migration = {
  version: 1,
  name: 'initial cache schema',
  up(db) {
    db.exec(SQL);
  },
};
