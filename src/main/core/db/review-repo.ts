import type { ReviewState } from '../../../shared/domain/order';
import type { ReadableDB, WritableDB } from './connection';
import { sql } from './sql';
import { readOne, write } from './statements';

export const NOT_REVIEWED: ReviewState = { reviewed: false, flagged: false, note: '', updatedAt: null };

export function getReview(db: ReadableDB, storeId: string, orderId: number): ReviewState {
  const row = readOne(
    db,
    sql<{
      reviewed: number;
      flagged: number;
      note: string;
      updated_at: string;
    }>`SELECT reviewed, flagged, note, updated_at
      FROM review_state WHERE store_id = ${storeId} AND order_id = ${orderId}`,
  );
  if (row === undefined) return { ...NOT_REVIEWED };
  return { reviewed: row.reviewed === 1, flagged: row.flagged === 1, note: row.note, updatedAt: row.updated_at };
}

/** Only the merchant writes here; the sync never does. Absent fields keep their value. */
export function setReview(
  db: WritableDB,
  storeId: string,
  orderId: number,
  patch: Partial<Pick<ReviewState, 'reviewed' | 'flagged' | 'note'>>,
): ReviewState {
  const next = { ...getReview(db, storeId, orderId), ...patch, updatedAt: new Date().toISOString() };
  write(
    db,
    sql`INSERT INTO review_state (store_id, order_id, reviewed, flagged, note, updated_at)
     VALUES (${storeId}, ${orderId}, ${next.reviewed ? 1 : 0}, ${next.flagged ? 1 : 0}, ${next.note}, ${next.updatedAt})
     ON CONFLICT (store_id, order_id) DO UPDATE SET reviewed = excluded.reviewed, flagged = excluded.flagged,
       note = excluded.note, updated_at = excluded.updated_at`,
  );
  return next;
}

/** Orders marked per statement in a bulk change: one statement a chunk, not three an order. */
const MARK_CHUNK = 500;

/**
 * Sets the same marks on many orders in one transaction: all of them change, or none. Notes are kept, and so is a
 * mark the patch does not name. Ids the cache does not hold are skipped (a review row for them would be an orphan).
 * Returns how many orders changed.
 */
export function setReviewMany(
  db: WritableDB,
  storeId: string,
  orderIds: readonly number[],
  patch: Partial<Pick<ReviewState, 'reviewed' | 'flagged'>>,
): number {
  const updatedAt = new Date().toISOString();
  const ids = [...new Set(orderIds)];
  const reviewed = patch.reviewed === undefined ? null : patch.reviewed ? 1 : 0;
  const flagged = patch.flagged === undefined ? null : patch.flagged ? 1 : 0;
  return db.transaction(() => {
    let updated = 0;
    for (let at = 0; at < ids.length; at += MARK_CHUNK) {
      // A new row takes the patch's marks (absent ones unset); an existing one only the marks the patch names.
      updated += write(
        db,
        sql`INSERT INTO review_state (store_id, order_id, reviewed, flagged, note, updated_at)
         SELECT store_id, id, coalesce(${reviewed}, 0), coalesce(${flagged}, 0), '', ${updatedAt} FROM orders
         WHERE store_id = ${storeId} AND id IN (SELECT value FROM json_each(${JSON.stringify(ids.slice(at, at + MARK_CHUNK))}))
         ON CONFLICT (store_id, order_id) DO UPDATE SET reviewed = coalesce(${reviewed}, reviewed),
           flagged = coalesce(${flagged}, flagged), updated_at = excluded.updated_at`,
      ).changes;
    }
    return updated;
  })();
}
