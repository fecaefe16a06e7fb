import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/core/db';

const MIGRATIONS_DIR = join(__dirname, '../../src/main/core/db/migrations');

/**
 * The schema every migration together makes of an empty file, one statement a line (whitespace folded), in
 * sqlite_master's type and name order. A migration edited after release changes it, and this fails until the
 * snapshot is rewritten (`npx vitest run test/db/schema.test.ts -u`) — which a review then sees.
 */
function schemaOfEmptyFile(): string {
  const db = openDatabase(':memory:');
  try {
    const rows = db
      .prepare(
        `SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name`,
      )
      .all() as { type: string; name: string; sql: string }[];
    return `${rows
      .map(
        (r) =>
          `-- ${r.type} ${r.name}\n${r.sql.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').trim()};`,
      )
      .join('\n')}\n`;
  } finally {
    db.close();
  }
}

describe('the schema', () => {
  it('after all migrations on an empty file is the committed snapshot', async () => {
    await expect(schemaOfEmptyFile()).toMatchFileSnapshot('./snapshots/schema.sql');
  });

  it("is made by migrations that import nothing from outside db/migrations (a migration's result must never follow live code)", () => {
    const files = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const source = readFileSync(join(MIGRATIONS_DIR, file), 'utf8');
      const specifiers = [...source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
      const outside = specifiers.filter((s) =>
        s.startsWith('.') ? !s.startsWith('./') || s.includes('/../') : s !== 'better-sqlite3',
      );
      expect(outside, file).toEqual([]);
    }
  });
});
