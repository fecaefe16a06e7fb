import type { WritableDB } from './connection';
import { sql } from './sql';
import { readOne, write } from './statements';

/**
 * Runs `derive` when the file's version of a kind of derived data (derived_versions, migration 5) is not `version`,
 * in one IMMEDIATE transaction with the version bump: a crash leaves the old data and the old version, and the next
 * open starts again; a second connection opening meanwhile waits, then finds it done. A file below migration 5
 * (tests that stop the migrations early) has no versions yet and is left alone. True when it ran.
 */
export function deriveIfStale(db: WritableDB, name: string, version: number, derive: () => void): boolean {
  const stale = () =>
    readOne(db, sql<{ version: number }>`SELECT version FROM derived_versions WHERE name = ${name}`)?.version !==
    version;
  const hasVersions =
    readOne(db, sql`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'derived_versions'`) !== undefined;
  if (!hasVersions || !stale()) return false;
  return db
    .transaction(() => {
      if (!stale()) return false;
      derive();
      write(
        db,
        sql`INSERT INTO derived_versions (name, version) VALUES (${name}, ${version})
          ON CONFLICT (name) DO UPDATE SET version = excluded.version`,
      );
      return true;
    })
    .immediate();
}
