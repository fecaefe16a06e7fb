import type { CacheRepackProgress } from '../../../shared/domain/app';
import { REPACK_START, type RepackCursor, type RepackStep } from '../db/raw-repack';
import type { Logger } from '../log/logger';

export interface RawRepackDeps {
  /** One batch, on the writer thread (SyncManager.repackRaw). */
  step: (cursor: RepackCursor) => Promise<RepackStep>;
  progress: (progress: CacheRepackProgress) => void;
  /** True once the core is closing: the walk ends between batches and the next start goes on. */
  stopped: () => boolean;
  log: Logger;
}

/**
 * Packs the raw JSON an older version kept as text, a batch at a time after the open, so the open does not wait for
 * it (42 s at 20,000 orders under load when it did; minutes at a million). Each batch is a transaction of its own on
 * the writer thread, queued between a sync's pages; the main loop only waits a turn between batches. True when all
 * is packed; false when the core closed first or a batch failed (logged): the next start walks again and skips what
 * is packed.
 */
export async function repackRawInBackground(deps: RawRepackDeps): Promise<boolean> {
  let cursor = REPACK_START;
  let packed = 0;
  deps.log.info('packing the raw JSON this cache kept as text');
  try {
    for (;;) {
      if (deps.stopped()) return false;
      const step = await deps.step(cursor);
      packed += step.packed;
      deps.progress({ ...step.position, finished: step.done });
      if (step.done) {
        deps.log.info('the raw JSON is packed', { rows: packed });
        return true;
      }
      cursor = step.cursor;
      // A turn of the loop between batches: with the writer on this thread (no worker), each batch holds it.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    if (!deps.stopped()) deps.log.warn('packing the raw JSON stopped; the next start goes on', { rows: packed, error });
    return false;
  }
}
