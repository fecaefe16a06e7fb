import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time under a folder, to decide whether out/renderer is stale. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const BUILT = 'out/renderer/index.html';
const LOCK = 'out/.renderer-build-lock';

function isFresh(): boolean {
  return existsSync(BUILT) && statSync(BUILT).mtimeMs >= Math.max(newest('src/renderer'), newest('src/shared'));
}

/**
 * The browser e2e suites serve the built renderer: build it when a source is
 * newer than the build. A lock folder (mkdir is atomic) keeps two suites in
 * parallel workers from building over each other.
 */
export function ensureRendererBuilt(): void {
  if (isFresh()) return;
  mkdirSync('out', { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${LOCK}`);
      spawnSync(process.execPath, ['-e', 'setTimeout(() => {}, 250)']);
    }
  }
  try {
    if (isFresh()) return;
    const result = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], {
      stdio: 'inherit',
    });
    if (result.status !== 0) throw new Error('electron-vite build failed; the e2e tests need out/renderer');
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
