import type { Migration } from './migration';

/**
 * `orders.arrival_run`: the number of the sync run that first brought the order into the cache, set on insert and
 * never updated, so "the orders these runs brought" (the new-orders notice) is one exact filter however many runs
 * the person let pass before looking. A store's first sync brings every order, which is not news: its orders keep
 * NULL, so the partial index holds only orders that arrived in later runs (a few per run) and costs nothing at
 * 1,000,000 orders. Adding the column rewrites no row; existing orders keep NULL.
 */
const SQL = `
ALTER TABLE orders ADD COLUMN arrival_run INTEGER;
CREATE INDEX orders_by_arrival ON orders (store_id, arrival_run, created_utc, id) WHERE arrival_run IS NOT NULL;
`;

export const migration011: Migration = {
  version: 11,
  name: 'the sync run that first brought each order',
  up(db) {
    db.exec(SQL);
  },
};
