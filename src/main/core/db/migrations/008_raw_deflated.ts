import type { Migration } from './migration';

/**
 * Raw JSON kept deflated against a preset dictionary (db/raw-json.ts): `raw_deflated` holds the packed bytes, and
 * `raw` then holds '' (orders, where it is NOT NULL) or NULL (customers). The raw JSON was 60 % of the file as text.
 *
 * Adding the columns rewrites no row. Rows written before this step keep their text in `raw` and are read as they
 * are; packing them needs the app's dictionaries, so it is derived work (db/raw-repack.ts) that runs after the
 * migrations while `derived_versions.raw` is below the code's version: 0 here.
 *
 * The status history and the transactions had their own tables, read only by the order's detail, which reads them
 * from the raw record instead (db/order-detail.ts): no list, filter, search or figure uses them, and they were
 * 18 % of a cache once the raw JSON is packed (status history ~900 bytes an order, transactions ~130).
 */
const SQL = `
ALTER TABLE orders ADD COLUMN raw_deflated BLOB;
ALTER TABLE customers ADD COLUMN raw_deflated BLOB;
INSERT INTO derived_versions (name, version) VALUES ('raw', 0);
DROP TABLE order_status_history;
DROP TABLE order_transactions;
`;

export const migration008: Migration = {
  version: 8,
  name: 'raw JSON deflated; status history and transactions read from it',
  up(db) {
    db.exec(SQL);
  },
};
