-- index customers_by_last_order
CREATE INDEX customers_by_last_order ON customers (store_id, last_order_utc, id);
-- index customers_by_name
CREATE INDEX customers_by_name ON customers (store_id, sort_name, id);
-- index customers_by_order_count
CREATE INDEX customers_by_order_count ON customers (store_id, order_count, id);
-- index orders_by_created
CREATE INDEX orders_by_created ON orders (store_id, created_utc, id, status_alias);
-- index orders_by_customer
CREATE INDEX orders_by_customer ON orders (store_id, customer_id, created_utc, id, total_cents, status_alias);
-- index orders_by_customer_sort
CREATE INDEX orders_by_customer_sort ON orders (store_id, customer_sort, id);
-- index orders_by_delivered
CREATE INDEX orders_by_delivered ON orders (store_id, delivered, created_utc, id, status_alias);
-- index orders_by_number
CREATE INDEX orders_by_number ON orders (store_id, number, id);
-- index orders_by_payment
CREATE INDEX orders_by_payment ON orders (store_id, payment_alias, created_utc, id, status_alias);
-- index orders_by_search_key
CREATE UNIQUE INDEX orders_by_search_key ON orders (search_key);
-- index orders_by_status
CREATE INDEX orders_by_status ON orders (store_id, status_alias, created_utc, id, payment_alias);
-- index orders_by_total
CREATE INDEX orders_by_total ON orders (store_id, total_cents, id, status_alias);
-- index orders_flagged
CREATE INDEX orders_flagged ON orders (store_id, created_utc, id, status_alias, payment_alias, delivered) WHERE flagged = 1;
-- index orders_reviewed
CREATE INDEX orders_reviewed ON orders (store_id, created_utc, id, status_alias, payment_alias, delivered) WHERE reviewed = 1;
-- index stores_by_search_no
CREATE UNIQUE INDEX stores_by_search_no ON stores (search_no);
-- index unreadable_by_record
CREATE INDEX unreadable_by_record ON unreadable_records (store_id, kind, record_id);
-- table customers
CREATE TABLE customers (pk INTEGER PRIMARY KEY, store_id TEXT NOT NULL REFERENCES stores(id) ON DELETE CASCADE, id INTEGER NOT NULL, source TEXT NOT NULL CHECK (source IN ('api', 'order')), name TEXT, sort_name TEXT, first_name TEXT, last_name TEXT, email TEXT, tax_id TEXT, tax_id_kind TEXT, company_name TEXT, phone TEXT, birthday TEXT, active INTEGER, created_utc TEXT, created_zone TEXT, parse_problems TEXT NOT NULL DEFAULT '[]', -- Kept up to date by every order write, so the list can sort on them through an index. order_count INTEGER NOT NULL DEFAULT 0, last_order_utc TEXT, last_order_zone TEXT, raw TEXT, synced_at TEXT NOT NULL, raw_deflated BLOB, UNIQUE (store_id, id)) STRICT;
-- table customers_fts
CREATE VIRTUAL TABLE customers_fts USING fts5(terms, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2', prefix = '3');
-- table customers_fts_config
CREATE TABLE 'customers_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
-- table customers_fts_data
CREATE TABLE 'customers_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
-- table customers_fts_docsize
CREATE TABLE 'customers_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB, origin INTEGER);
-- table customers_fts_idx
CREATE TABLE 'customers_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
-- table derived_versions
CREATE TABLE derived_versions (name TEXT PRIMARY KEY, version INTEGER NOT NULL) STRICT, WITHOUT ROWID;
-- table order_addresses
CREATE TABLE order_addresses (order_pk INTEGER NOT NULL REFERENCES orders(pk) ON DELETE CASCADE, store_id TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('shipping')), receiver TEXT, street TEXT, number TEXT, complement TEXT, neighborhood TEXT, city TEXT, uf TEXT, zipcode TEXT, country TEXT, full_address TEXT, PRIMARY KEY (order_pk, kind)) STRICT, WITHOUT ROWID;
-- table order_day_totals
CREATE TABLE order_day_totals (store_id TEXT NOT NULL REFERENCES stores(id) ON DELETE CASCADE, day TEXT NOT NULL, status_alias TEXT NOT NULL, payment_alias TEXT NOT NULL, delivered INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (store_id, day, status_alias, payment_alias, delivered)) STRICT, WITHOUT ROWID;
-- table order_facet_totals
CREATE TABLE order_facet_totals (store_id TEXT NOT NULL REFERENCES stores(id) ON DELETE CASCADE, status_alias TEXT NOT NULL, payment_alias TEXT NOT NULL, delivered INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (store_id, status_alias, payment_alias, delivered)) STRICT, WITHOUT ROWID;
-- table order_items
CREATE TABLE order_items (order_pk INTEGER NOT NULL REFERENCES orders(pk) ON DELETE CASCADE, store_id TEXT NOT NULL, position INTEGER NOT NULL, id INTEGER, sku TEXT, name TEXT, product_id INTEGER, sku_id INTEGER, quantity INTEGER NOT NULL, unit_price_cents INTEGER, gift INTEGER NOT NULL DEFAULT 0, bundle_id INTEGER, bundle_name TEXT, PRIMARY KEY (order_pk, position)) STRICT, WITHOUT ROWID;
-- table order_status_totals
CREATE TABLE order_status_totals (store_id TEXT NOT NULL REFERENCES stores(id) ON DELETE CASCADE, status_alias TEXT NOT NULL, -- '' for orders whose status could not be read status_name TEXT, n INTEGER NOT NULL, PRIMARY KEY (store_id, status_alias)) STRICT, WITHOUT ROWID;
-- table orders
CREATE TABLE orders (pk INTEGER PRIMARY KEY, store_id TEXT NOT NULL REFERENCES stores(id) ON DELETE CASCADE, id INTEGER NOT NULL, number INTEGER, status_alias TEXT, status_name TEXT, status_id INTEGER, customer_id INTEGER, customer_name TEXT, customer_sort TEXT, customer_email TEXT, customer_tax_id TEXT, customer_phone TEXT, created_utc TEXT, created_zone TEXT, updated_utc TEXT, updated_zone TEXT, total_cents INTEGER, products_cents INTEGER, shipment_cents INTEGER, discount_cents INTEGER, tax_cents INTEGER, payment_alias TEXT, payment_name TEXT, installments INTEGER, delivered INTEGER, tracking_code TEXT, track_url TEXT, promocode_id INTEGER, promocode_code TEXT, parse_problems TEXT NOT NULL DEFAULT '[]', parse_problem_count INTEGER NOT NULL DEFAULT 0, raw TEXT NOT NULL, synced_at TEXT NOT NULL, reviewed INTEGER NOT NULL DEFAULT 0 CHECK (reviewed IN (0, 1)), flagged INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)), search_key INTEGER, raw_deflated BLOB, UNIQUE (store_id, id)) STRICT;
-- table orders_fts
CREATE VIRTUAL TABLE orders_fts USING fts5(terms, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2', prefix = '3 4 5 6 7 8 9 10');
-- table orders_fts_config
CREATE TABLE 'orders_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
-- table orders_fts_data
CREATE TABLE 'orders_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
-- table orders_fts_docsize
CREATE TABLE 'orders_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB, origin INTEGER);
-- table orders_fts_idx
CREATE TABLE 'orders_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
-- table review_state
CREATE TABLE review_state (store_id TEXT NOT NULL REFERENCES stores(id) ON DELETE CASCADE, order_id INTEGER NOT NULL, reviewed INTEGER NOT NULL DEFAULT 0 CHECK (reviewed IN (0, 1)), flagged INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)), note TEXT NOT NULL DEFAULT '', updated_at TEXT NOT NULL, PRIMARY KEY (store_id, order_id)) STRICT, WITHOUT ROWID;
-- table store_sender
CREATE TABLE store_sender (store_id TEXT PRIMARY KEY REFERENCES stores (id) ON DELETE CASCADE, name TEXT NOT NULL, tax_id TEXT, street TEXT, number TEXT, complement TEXT, neighborhood TEXT, city TEXT, uf TEXT, zipcode TEXT, updated_at TEXT NOT NULL) STRICT;
-- table stores
CREATE TABLE stores (id TEXT PRIMARY KEY, alias TEXT NOT NULL, name TEXT NOT NULL, api_base_url TEXT NOT NULL, time_zone TEXT NOT NULL, is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)), created_at TEXT NOT NULL, credentials_ok INTEGER CHECK (credentials_ok IN (0, 1)), last_sync_at TEXT, last_error TEXT , search_no INTEGER, keychain_entry INTEGER NOT NULL DEFAULT 1) STRICT;
-- table sync_state
CREATE TABLE sync_state (store_id TEXT NOT NULL REFERENCES stores(id) ON DELETE CASCADE, resource TEXT NOT NULL CHECK (resource IN ('orders', 'customers')), full_sync TEXT, full_sync_done_at TEXT, high_water_mark TEXT, last_incremental_at TEXT, counts TEXT NOT NULL DEFAULT '{}', updated_at TEXT NOT NULL, PRIMARY KEY (store_id, resource)) STRICT;
-- table unreadable_records
CREATE TABLE unreadable_records (pk INTEGER PRIMARY KEY, store_id TEXT NOT NULL REFERENCES stores(id) ON DELETE CASCADE, kind TEXT NOT NULL CHECK (kind IN ('order', 'customer')), record_id INTEGER, fingerprint TEXT NOT NULL, raw TEXT NOT NULL, problems TEXT NOT NULL, first_seen_at TEXT NOT NULL, seen_at TEXT NOT NULL, UNIQUE (store_id, kind, fingerprint)) STRICT;
-- trigger customers_fts_cleanup
CREATE TRIGGER customers_fts_cleanup AFTER DELETE ON customers BEGIN DELETE FROM customers_fts WHERE rowid = old.pk; END;
-- trigger orders_facets_delete
CREATE TRIGGER orders_facets_delete AFTER DELETE ON orders BEGIN UPDATE order_facet_totals SET n = n - 1 WHERE store_id = old.store_id AND status_alias = coalesce(old.status_alias, '') AND payment_alias = coalesce(old.payment_alias, '') AND delivered = coalesce(old.delivered, -1); UPDATE order_day_totals SET n = n - 1 WHERE store_id = old.store_id AND day = coalesce(substr(old.created_utc, 1, 10), '') AND status_alias = coalesce(old.status_alias, '') AND payment_alias = coalesce(old.payment_alias, '') AND delivered = coalesce(old.delivered, -1); END;
-- trigger orders_facets_insert
CREATE TRIGGER orders_facets_insert AFTER INSERT ON orders BEGIN INSERT INTO order_facet_totals (store_id, status_alias, payment_alias, delivered, n) SELECT new.store_id, coalesce(new.status_alias, ''), coalesce(new.payment_alias, ''), coalesce(new.delivered, -1), 0 WHERE NOT EXISTS (SELECT 1 FROM order_facet_totals WHERE store_id = new.store_id AND status_alias = coalesce(new.status_alias, '') AND payment_alias = coalesce(new.payment_alias, '') AND delivered = coalesce(new.delivered, -1)); UPDATE order_facet_totals SET n = n + 1 WHERE store_id = new.store_id AND status_alias = coalesce(new.status_alias, '') AND payment_alias = coalesce(new.payment_alias, '') AND delivered = coalesce(new.delivered, -1); INSERT INTO order_day_totals (store_id, day, status_alias, payment_alias, delivered, n) SELECT new.store_id, coalesce(substr(new.created_utc, 1, 10), ''), coalesce(new.status_alias, ''), coalesce(new.payment_alias, ''), coalesce(new.delivered, -1), 0 WHERE NOT EXISTS (SELECT 1 FROM order_day_totals WHERE store_id = new.store_id AND day = coalesce(substr(new.created_utc, 1, 10), '') AND status_alias = coalesce(new.status_alias, '') AND payment_alias = coalesce(new.payment_alias, '') AND delivered = coalesce(new.delivered, -1)); UPDATE order_day_totals SET n = n + 1 WHERE store_id = new.store_id AND day = coalesce(substr(new.created_utc, 1, 10), '') AND status_alias = coalesce(new.status_alias, '') AND payment_alias = coalesce(new.payment_alias, '') AND delivered = coalesce(new.delivered, -1); END;
-- trigger orders_facets_update
CREATE TRIGGER orders_facets_update AFTER UPDATE OF status_alias, payment_alias, delivered, created_utc ON orders WHEN old.status_alias IS NOT new.status_alias OR old.payment_alias IS NOT new.payment_alias OR old.delivered IS NOT new.delivered OR substr(old.created_utc, 1, 10) IS NOT substr(new.created_utc, 1, 10) BEGIN UPDATE order_facet_totals SET n = n - 1 WHERE store_id = old.store_id AND status_alias = coalesce(old.status_alias, '') AND payment_alias = coalesce(old.payment_alias, '') AND delivered = coalesce(old.delivered, -1); UPDATE order_day_totals SET n = n - 1 WHERE store_id = old.store_id AND day = coalesce(substr(old.created_utc, 1, 10), '') AND status_alias = coalesce(old.status_alias, '') AND payment_alias = coalesce(old.payment_alias, '') AND delivered = coalesce(old.delivered, -1); INSERT INTO order_facet_totals (store_id, status_alias, payment_alias, delivered, n) SELECT new.store_id, coalesce(new.status_alias, ''), coalesce(new.payment_alias, ''), coalesce(new.delivered, -1), 0 WHERE NOT EXISTS (SELECT 1 FROM order_facet_totals WHERE store_id = new.store_id AND status_alias = coalesce(new.status_alias, '') AND payment_alias = coalesce(new.payment_alias, '') AND delivered = coalesce(new.delivered, -1)); UPDATE order_facet_totals SET n = n + 1 WHERE store_id = new.store_id AND status_alias = coalesce(new.status_alias, '') AND payment_alias = coalesce(new.payment_alias, '') AND delivered = coalesce(new.delivered, -1); INSERT INTO order_day_totals (store_id, day, status_alias, payment_alias, delivered, n) SELECT new.store_id, coalesce(substr(new.created_utc, 1, 10), ''), coalesce(new.status_alias, ''), coalesce(new.payment_alias, ''), coalesce(new.delivered, -1), 0 WHERE NOT EXISTS (SELECT 1 FROM order_day_totals WHERE store_id = new.store_id AND day = coalesce(substr(new.created_utc, 1, 10), '') AND status_alias = coalesce(new.status_alias, '') AND payment_alias = coalesce(new.payment_alias, '') AND delivered = coalesce(new.delivered, -1)); UPDATE order_day_totals SET n = n + 1 WHERE store_id = new.store_id AND day = coalesce(substr(new.created_utc, 1, 10), '') AND status_alias = coalesce(new.status_alias, '') AND payment_alias = coalesce(new.payment_alias, '') AND delivered = coalesce(new.delivered, -1); END;
-- trigger orders_fts_cleanup
CREATE TRIGGER orders_fts_cleanup AFTER DELETE ON orders BEGIN DELETE FROM orders_fts WHERE rowid = old.search_key; END;
-- trigger orders_review_restore
CREATE TRIGGER orders_review_restore AFTER INSERT ON orders WHEN EXISTS (SELECT 1 FROM review_state WHERE store_id = new.store_id AND order_id = new.id) BEGIN UPDATE orders SET reviewed = (SELECT reviewed FROM review_state WHERE store_id = new.store_id AND order_id = new.id), flagged = (SELECT flagged FROM review_state WHERE store_id = new.store_id AND order_id = new.id) WHERE pk = new.pk; END;
-- trigger orders_total_delete
CREATE TRIGGER orders_total_delete AFTER DELETE ON orders BEGIN UPDATE order_status_totals SET n = n - 1 WHERE store_id = old.store_id AND status_alias = coalesce(old.status_alias, ''); END;
-- trigger orders_total_insert
CREATE TRIGGER orders_total_insert AFTER INSERT ON orders BEGIN INSERT INTO order_status_totals (store_id, status_alias, status_name, n) SELECT new.store_id, coalesce(new.status_alias, ''), new.status_name, 0 WHERE NOT EXISTS (SELECT 1 FROM order_status_totals WHERE store_id = new.store_id AND status_alias = coalesce(new.status_alias, '')); UPDATE order_status_totals SET n = n + 1, status_name = coalesce(new.status_name, status_name) WHERE store_id = new.store_id AND status_alias = coalesce(new.status_alias, ''); END;
-- trigger orders_total_update
CREATE TRIGGER orders_total_update AFTER UPDATE OF status_alias, status_name ON orders BEGIN UPDATE order_status_totals SET n = n - 1 WHERE store_id = old.store_id AND status_alias = coalesce(old.status_alias, ''); INSERT INTO order_status_totals (store_id, status_alias, status_name, n) SELECT new.store_id, coalesce(new.status_alias, ''), new.status_name, 0 WHERE NOT EXISTS (SELECT 1 FROM order_status_totals WHERE store_id = new.store_id AND status_alias = coalesce(new.status_alias, '')); UPDATE order_status_totals SET n = n + 1, status_name = coalesce(new.status_name, status_name) WHERE store_id = new.store_id AND status_alias = coalesce(new.status_alias, ''); END;
-- trigger review_mirror_delete
CREATE TRIGGER review_mirror_delete AFTER DELETE ON review_state BEGIN UPDATE orders SET reviewed = 0, flagged = 0 WHERE store_id = old.store_id AND id = old.order_id; END;
-- trigger review_mirror_insert
CREATE TRIGGER review_mirror_insert AFTER INSERT ON review_state BEGIN UPDATE orders SET reviewed = new.reviewed, flagged = new.flagged WHERE store_id = new.store_id AND id = new.order_id; END;
-- trigger review_mirror_update
CREATE TRIGGER review_mirror_update AFTER UPDATE OF reviewed, flagged ON review_state BEGIN UPDATE orders SET reviewed = new.reviewed, flagged = new.flagged WHERE store_id = new.store_id AND id = new.order_id; END;
