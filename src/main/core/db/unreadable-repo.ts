import { rawRecordId } from '../normalize/order';
import type { ReadableDB, WritableDB } from './connection';
import { fingerprint, rawJson } from './raw-json';
import { parseJson, problemList } from './rows/json';
import { sql, sqlFragment } from './sql';
import { readAll, readOne, write } from './statements';

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
  db: WritableDB,
  storeId: string,
  kind: 'order' | 'customer',
  records: readonly UnreadableInput[],
  now: string,
): void {
  for (const record of records) {
    const json = rawJson(record.raw);
    write(
      db,
      sql`INSERT INTO unreadable_records (store_id, kind, record_id, fingerprint, raw, problems, first_seen_at, seen_at)
       VALUES (${storeId}, ${kind}, ${rawRecordId(record.raw)}, ${fingerprint(json)}, ${json},
         ${JSON.stringify(record.problems)}, ${now}, ${now})
       ON CONFLICT (store_id, kind, fingerprint) DO UPDATE SET problems = excluded.problems, seen_at = excluded.seen_at`,
    );
  }
}

/** A record that reads now replaces its earlier unreadable copies. */
export function forgetUnreadable(db: WritableDB, storeId: string, kind: 'order' | 'customer', recordId: number): void {
  write(
    db,
    sql`DELETE FROM unreadable_records WHERE store_id = ${storeId} AND kind = ${kind} AND record_id = ${recordId}`,
  );
}

interface UnreadableRow {
  kind: 'order' | 'customer';
  record_id: number | null;
  raw: string;
  problems: string;
  first_seen_at: string;
  seen_at: string;
}

export function listUnreadable(db: ReadableDB, storeId: string, kind?: 'order' | 'customer'): UnreadableRecord[] {
  const ofKind = kind === undefined ? sqlFragment`` : sqlFragment` AND kind = ${kind}`;
  const rows = readAll(
    db,
    sql<UnreadableRow>`SELECT kind, record_id, raw, problems, first_seen_at, seen_at FROM unreadable_records
     WHERE store_id = ${storeId}${ofKind} ORDER BY pk`,
  );
  return rows.map((row) => ({
    kind: row.kind,
    recordId: row.record_id,
    raw: parseJson(row.raw),
    problems: problemList(row.problems),
    firstSeenAt: row.first_seen_at,
    seenAt: row.seen_at,
  }));
}

export function countUnreadable(db: ReadableDB, storeId: string): { orders: number; customers: number } {
  const row = readOne(
    db,
    sql<{ orders: number | null; customers: number | null }>`SELECT sum(kind = 'order') AS orders,
      sum(kind = 'customer') AS customers FROM unreadable_records WHERE store_id = ${storeId}`,
  );
  return { orders: row?.orders ?? 0, customers: row?.customers ?? 0 };
}
