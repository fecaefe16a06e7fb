import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The data folder holds every order and customer of the merchant's stores (personal data under the LGPD): on macOS
 * and Linux only its owner may read it. New files get 0600 and folders 0700 through the process's umask (the database,
 * its WAL, the logs, Chromium's own files); a folder from an older version is tightened when the app opens.
 * Windows keeps a user's AppData private through its ACLs.
 */
export function secureDataFolder(dir: string, platform: NodeJS.Platform = process.platform): void {
  if (platform === 'win32') {
    mkdirSync(dir, { recursive: true });
    return;
  }
  process.umask(0o077);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  tighten(dir, 1);
}

/** The folder's own files and the logs; a 0700 folder already closes Chromium's caches below it to others. */
function tighten(dir: string, depth: number): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isFile()) chmodSync(path, 0o600);
    else if (entry.isDirectory() && depth > 0 && entry.name === 'logs') tighten(path, depth - 1);
  }
}
