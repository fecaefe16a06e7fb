import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time under a folder, to decide whether out/ is stale. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/**
 * The Chromium e2e tests serve the built renderer: build it once per run, and
 * only when a source file is newer than the build.
 */
export default function setup(): void {
  const built = 'out/renderer/index.html';
  const sources = Math.max(newest('src/renderer'), newest('src/shared'));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  const result = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('electron-vite build failed; the e2e tests need out/renderer');
}
