import type { Migration } from './migration';

/**
 * Whether a store's credentials were ever put in the keychain. A store a script made (the CLI's
 * `sync --base-url`, credentials from the environment) has none, so removing it must not need a keychain: on a
 * server without one, its cached data could not be erased. Stores from before this step are taken to have one.
 */
export const migration004: Migration = {
  version: 4,
  name: 'stores.keychain_entry',
  up(db) {
    db.exec('ALTER TABLE stores ADD COLUMN keychain_entry INTEGER NOT NULL DEFAULT 1');
  },
};
