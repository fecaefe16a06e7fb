import type { Migration } from './migration';

/**
 * The content declaration's sender, one row per store, typed by the merchant in Configurações › Lojas: local only,
 * never sent to the API, erased with its store.
 */
export const migration006: Migration = {
  version: 6,
  name: 'store_sender',
  up(db) {
    db.exec(`CREATE TABLE store_sender (
      store_id TEXT PRIMARY KEY REFERENCES stores (id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      tax_id TEXT,
      street TEXT,
      number TEXT,
      complement TEXT,
      neighborhood TEXT,
      city TEXT,
      uf TEXT,
      zipcode TEXT,
      updated_at TEXT NOT NULL
    ) STRICT`);
  },
};
