import Database from 'better-sqlite3';
import type { Database as DatabaseHandle } from 'better-sqlite3';
import { AppError } from '../base/app-error';
import type { WritableDB } from './connection';
import { MIGRATIONS, type Migration } from './migrations';
import { recountCustomerMonthsIfStale } from './painel/customer-months';
import { recountFirstSalesIfStale } from './painel/first-sales';
import { recountHourTotalsIfStale } from './painel/hour-totals';
import { recountPainelTotalsIfStale } from './painel/totals';
import { reindexIfStale } from './search';
import { capStoredTextIfStale } from './text-caps';

/** The handle the app holds: writable (and so readable too). */
export type Db = WritableDB;

export interface OpenOptions {
  /** Tests inject steps; the app uses the shipped list. */
  migrations?: readonly Migration[];
}

/**
 * Opens (creating if needed) the cache, brings its schema up to date, then rebuilds derived data whose version
 * is not the code's (the cap on API text: db/text-caps.ts; the search index: db/search/reindex.ts; the Painel's
 * totals: db/painel/totals.ts). The raw JSON's packing is not waited for here: it runs after the open, a batch at a
 * time on the writer thread (raw-repack.ts).
 * A file written by a newer app is refused before anything is written to it:
 * the version check runs on a read-only handle, ahead of the WAL switch, which
 * would itself rewrite the header.
 */
/** WAL pages (4 KiB) past which a commit checkpoints: 64 MiB. */
const WAL_CHECKPOINT_PAGES = 16_384;

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const migrations = options.migrations ?? MIGRATIONS;
  const known = latestVersion(migrations);
  refuseIfTooNew(file, known);
  // The one place the connection takes its brand: what openDatabase returns may write.
  const db = new Database(file) as WritableDB;
  try {
    db.pragma('busy_timeout = 5000');
    // Re-checked under the writer's handle: another process may have upgraded the file meanwhile.
    assertKnownVersion(readVersion(db), known);
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only power loss may drop the last commit of a cache.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Deleted rows are zeroed, not just unlinked: removing a store must leave none of its bytes in free space.
    db.pragma('secure_delete = ON');
    // 64 MiB of page cache keeps the upper levels of every orders index hot: page writes and list reads touch them all.
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    // SQLite checkpoints at every commit past 1,000 WAL pages (4 MB) by default: during a sync's burst of pages that
    // was every few pages, copying the same hot index pages again each time (~110 of a synced order's ~400 µs of
    // SQL). The sync's writer checkpoints whenever it has nothing left to write; a commit
    // checkpoints only past 64 MB, and the WAL file is cut back to 16 MB when it starts over.
    db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
    db.pragma(`journal_size_limit = ${16 * 1024 * 1024}`);
    migrate(db, migrations);
    capStoredTextIfStale(db);
    reindexIfStale(db);
    recountPainelTotalsIfStale(db);
    recountFirstSalesIfStale(db);
    recountCustomerMonthsIfStale(db);
    recountHourTotalsIfStale(db);
    // SQLite falls back to reading only when the file or its folder cannot be written: taking the write lock once
    // says so now, rather than at the person's first mark or the sync's first page.
    db.exec('BEGIN IMMEDIATE; ROLLBACK');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Runs every step above the file's version, each in one transaction that also bumps `user_version`. */
export function migrate(db: DatabaseHandle, migrations: readonly Migration[]): void {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  ordered.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migration versions must be 1..n without gaps (found ${m.version} at ${i + 1})`);
  });
  for (const migration of ordered) {
    if (migration.version <= readVersion(db)) continue;
    // IMMEDIATE: a step that reads before it writes would otherwise fail at once, not wait, while another
    // connection writes; and under the lock the version is read again, as another process may have just migrated.
    db.transaction(() => {
      if (migration.version <= readVersion(db)) return;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}

export function readVersion(db: DatabaseHandle): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function latestVersion(migrations: readonly Migration[]): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}

function refuseIfTooNew(file: string, known: number): void {
  if (file === ':memory:') return;
  let probe: DatabaseHandle;
  try {
    probe = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    return; // No file yet (or not readable as a database): the writer's open reports the real problem.
  }
  try {
    assertKnownVersion(readVersion(probe), known);
  } finally {
    probe.close();
  }
}

function assertKnownVersion(version: number, known: number): void {
  if (version > known) {
    throw new AppError('DATABASE_TOO_NEW', `the data file has schema ${version}; this version knows up to ${known}`, {
      params: { reason: 'schema', found: version, known },
    });
  }
}
