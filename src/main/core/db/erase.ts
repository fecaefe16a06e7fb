import type { Db } from './open';
import { removeStore } from './stores-repo';

export type EraseStep = 'rows' | 'search-index' | 'free-pages' | 'journal';

/** The steps in order; progress reports the one about to run. */
export const ERASE_STEPS: readonly EraseStep[] = ['rows', 'search-index', 'free-pages', 'journal'];

/**
 * Removes a store so that none of its bytes stay readable in the data folder (the LGPD erasure):
 * - rows are deleted with `secure_delete` on (set at open), which zeroes the freed cells and pages;
 * - the contentless FTS indexes only mark deleted rows, keeping their tokens in older segments until a merge:
 *   'optimize' rewrites each index as one segment without them;
 * - pages freed before `secure_delete` was on (files from older versions) still hold old rows: VACUUM rewrites
 *   the file with no free pages at all;
 * - the WAL holds every page image written since the last checkpoint: it is checkpointed and truncated to zero.
 * Steps run one per event-loop turn, so progress can be shown between them. Returns false for no such store.
 */
export async function eraseStore(
  db: Db,
  id: string,
  onStep: (step: EraseStep, index: number) => void = () => {},
): Promise<boolean> {
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
  onStep('rows', 0);
  if (!removeStore(db, id)) return false;
  await turn();
  onStep('search-index', 1);
  db.exec(
    "INSERT INTO orders_fts (orders_fts) VALUES ('optimize'); INSERT INTO customers_fts (customers_fts) VALUES ('optimize');",
  );
  await turn();
  onStep('free-pages', 2);
  db.exec('VACUUM');
  await turn();
  onStep('journal', 3);
  checkpointTruncate(db);
  return true;
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
