import { rawRecordId } from '../normalize/order';
import type { Db } from './open';
import { stmt } from './statements';
import { fingerprint, rawJson } from './raw-json';

/** A record the normaliser could not read: stored raw, counted, never dropped. */
export interface UnreadableInput {
  raw: unknown;
  problems: string[];
}

export interface UnreadableRecord {
  kind: 'order' | 'customer';
  recordId: number | null;
  raw: unknown;
  problems: string[];
  firstSeenAt: string;
  seenAt: string;
}

/** Seeing the same bytes again only refreshes `seen_at`: re-syncs do not pile up copies. */
export function keepUnreadable(
  db: Db,
  storeId: string,
  kind: 'order' | 'customer',
  records: readonly UnreadableInput[],
  now: string,
): void {
  const insert = stmt(
    db,
    `INSERT INTO unreadable_records (store_id, kind, record_id, fingerprint, raw, problems, first_seen_at, seen_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (store_id, kind, fingerprint) DO UPDATE SET problems = excluded.problems, seen_at = excluded.seen_at`,
  );
  for (const record of records) {
    const json = rawJson(record.raw);
    insert.run(
      storeId,
      kind,
      rawRecordId(record.raw),
      fingerprint(json),
      json,
      JSON.stringify(record.problems),
      now,
      now,
    );
  }
}

/** A record that reads now replaces its earlier unreadable copies. */
export function forgetUnreadable(db: Db, storeId: string, kind: 'order' | 'customer', recordId: number): void {
  stmt(db, 'DELETE FROM unreadable_records WHERE store_id = ? AND kind = ? AND record_id = ?').run(
    storeId,
    kind,
    recordId,
  );
}

export function listUnreadable(db: Db, storeId: string, kind?: 'order' | 'customer'): UnreadableRecord[] {
  const rows = stmt(
    db,
    `SELECT kind, record_id, raw, problems, first_seen_at, seen_at FROM unreadable_records
     WHERE store_id = ? AND (? IS NULL OR kind = ?) ORDER BY pk`,
  ).all(storeId, kind ?? null, kind ?? null) as {
    kind: 'order' | 'customer';
    record_id: number | null;
    raw: string;
    problems: string;
    first_seen_at: string;
    seen_at: string;
  }[];
  return rows.map((row) => ({
    kind: row.kind,
    recordId: row.record_id,
    raw: JSON.parse(row.raw) as unknown,
    problems: JSON.parse(row.problems) as string[],
    firstSeenAt: row.first_seen_at,
    seenAt: row.seen_at,
  }));
}

export function countUnreadable(db: Db, storeId: string): { orders: number; customers: number } {
  const row = stmt(
    db,
    `SELECT sum(kind = 'order') AS orders, sum(kind = 'customer') AS customers FROM unreadable_records WHERE store_id = ?`,
  ).get(storeId) as { orders: number | null; customers: number | null };
  return { orders: row.orders ?? 0, customers: row.customers ?? 0 };
}
