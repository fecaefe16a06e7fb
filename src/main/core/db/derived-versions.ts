import type { ReadableDB } from './connection';
import { sql } from './sql';
import { readAll, readOne } from './statements';

/**
 * The version of each kind of derived data the file holds (derived_versions, migration 5), or null for a file below
 * migration 5 (tests that stop the migrations early), whose derived data is left alone.
 */
export function derivedVersions(db: ReadableDB): Map<string, number> | null {
  const hasVersions =
    readOne(db, sql`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'derived_versions'`) !== undefined;
  if (!hasVersions) return null;
  const rows = readAll(db, sql<{ name: string; version: number }>`SELECT name, version FROM derived_versions`);
  return new Map(rows.map((row) => [row.name, row.version]));
}
