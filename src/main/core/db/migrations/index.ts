import { migration001 } from './001_initial';
import { migration002 } from './002_review_mirror_facets_search';
import { migration003 } from './003_search_key';
import { migration004 } from './004_keychain_entry';
import { migration005 } from './005_derived_versions';
import { migration006 } from './006_store_sender';
import { migration007 } from './007_painel_totals';
import { migration008 } from './008_raw_deflated';
import { migration009 } from './009_customer_first_sales';
import { migration010 } from './010_painel_hours_customer_months';
import { migration011 } from './011_order_arrivals';
import { migration012 } from './012_reviewed_facet_totals';
import { migration013 } from './013_order_write_digest';
import type { Migration } from './migration';

/**
 * In version order; append, never edit a released step. A step imports nothing from outside this folder
 * (test/db/migrations.test.ts checks): derived data is the reindex's (db/search/reindex.ts), not a migration's.
 */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
];

export type { Migration } from './migration';
