import type { Database } from 'better-sqlite3';
import type { Migration } from './migration';

/**
 * The orders' search index, keyed by creation time and with prefix indexes (BENCHMARKS.md has the numbers):
 *
 * 1. `orders.search_key` (see db/search/keys.ts) is the FTS rowid instead of pk: FTS5 then yields a
 *    word's matches newest first, and the first page of "Silva" in a million orders reads a hundred matches
 *    instead of gathering a hundred thousand. Each store has its range of keys (`stores.search_no`), so a
 *    search reads only its own store's part of the index.
 * 2. Prefix indexes for 3 to 10 characters (they were for 3 only): a word being typed ("sant", "rodrigues") is
 *    then one list read in key order too, where FTS5 otherwise merges every indexed word it begins
 *    ("santos", "santos12", …) before the first row. It about doubles the index's size.
 *
 * `orders_by_store_pk` served counts joined on pk; they now join on the search key. The keys and the index are
 * derived data: this step leaves the keys NULL and the index empty, and the search reindex (db/search/reindex.ts)
 * places the keys and fills the index after the migrations.
 *
 * 3. Orders and customers read by id were kept with the read's `{ data: … }` envelope as their raw JSON
 *    (nothing was lost, but it was not the record as a list gives it); the sync now keeps the record, and
 *    this takes the ones already cached out of their envelope.
 */
const SQL = `
-- Each store's own range of search keys (db/search/keys.ts): numbered in the order the stores were added.
ALTER TABLE stores ADD COLUMN search_no INTEGER;
UPDATE stores SET search_no = (
  SELECT count(*) FROM stores earlier WHERE earlier.created_at < stores.created_at OR (earlier.created_at = stores.created_at AND earlier.id < stores.id)
);
CREATE UNIQUE INDEX stores_by_search_no ON stores (search_no);

ALTER TABLE orders ADD COLUMN search_key INTEGER;
CREATE UNIQUE INDEX orders_by_search_key ON orders (search_key);
DROP INDEX orders_by_store_pk;

DROP TRIGGER orders_fts_cleanup;
DROP TABLE orders_fts;
CREATE VIRTUAL TABLE orders_fts USING fts5(
  terms, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2', prefix = '3 4 5 6 7 8 9 10'
);
CREATE TRIGGER orders_fts_cleanup AFTER DELETE ON orders BEGIN
  DELETE FROM orders_fts WHERE rowid = old.search_key;
END;
`;

export const migration003: Migration = {
  version: 3,
  name: 'search key and prefix indexes',
  up(db) {
    db.exec(SQL);
    unwrapByIdRecords(db);
  },
};

function unwrapByIdRecords(db: Database): void {
  for (const table of ['orders', 'customers']) {
    // Every record has an id, so JSON that opens with `data` is an envelope (see unwrap below).
    const rows = db.prepare(`SELECT pk, raw FROM ${table} WHERE raw LIKE '{"data":%'`).all() as {
      pk: number;
      raw: string;
    }[];
    const update = db.prepare(`UPDATE ${table} SET raw = ? WHERE pk = ?`);
    for (const row of rows) {
      const record = one(JSON.parse(row.raw));
      if (record !== null) update.run(rawJson(record), row.pk);
    }
  }
}

// Frozen copies of normalize/read's one/unwrap and db's rawJson/redactSecrets as they were when this step was
// written: the raw JSON it stores must come out byte for byte as it did then, whatever those become.

type JsonRecord = Record<string, unknown>;

const isRecord = (value: unknown): value is JsonRecord =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function unwrap(value: unknown): unknown {
  let current = value;
  for (
    let depth = 0;
    depth < 8 && isRecord(current) && Object.hasOwn(current, 'data') && !Object.hasOwn(current, 'id');
    depth += 1
  ) {
    current = current.data;
  }
  return current;
}

function one(value: unknown): JsonRecord | null {
  const inner = unwrap(value);
  if (isRecord(inner)) return inner;
  if (!Array.isArray(inner)) return null;
  const out: JsonRecord[] = [];
  collect(inner, out, 0);
  return out[0] ?? null;
}

function collect(value: unknown, out: JsonRecord[], depth: number): void {
  const inner = unwrap(value);
  if (Array.isArray(inner)) {
    if (depth < 4) for (const entry of inner) collect(entry, out, depth + 1);
  } else if (isRecord(inner)) {
    out.push(inner);
  }
}

const SECRET_KEYS = new Set(['token', 'login_url', 'access_token', 'password']);

function redactSecrets(value: unknown, depth = 0): unknown {
  if (depth > 64 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((entry) => redactSecrets(entry, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (SECRET_KEYS.has(key)) continue;
    out[key] = redactSecrets(entry, depth + 1);
  }
  return out;
}

function rawJson(raw: unknown): string {
  try {
    return JSON.stringify(redactSecrets(raw)) ?? 'null';
  } catch {
    return JSON.stringify(String(raw));
  }
}
