import type { Migration } from './migration';

/**
 * The content declaration's sender, one row per store, typed by the merchant in Configurações › Lojas: local only,
 * never sent to the API, erased with its store. `version` is 5 until the database layer's step 005 is on main, when
 * this becomes 6 (wave-2 numbering).
 */
export const migration006: Migration = {
  version: 5,
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
