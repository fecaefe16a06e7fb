import type { Database } from 'better-sqlite3';

/**
 * One schema step. `version` is the `user_version` the database holds once it
 * ran; steps run in version order, each in its own transaction.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}
