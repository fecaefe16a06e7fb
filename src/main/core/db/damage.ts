import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { runOffThread } from './off-thread';

const HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Written beside the cache when a check after start-up found damage: the next open sets the file aside. */
const markerOf = (file: string) => `${file}.damaged`;

/**
 * What can be told about a cache file without reading its pages, in microseconds at any size: the header's magic,
 * and a file shorter than the page count its header declares (a truncated copy). Also a damage found by an earlier
 * run's full check. Null when nothing is wrong that cheaply (or there is no file yet).
 */
export function damageAtOpen(file: string): string | null {
  if (existsSync(markerOf(file))) return 'integrity';
  if (!existsSync(file)) return null;
  const size = statSync(file).size;
  if (size === 0) return null;
  const head = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (size < 100 || !head.subarray(0, 16).equals(HEADER)) return 'header';
  const raw = head.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  // The page count is valid only when its change counter matches the one it was written with.
  const counted = head.readUInt32BE(24) === head.readUInt32BE(92);
  if (counted && size < head.readUInt32BE(28) * pageSize) return 'truncated';
  return null;
}

/** Moves the damaged file and its WAL aside under a timestamped name (never deleted); returns the new name. */
export function setAside(file: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const kept = file.replace(/\.db$/, '') + `.damaged-${stamp}.db`;
  renameSync(file, kept);
  for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, kept + suffix);
  rmSync(markerOf(file), { force: true });
  return kept;
}

export function markDamaged(file: string, problem: string): void {
  writeFileSync(markerOf(file), `${problem}\n`);
}

export interface IntegrityCheck {
  /** The problems SQLite found (empty when the file is whole); null when the check was stopped. */
  result: Promise<string[] | null>;
  stop(): Promise<void>;
}

/** `PRAGMA integrity_check` off the main thread (at a million orders it reads every page for minutes). */
export function checkIntegrityOffThread(file: string): IntegrityCheck {
  const check = runOffThread(file, [{ pragma: 'integrity_check(10)' }], { readonly: true });
  const result = check.result.then(
    (results) =>
      results === null
        ? null
        : (results[0] as { integrity_check: string }[])
            .map((row) => row.integrity_check)
            .filter((line) => line !== 'ok'),
    (error: unknown) => [String((error as { code?: unknown }).code ?? error)],
  );
  return { result, stop: () => check.stop() };
}
