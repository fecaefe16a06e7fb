import type { Database } from 'better-sqlite3';

/** Every row of every table that has a store_id column and belongs to `storeId`. */
export function allStoreRows(db: Database, storeId: string): { table: string; count: number }[] {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as { name: string }[];
  const found: { table: string; count: number }[] = [];
  for (const { name } of tables) {
    const columns = db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string }[];
    const column = columns.some((c) => c.name === 'store_id') ? 'store_id' : name === 'stores' ? 'id' : null;
    if (!column) continue;
    const { n } = db.prepare(`SELECT COUNT(*) AS n FROM "${name}" WHERE "${column}" = ?`).get(storeId) as { n: number };
    if (n > 0) found.push({ table: name, count: n });
  }
  return found;
}
