import type { Db } from './open';
import { runOffThread } from './off-thread';
import { optimizeSearchIndexes, SEARCH_INDEXES } from './search';
import { sql } from './sql';
import { write } from './statements';
import { getStore, removeStore } from './stores-repo';

/**
 * Removes a store so that none of its bytes stay readable in the data folder (the LGPD erasure):
 * - rows are deleted with `secure_delete` on (set at open), which zeroes the freed cells and pages;
 * - the contentless FTS indexes only mark deleted rows, keeping their tokens in older segments until a merge:
 *   'optimize' rewrites each index as one segment without them;
 * - pages freed before `secure_delete` was on (files from older versions) still hold old rows: VACUUM rewrites
 *   the file with no free pages at all;
 * - the WAL holds every page image written since the last checkpoint: it is checkpointed and truncated to zero.
 * The rows go in small batches on the caller's connection, a turn of the event loop between them, the store's own row
 * last (a removal cut short is finished by removing again); the rest runs off the main thread. Returns false for no
 * such store.
 */
export async function eraseStore(db: Db, id: string): Promise<boolean> {
  if (getStore(db, id) === null) return false;
  await deleteOrdersAndCustomers(db, id);
  if (!removeStore(db, id)) return false;
  if (db.memory) {
    optimizeSearchIndexes(db);
    return true;
  }
  // On a connection of its own in a worker: at 100,000 orders these take 20 s (BENCHMARKS.md, Erasure).
  await runOffThread(
    db.name,
    [
      ...SEARCH_INDEXES.map((table) => ({ sql: `INSERT INTO ${table} (${table}) VALUES ('optimize')` })),
      { sql: 'VACUUM' },
      { pragma: 'wal_checkpoint(TRUNCATE)' },
    ],
    { readonly: false },
  ).result;
  // The merchant's copy (attached to this connection only) has a WAL of its own.
  checkpointTruncate(db);
  return true;
}

/** Orders cascade to five tables, two FTS rows and the facet totals: 100,000 took 95 s in one statement. */
const BATCH = 200;

async function deleteOrdersAndCustomers(db: Db, id: string): Promise<void> {
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
  while (
    write(db, sql`DELETE FROM orders WHERE pk IN (SELECT pk FROM orders WHERE store_id = ${id} LIMIT ${BATCH})`)
      .changes === BATCH
  )
    await turn();
  while (
    write(db, sql`DELETE FROM customers WHERE pk IN (SELECT pk FROM customers WHERE store_id = ${id} LIMIT ${BATCH})`)
      .changes === BATCH
  )
    await turn();
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
