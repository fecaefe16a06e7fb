import { migration001 } from './001_initial';
import { migration002 } from './002_review_mirror_facets_search';
import { migration003 } from './003_search_key';
import { migration004 } from './004_keychain_entry';
import { migration006 } from './006_store_sender';
import type { Migration } from './migration';

/** In version order; append, never edit a released step. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration006];

export type { Migration } from './migration';
