import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { ReadableDB } from './connection';
import type { SqlQuery, SqlValue } from './sql';
import { readAll } from './statements';

/** A statement for the worker: SQL to run, a pragma whose rows come back, or a query whose rows come back. */
export type Step = { sql: string } | { pragma: string } | { query: string; params: readonly SqlValue[] };

/** The worker's source: it loads better-sqlite3 by the path the main thread resolved, so it needs no bundle entry. */
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
try {
  const db = new Database(workerData.file, { readonly: workerData.readonly, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 60000');
    db.pragma('secure_delete = ON');
    const results = workerData.steps.map((step) =>
      step.pragma ? db.pragma(step.pragma) : step.query ? db.prepare(step.query).all(...step.params) : (db.exec(step.sql), null),
    );
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
export function runOffThread(file: string, steps: readonly Step[], options: { readonly: boolean }): OffThread {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(SOURCE, { eval: true, workerData: { file, module, steps, readonly: options.readonly } });
  let stopped = false;
  const result = new Promise<unknown[] | null>((resolve, reject) => {
    worker.once('message', (message: { results?: unknown[]; error?: string }) => {
      if (message.results) resolve(message.results);
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
 * The rows of each query, read on a read-only connection in a worker, so a read over many orders never holds the main
 * loop; an in-memory database has no file for a worker to open, and is read on the caller's connection.
 */
export async function readAllOffThread<Rows extends unknown[]>(
  db: ReadableDB,
  queries: { [K in keyof Rows]: SqlQuery<Rows[K]> },
): Promise<{ [K in keyof Rows]: Rows[K][] }> {
  type Result = { [K in keyof Rows]: Rows[K][] };
  const list = queries as readonly SqlQuery[];
  if (db.memory) return list.map((query) => readAll(db, query)) as Result;
  const steps = list.map((query) => ({ query: query.sql, params: query.params }));
  const rows = await runOffThread(db.name, steps, { readonly: true }).result;
  if (rows === null) throw new Error('the worker stopped');
  return rows as Result;
}
