import type { Migration } from './migration';

/**
 * `orders.write_digest`: a digest of what an order's row was written from (its packed raw record and the order the
 * normaliser read from it). A sync that reads the order again and finds the same digest leaves the row, its
 * relations, its search row and its kept totals as they are, instead of deleting and writing them again: most
 * orders an incremental sync or a full sync's catch-up reads have not changed. A different normaliser, store zone or
 * record gives another digest. Adding the column rewrites no row; existing orders keep NULL and are written as before
 * until their next read.
 */
const SQL = `
ALTER TABLE orders ADD COLUMN write_digest BLOB;
`;

export const migration013: Migration = {
  version: 13,
  name: 'the digest each order row was written from',
  up(db) {
    db.exec(SQL);
  },
};
