import { AppError } from '../base/app-error';
import type { ReadableDB, WritableDB } from './connection';
import { sql } from './sql';
import { readOne, write } from './statements';

export type SyncResource = 'orders' | 'customers';

/** Where a full sync stopped: the next page to ask for, under the page size it started with. */
export interface FullSyncCheckpoint {
  nextPage: number;
  pageSize: number;
  totalPages: number | null;
  startedAt: string;
}

export interface SyncState {
  /** null when no full sync is under way. */
  fullSync: FullSyncCheckpoint | null;
  fullSyncDoneAt: string | null;
  /** The newest `created_at` (UTC ISO) known to be fully cached. */
  highWaterMark: string | null;
  lastIncrementalAt: string | null;
  counts: Record<string, number>;
  updatedAt: string | null;
}

/** Fields absent from the patch are left as they are. */
export type SyncStatePatch = Partial<Omit<SyncState, 'updatedAt'>>;

interface SyncRow {
  full_sync: string | null;
  full_sync_done_at: string | null;
  high_water_mark: string | null;
  last_incremental_at: string | null;
  counts: string;
  updated_at: string;
}

const EMPTY: SyncState = {
  fullSync: null,
  fullSyncDoneAt: null,
  highWaterMark: null,
  lastIncrementalAt: null,
  counts: {},
  updatedAt: null,
};

export function readSyncState(db: ReadableDB, storeId: string, resource: SyncResource): SyncState {
  const row = readOne(
    db,
    sql<SyncRow>`SELECT * FROM sync_state WHERE store_id = ${storeId} AND resource = ${resource}`,
  );
  if (row === undefined) return { ...EMPTY, counts: {} };
  return {
    fullSync: row.full_sync === null ? null : (JSON.parse(row.full_sync) as FullSyncCheckpoint),
    fullSyncDoneAt: row.full_sync_done_at,
    highWaterMark: row.high_water_mark,
    lastIncrementalAt: row.last_incremental_at,
    counts: JSON.parse(row.counts) as Record<string, number>,
    updatedAt: row.updated_at,
  };
}

/** Merges the patch into the stored state; callers writing a page do this inside the page's transaction. */
export function writeSyncState(
  db: WritableDB,
  storeId: string,
  resource: SyncResource,
  patch: SyncStatePatch,
): SyncState {
  const next = { ...readSyncState(db, storeId, resource), ...patch, updatedAt: new Date().toISOString() };
  write(
    db,
    sql`INSERT INTO sync_state (store_id, resource, full_sync, full_sync_done_at, high_water_mark, last_incremental_at, counts, updated_at)
     VALUES (${storeId}, ${resource}, ${next.fullSync === null ? null : JSON.stringify(next.fullSync)}, ${next.fullSyncDoneAt},
       ${next.highWaterMark}, ${next.lastIncrementalAt}, ${JSON.stringify(next.counts)}, ${next.updatedAt})
     ON CONFLICT (store_id, resource) DO UPDATE SET
       full_sync = excluded.full_sync, full_sync_done_at = excluded.full_sync_done_at,
       high_water_mark = excluded.high_water_mark, last_incremental_at = excluded.last_incremental_at,
       counts = excluded.counts, updated_at = excluded.updated_at`,
  );
  return next;
}

/** A full sync's checkpoint after one page, written in that page's transaction. */
export interface PageCheckpoint {
  /** The page being written: the stored checkpoint must still expect it. */
  page: number;
  patch: SyncStatePatch;
}

/**
 * Writes a page's checkpoint, or throws (rolling the page back) when the stored checkpoint expects another page.
 * Pages are handed to the writer ahead of their results: when one fails, the pages sent after it must not move
 * the checkpoint past it, or the next run would resume beyond a page that was never written.
 */
export function writePageCheckpoint(
  db: WritableDB,
  storeId: string,
  resource: SyncResource,
  checkpoint: PageCheckpoint,
): void {
  const expected = readSyncState(db, storeId, resource).fullSync?.nextPage ?? null;
  if (expected !== checkpoint.page) {
    throw new AppError(
      'INTERNAL',
      `page ${checkpoint.page} of the ${resource} list came while the checkpoint expects ${expected === null ? 'no page' : `page ${expected}`}; it was not written`,
    );
  }
  writeSyncState(db, storeId, resource, checkpoint.patch);
}
