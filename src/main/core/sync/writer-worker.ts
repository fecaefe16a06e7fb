// The sync's writer thread: writes pages on its own connection, off the main event loop, each page prepared on a
// thread of its own (page-preparer.ts) while the page before is written.
import { parentPort, workerData } from 'node:worker_threads';
import { storageFailure } from '../db/failures';
import { openDatabase } from '../db/open';
import { PagePreparer } from './page-preparer';
import { applySinkRequest, type SinkReply, type SinkRequest } from './page-sink';
import type { PreparedPage } from './page-prepare';
import type { WireRequest } from './worker-sink';

interface Envelope {
  id: number;
  request: SinkRequest | WireRequest;
}

const { file, preparer: preparerHref } = workerData as { file: string; preparer: string | null };
const db = openDatabase(file);
const preparer = new PagePreparer(preparerHref === null ? null : new URL(preparerHref));

/** Requests received and not yet answered. */
let pending = 0;
let written = false;

/**
 * The cache checkpoints at commit only past a large WAL (db/open.ts): this thread moves the WAL into the database
 * whenever it has nothing left to write, so a burst of pages is not slowed by checkpoints and the WAL stays small
 * between bursts.
 */
function checkpointIfIdle(): void {
  if (pending > 0 || !written || !db.open) return;
  written = false;
  try {
    // PASSIVE: never waits for the main thread's readers; what they still need is copied at the next idle moment.
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // A checkpoint left for later costs nothing but WAL size; the next commit past the bound checkpoints anyway.
  }
}

function reply(id: number, run: () => SinkReply): void {
  try {
    const result = run();
    written = true;
    parentPort?.postMessage({ id, ok: true, result });
  } catch (error) {
    // Errors cross as plain data; an AppError (or a full, read-only or damaged data folder) keeps its code, anything
    // else becomes INTERNAL on the other side.
    const known = storageFailure(error);
    const info =
      known !== null
        ? { ...known.toInfo(), detail: known.message }
        : { code: 'INTERNAL', detail: error instanceof Error ? error.message : String(error) };
    parentPort?.postMessage({ id, ok: false, error: info });
  } finally {
    pending -= 1;
    // After the messages that arrived meanwhile: a page already on its way keeps the writer busy.
    if (pending === 0) setImmediate(checkpointIfIdle);
  }
}

// Requests are applied in the order they came; a page's preparing starts as soon as it arrives. Each request first
// yields to the event loop: pages already prepared would otherwise be written back to back in one macrotask, and the
// pages sent meanwhile would reach the preparer only after them, leaving it idle while this thread writes.
let turn: Promise<void> = Promise.resolve();
const yieldToMessages = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

parentPort?.on('message', (message: Envelope | 'close') => {
  if (message === 'close') {
    turn = turn.then(async () => {
      await preparer.close();
      db.close();
      parentPort?.close();
    });
    return;
  }
  const { id, request } = message;
  pending += 1;
  if (request.op === 'orders' || request.op === 'customers') {
    const prepared: Promise<PreparedPage<unknown> | Error> = preparer
      .prepare({ op: request.op, ctx: request.ctx, records: request.records })
      .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    turn = turn.then(yieldToMessages).then(async () => {
      const page = await prepared;
      reply(id, () => {
        if (page instanceof Error) throw page;
        return applySinkRequest(db, request as SinkRequest, page);
      });
    });
  } else turn = turn.then(yieldToMessages).then(() => reply(id, () => applySinkRequest(db, request as SinkRequest)));
});
