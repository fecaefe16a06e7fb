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
