import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

/**
 * `npm run bench -- NAME [ARGS…]` runs bench/NAME.ts; without a name it lists
 * them. Benchmarks print tables for BENCHMARKS.md; they assert nothing.
 */
const HELPERS = new Set(['run', 'db-generator']);
const available = readdirSync('bench')
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -3))
  .filter((name) => !HELPERS.has(name) && !name.endsWith('-child') && !name.endsWith('-lib'))
  .sort();

const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- NAME [ARGS…]\nbenchmarks: ${available.join(', ')}`);
  process.exit(name ? 2 : 0);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}.ts`, ...args], { stdio: 'inherit' });
process.exit(result.status ?? 1);
