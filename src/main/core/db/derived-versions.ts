import type { WritableDB } from './connection';
import { sql } from './sql';
import { readOne, write } from './statements';

/**
 * Rebuilds the derived data `name` with `rebuild` when the file's version of it (derived_versions, migration 5) is
 * not `version`. One IMMEDIATE transaction with the version bump: a crash leaves the old data and the old version,
 * and the next open starts again; a second connection opening meanwhile waits, then finds it done. A file without
 * `needs` (tests that stop the migrations early) is left alone. True when it rebuilt.
 */
export function rebuildIfStale(
  db: WritableDB,
  derived: { name: string; version: number; needs: string },
  rebuild: () => void,
): boolean {
  const stale = () =>
    readOne(db, sql<{ version: number }>`SELECT version FROM derived_versions WHERE name = ${derived.name}`)
      ?.version !== derived.version;
  const ready = readOne(db, sql`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ${derived.needs}`);
  if (ready === undefined || !stale()) return false;
  return db
    .transaction(() => {
      if (!stale()) return false;
      rebuild();
      write(
        db,
        sql`INSERT INTO derived_versions (name, version) VALUES (${derived.name}, ${derived.version})
          ON CONFLICT (name) DO UPDATE SET version = excluded.version`,
      );
      return true;
    })
    .immediate();
}
