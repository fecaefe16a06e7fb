import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { ReadableDB } from './connection';
import type { SqlQuery, SqlValue } from './sql';
import { readAll } from './statements';

/**
 * A statement for the worker: SQL to run; a pragma whose rows come back; or a statement run again and again, each run
 * its own transaction, while it changes `batch` rows (each run's changes are reported as it ends).
 */
export type Step =
  { sql: string } | { pragma: string } | { repeat: string; params: readonly SqlValue[]; batch: number };

/** The worker's source: it loads better-sqlite3 by the path the main thread resolved, so it needs no bundle entry. */
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
try {
  const db = new Database(workerData.file, { readonly: workerData.readonly, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 60000');
    db.pragma('secure_delete = ON');
    db.pragma('foreign_keys = ON');
    const run = (step, index) => {
      if (step.pragma) return db.pragma(step.pragma);
      if (step.sql) return (db.exec(step.sql), null);
      const statement = db.prepare(step.repeat);
      let changes;
      do {
        changes = statement.run(...step.params).changes;
        parentPort.postMessage({ progress: changes, step: index });
      } while (changes >= step.batch);
      return null;
    };
    const results = workerData.steps.map(run);
    parentPort.postMessage({ results });
  } finally {
    db.close();
  }
} catch (error) {
  parentPort.postMessage({ error: String((error && error.code) || error) });
}
`;

export interface OffThread {
  /** Each step's rows (null for SQL), or null when stopped; rejects with SQLite's error code. */
  result: Promise<unknown[] | null>;
  stop(): Promise<void>;
}

/**
 * Runs statements on a connection of their own in a worker thread: work that reads or rewrites the whole file
 * (integrity_check, VACUUM, an FTS optimise) takes seconds at 100,000 orders and minutes at a million, which the
 * main thread cannot spend.
 */
export function runOffThread(
  file: string,
  steps: readonly Step[],
  options: { readonly: boolean; onProgress?: (changes: number, step: number) => void },
): OffThread {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(SOURCE, { eval: true, workerData: { file, module, steps, readonly: options.readonly } });
  let stopped = false;
  const result = new Promise<unknown[] | null>((resolve, reject) => {
    worker.on('message', (message: { results?: unknown[]; progress?: number; step?: number; error?: string }) => {
      if (message.progress !== undefined) options.onProgress?.(message.progress, message.step ?? 0);
      else if (message.results) resolve(message.results);
      else reject(Object.assign(new Error(`off-thread step failed: ${message.error}`), { code: message.error }));
    });
    worker.once('error', reject);
    worker.once('exit', () => (stopped ? resolve(null) : reject(new Error('the worker stopped'))));
  });
  return {
    result,
    async stop() {
      stopped = true;
      await worker.terminate();
    },
  };
}

/**
 * A reader's source: a read-only connection to one file that answers queries until it has been idle IDLE_MS, then
 * closes and lets its thread end. One worker per load would start and tear down a thread each time, whose cost lands
 * on the main loop (blocks of 50-390 ms on two shared cores at 100,000 orders).
 */
const READER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db = null;
let idle = null;
parentPort.on('message', (message) => {
  clearTimeout(idle);
  if (message === 'close') {
    db?.close();
    parentPort.close();
    return;
  }
  const { id, queries } = message;
  try {
    if (db === null) {
      db = new Database(workerData.file, { readonly: true, fileMustExist: true });
      db.pragma('busy_timeout = 60000');
    }
    parentPort.postMessage({ id, results: queries.map((q) => db.prepare(q.sql).all(...q.params)) });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.code) || error) });
  }
  idle = setTimeout(() => {
    db?.close();
    parentPort.close();
  }, workerData.idleMs);
});
`;

const IDLE_MS = 30_000;

interface Asked {
  queries: { sql: string; params: readonly SqlValue[] }[];
  resolve: (rows: unknown[][]) => void;
  reject: (error: Error) => void;
}

/**
 * One reader per connection, not per path: a cache rebuilt after damage is a new file at the same path, and a new
 * connection. A question the reader had not answered when it ended goes to the next one.
 */
const readers = new WeakMap<ReadableDB, { worker: Worker; asked: Map<number, Asked> }>();
let nextId = 0;

function ask(db: ReadableDB, question: Asked): void {
  let reader = readers.get(db);
  if (reader === undefined) {
    const module = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(READER_SOURCE, { eval: true, workerData: { file: db.name, module, idleMs: IDLE_MS } });
    const asked = new Map<number, Asked>();
    const made = { worker, asked };
    reader = made;
    readers.set(db, made);
    worker.on('message', (message: { id: number; results?: unknown[][]; error?: string }) => {
      const q = asked.get(message.id);
      asked.delete(message.id);
      if (asked.size === 0) worker.unref();
      if (message.results) q?.resolve(message.results);
      else q?.reject(Object.assign(new Error(`off-thread read failed: ${message.error}`), { code: message.error }));
    });
    worker.once('error', (error) => {
      if (readers.get(db) === made) readers.delete(db);
      for (const q of asked.values()) q.reject(error);
      asked.clear();
    });
    worker.once('exit', () => {
      if (readers.get(db) === made) readers.delete(db);
      for (const q of asked.values()) ask(db, q);
      asked.clear();
    });
  }
  // A reader keeps the process alive while it owes an answer, never while idle.
  reader.worker.ref();
  const id = nextId++;
  reader.asked.set(id, question);
  reader.worker.postMessage({ id, queries: question.queries });
}

/**
 * Ends the reader of a connection about to close, so nothing holds the file open after the core has let it go (a
 * file held open cannot be moved or deleted on Windows). A question it still owed is refused, not asked again.
 */
export async function closeOffThreadReader(db: ReadableDB): Promise<void> {
  const reader = readers.get(db);
  if (reader === undefined) return;
  readers.delete(db);
  const owed = [...reader.asked.values()];
  reader.asked.clear();
  const { worker } = reader;
  // Closed by its own hand, so SQLite releases the file; a thread stuck past a few seconds is ended regardless.
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.postMessage('close');
  const stuck = setTimeout(() => void worker.terminate(), 5_000);
  await exited;
  clearTimeout(stuck);
  for (const q of owed) q.reject(Object.assign(new Error('off-thread read failed: closed'), { code: 'CLOSED' }));
}

/**
 * The rows of each query, read on the file's read-only connection in a worker (kept while in use), so a read over
 * many orders never holds the main loop; an in-memory database has no file for a worker to open, and is read on the
 * caller's connection.
 */
export async function readAllOffThread<Rows extends unknown[]>(
  db: ReadableDB,
  queries: { [K in keyof Rows]: SqlQuery<Rows[K]> },
): Promise<{ [K in keyof Rows]: Rows[K][] }> {
  type Result = { [K in keyof Rows]: Rows[K][] };
  const list = queries as readonly SqlQuery[];
  if (db.memory) return list.map((query) => readAll(db, query)) as Result;
  const steps = list.map((query) => ({ sql: query.sql, params: query.params }));
  const rows = await new Promise<unknown[][]>((resolve, reject) => ask(db, { queries: steps, resolve, reject }));
  return rows as Result;
}
