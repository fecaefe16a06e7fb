import type { ReviewState } from '../../../shared/domain/order';
import type { Db } from './open';
import { stmt } from './statements';

export const NOT_REVIEWED: ReviewState = { reviewed: false, flagged: false, note: '', updatedAt: null };

export function getReview(db: Db, storeId: string, orderId: number): ReviewState {
  const row = stmt(
    db,
    'SELECT reviewed, flagged, note, updated_at FROM review_state WHERE store_id = ? AND order_id = ?',
  ).get(storeId, orderId) as { reviewed: number; flagged: number; note: string; updated_at: string } | undefined;
  if (row === undefined) return { ...NOT_REVIEWED };
  return { reviewed: row.reviewed === 1, flagged: row.flagged === 1, note: row.note, updatedAt: row.updated_at };
}

/** Only the merchant writes here; the sync never does. Absent fields keep their value. */
export function setReview(
  db: Db,
  storeId: string,
  orderId: number,
  patch: Partial<Pick<ReviewState, 'reviewed' | 'flagged' | 'note'>>,
): ReviewState {
  const next = { ...getReview(db, storeId, orderId), ...patch, updatedAt: new Date().toISOString() };
  stmt(
    db,
    `INSERT INTO review_state (store_id, order_id, reviewed, flagged, note, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (store_id, order_id) DO UPDATE SET reviewed = excluded.reviewed, flagged = excluded.flagged,
       note = excluded.note, updated_at = excluded.updated_at`,
  ).run(storeId, orderId, next.reviewed ? 1 : 0, next.flagged ? 1 : 0, next.note, next.updatedAt);
  return next;
}

/**
 * Sets the same marks on many orders in one transaction: all of them change, or none. Notes are kept. Ids the
 * cache does not hold are skipped (a review row for them would be an orphan). Returns how many orders changed.
 */
export function setReviewMany(
  db: Db,
  storeId: string,
  orderIds: readonly number[],
  patch: Partial<Pick<ReviewState, 'reviewed' | 'flagged'>>,
): number {
  const updatedAt = new Date().toISOString();
  const exists = stmt(db, 'SELECT 1 FROM orders WHERE store_id = ? AND id = ?');
  const write = stmt(
    db,
    `INSERT INTO review_state (store_id, order_id, reviewed, flagged, note, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (store_id, order_id) DO UPDATE SET reviewed = excluded.reviewed, flagged = excluded.flagged,
       updated_at = excluded.updated_at`,
  );
  return db.transaction(() => {
    let updated = 0;
    for (const orderId of new Set(orderIds)) {
      if (exists.get(storeId, orderId) === undefined) continue;
      const next = { ...getReview(db, storeId, orderId), ...patch };
      write.run(storeId, orderId, next.reviewed ? 1 : 0, next.flagged ? 1 : 0, next.note, updatedAt);
      updated += 1;
    }
    return updated;
  })();
}
