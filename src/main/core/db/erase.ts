import type { StoreRemovalProgress } from '../../../shared/domain/app';
import type { Db } from './open';
import { runOffThread, type Step } from './off-thread';
import { optimizeSearchIndexes, SEARCH_INDEXES } from './search';
import { sql } from './sql';
import { MIRRORED_TABLES } from './merchant-copy';
import { readAll, write } from './statements';
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
 * batch held the loop 176 ms (p99) on the loaded machine. The totals the triggers kept (a row per 15 minutes, day,
 * SKU and month, customer…: some five rows an order) go the same way, or the store row's cascade would delete them
 * all on the main thread (59 ms for a 5,000-order store under load). An in-memory database has no file for a worker
 * to open and deletes on the caller's connection, a turn of the event loop between batches.
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
  const records = [
    sql`DELETE FROM orders WHERE pk IN (SELECT pk FROM orders WHERE store_id = ${id} LIMIT ${BATCH})`,
    sql`DELETE FROM customers WHERE pk IN (SELECT pk FROM customers WHERE store_id = ${id} LIMIT ${BATCH})`,
  ];
  if (!db.memory) {
    const steps = [
      ...records.map((batch) => ({ repeat: batch.sql, params: batch.params, batch: BATCH })),
      ...derivedTables(db).map((repeat) => ({ repeat, params: [id], batch: BATCH })),
    ];
    await runOffThread(db.name, steps, {
      readonly: false,
      onProgress: (changes, step) => step < records.length && deleted(changes),
    }).result;
    return;
  }
  for (const batch of records) {
    let changes: number;
    do {
      changes = write(db, batch).changes;
      deleted(changes);
      await new Promise<void>((resolve) => setImmediate(resolve));
    } while (changes === BATCH);
  }
}

/**
 * A batch delete of the store's rows for each other table keyed by store, found from the schema so a new table of
 * totals is not forgotten: by its primary key (most are WITHOUT ROWID). Not the stores row, and not the tables the
 * merchant's copy mirrors through this connection's temporary triggers (merchant-copy.ts): those go with the store
 * row on the main connection.
 */
function derivedTables(db: Db): string[] {
  const tables = readAll(
    db,
    sql<{ name: string }>`SELECT m.name FROM sqlite_master m WHERE m.type = 'table'
      AND m.name NOT IN ('stores', 'orders', 'customers')
      AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'store_id') ORDER BY m.name`,
  ).filter(({ name }) => !MIRRORED_TABLES.has(name));
  return tables.map(({ name }) => {
    const keys = readAll(
      db,
      sql<{ name: string }>`SELECT name FROM pragma_table_info(${name}) WHERE pk > 0 ORDER BY pk`,
    ).map((c) => `"${c.name}"`);
    const key = keys.length > 0 ? keys.join(', ') : 'rowid';
    return `DELETE FROM "${name}" WHERE (${key}) IN (SELECT ${key} FROM "${name}" WHERE store_id = ? LIMIT ${BATCH})`;
  });
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
