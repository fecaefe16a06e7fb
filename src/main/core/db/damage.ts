import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

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

/** The check itself, as a worker's source: the worker loads better-sqlite3 by the path the main thread resolved. */
const CHECK = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let problems;
try {
  const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  try {
    problems = db.pragma('integrity_check(10)').map((row) => row.integrity_check).filter((line) => line !== 'ok');
  } finally {
    db.close();
  }
} catch (error) {
  problems = [String((error && error.code) || error)];
}
parentPort.postMessage(problems);
`;

export interface IntegrityCheck {
  /** The problems SQLite found (empty when the file is whole); null when the check was stopped. */
  result: Promise<string[] | null>;
  stop(): Promise<void>;
}

/**
 * `PRAGMA integrity_check` on its own thread and read-only connection: at a million orders it reads every page for
 * minutes, which the main thread cannot spend. Stopping ends the thread (the app quitting).
 */
export function checkIntegrityOffThread(file: string): IntegrityCheck {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(CHECK, { eval: true, workerData: { file, module } });
  let stopped = false;
  const result = new Promise<string[] | null>((resolve) => {
    worker.once('message', (problems: string[]) => resolve(problems));
    worker.once('error', (error) => resolve([String(error)]));
    worker.once('exit', () => resolve(stopped ? null : ['stopped']));
  });
  return {
    result,
    async stop() {
      stopped = true;
      await worker.terminate();
    },
  };
}
