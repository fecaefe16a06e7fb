import type { StoreRemovalProgress } from '../../../shared/domain/app';
import type { Db } from './open';
import { runOffThread, type Step } from './off-thread';
import { optimizeSearchIndexes, SEARCH_INDEXES } from './search';
import { sql } from './sql';
import { write } from './statements';
import { countStoreRecords } from './store-counts';
import { getStore, removeStore } from './stores-repo';

/** How far a removal is, for the person waiting on it (the removal dialog). */
export type RemovalReport = (progress: Omit<StoreRemovalProgress, 'storeId'>) => void;

/**
 * Removes a store so that none of its bytes stay readable in the data folder (the LGPD erasure):
 * - rows are deleted with `secure_delete` on (set at open), which zeroes the freed cells and pages;
 * - the contentless FTS indexes only mark deleted rows, keeping their tokens in older segments until a merge:
 *   'optimize' rewrites each index as one segment without them;
 * - pages freed before `secure_delete` was on (files from older versions) still hold old rows: VACUUM rewrites
 *   the file with no free pages at all;
 * - the WAL holds every page image written since the last checkpoint: it is checkpointed and truncated to zero.
 * The rows go in batches on a connection of their own in a worker, the store's own row last, on the caller's
 * connection (a removal cut short is finished by removing again); the index and the compaction run off the main
 * thread too. Returns false for no such store.
 */
export async function eraseStore(db: Db, id: string, report: RemovalReport = () => {}): Promise<boolean> {
  if (getStore(db, id) === null) return false;
  await deleteOrdersAndCustomers(db, id, report);
  if (!removeStore(db, id)) return false;
  report({ phase: 'index', done: 0, total: 0 });
  if (db.memory) {
    optimizeSearchIndexes(db);
    return true;
  }
  // On a connection of its own in a worker: at 100,000 orders these take 20 s (BENCHMARKS.md, Erasure); two runs,
  // so the person hears when the index is done and the compaction starts.
  const offThread = (steps: Step[]) => runOffThread(db.name, steps, { readonly: false }).result;
  await offThread(SEARCH_INDEXES.map((table) => ({ sql: `INSERT INTO ${table} (${table}) VALUES ('optimize')` })));
  report({ phase: 'compact', done: 0, total: 0 });
  await offThread([{ sql: 'VACUUM' }, { pragma: 'wal_checkpoint(TRUNCATE)' }]);
  // The merchant's copy (attached to this connection only) has a WAL of its own.
  checkpointTruncate(db);
  return true;
}

/**
 * Orders cascade to their items, address, search row and the trigger-kept totals: about 1 ms an order, 95 s for
 * 100,000 in one statement (BENCHMARKS.md, Erasure). So they go in batches, each its own transaction that a sync's
 * page or a review mark can slip between, on a connection of their own in a worker: on the main thread even 50 a
 * batch held the loop 176 ms (p99) on the loaded machine. An in-memory database has no file for a worker to open and
 * deletes on the caller's connection, a turn of the event loop between batches.
 */
const BATCH = 200;

async function deleteOrdersAndCustomers(db: Db, id: string, report: RemovalReport): Promise<void> {
  const counts = countStoreRecords(db, id);
  const total = counts.orders + counts.customers;
  let done = 0;
  const deleted = (changes: number) => {
    done = Math.min(total, done + changes);
    report({ phase: 'rows', done, total });
  };
  report({ phase: 'rows', done, total });
  const batches = [
    sql`DELETE FROM orders WHERE pk IN (SELECT pk FROM orders WHERE store_id = ${id} LIMIT ${BATCH})`,
    sql`DELETE FROM customers WHERE pk IN (SELECT pk FROM customers WHERE store_id = ${id} LIMIT ${BATCH})`,
  ];
  if (!db.memory) {
    const steps = batches.map((batch) => ({ repeat: batch.sql, params: batch.params, batch: BATCH }));
    await runOffThread(db.name, steps, { readonly: false, onProgress: deleted }).result;
    return;
  }
  for (const batch of batches) {
    let changes: number;
    do {
      changes = write(db, batch).changes;
      deleted(changes);
      await new Promise<void>((resolve) => setImmediate(resolve));
    } while (changes === BATCH);
  }
}

/**
 * Copies the WAL into the file and empties it, waiting (busy_timeout) for readers of older snapshots. False when one
 * still held on: the rows are gone either way, and the last connection's close checkpoints and deletes the WAL.
 */
export function checkpointTruncate(db: Db): boolean {
  if (db.memory) return true;
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  return result?.busy === 0;
}
