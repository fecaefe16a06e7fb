// The sync's writer thread: normalises pages and writes them on its own connection, off the main event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { storageFailure } from '../db/failures';
import { openDatabase } from '../db/open';
import { applySinkRequest, type SinkRequest } from './page-sink';
import type { WireRequest } from './worker-sink';

interface Envelope {
  id: number;
  request: SinkRequest | WireRequest;
}

function decode(request: SinkRequest | WireRequest): SinkRequest {
  // A list body's text is parsed by applySinkRequest; records serialised by the sink are parsed here.
  if ((request.op === 'orders' || request.op === 'customers') && typeof request.records === 'string') {
    return { ...request, records: JSON.parse(request.records) as unknown[] };
  }
  return request as SinkRequest;
}

const { file } = workerData as { file: string };
const db = openDatabase(file);

parentPort?.on('message', (message: Envelope | 'close') => {
  if (message === 'close') {
    db.close();
    parentPort?.close();
    return;
  }
  try {
    parentPort?.postMessage({ id: message.id, ok: true, result: applySinkRequest(db, decode(message.request)) });
  } catch (error) {
    // Errors cross as plain data; an AppError (or a full, read-only or damaged data folder) keeps its code, anything
    // else becomes INTERNAL on the other side.
    const known = storageFailure(error);
    const info =
      known !== null
        ? { ...known.toInfo(), detail: known.message }
        : { code: 'INTERNAL', detail: error instanceof Error ? error.message : String(error) };
    parentPort?.postMessage({ id: message.id, ok: false, error: info });
  }
});
