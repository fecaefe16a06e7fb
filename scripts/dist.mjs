// Builds the installers with electron-builder (configuration: electron-builder.config.mjs).
//
//   node scripts/dist.mjs          this OS's installers (npm run dist)
//   node scripts/dist.mjs --all    Windows, macOS and Linux (npm run dist:all; a dmg can only be made on macOS)
//   node scripts/dist.mjs --e2e    an unpacked app that keeps the inspect fuse, for test/e2e-electron (npm run dist:e2e)
//
// `npm run build` must have run first (the npm scripts do it).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { signingPlan } from '../electron-builder.config.mjs';

const args = process.argv.slice(2);
const e2e = args.includes('--e2e');
const env = { ...process.env, ...(e2e ? { BALCAO_BUILD_KIND: 'e2e' } : {}) };
for (const note of signingPlan(env).notes) console.warn(`[dist] ${note} Skipped.`);
if (!env.BALCAO_UPDATE_URL) console.warn('[dist] no BALCAO_UPDATE_URL: this build will not look for updates.');

// Packaging rebuilds better-sqlite3 for Electron in place (and a failed rebuild deletes it): the binary that was
// there (Node's for the tests, or Electron's for `npm run dev`) is put back afterwards, whatever happened.
const sqliteBinary = join('node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const saved = existsSync(sqliteBinary) ? readFileSync(sqliteBinary) : null;

const targets = args.includes('--all') ? ['--win', '--mac', '--linux'] : e2e ? ['--dir'] : [];
const result = spawnSync(
  process.execPath,
  [
    join('node_modules', 'electron-builder', 'cli.js'),
    '--config',
    'electron-builder.config.mjs',
    '--publish',
    'never',
    ...targets,
  ],
  { stdio: 'inherit', env },
);

if (saved) {
  mkdirSync(dirname(sqliteBinary), { recursive: true });
  writeFileSync(sqliteBinary, saved);
}
process.exit(result.status ?? 1);
