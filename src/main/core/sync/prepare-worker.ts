// The thread the sync's writer has its pages prepared on (page-preparer.ts): normalising and packing, no database.
import { parentPort } from 'node:worker_threads';
import type { PrepareMessage, PrepareReply } from './page-preparer';
import { preparePage } from './page-sink';

parentPort?.on('message', (message: PrepareMessage) => {
  let reply: PrepareReply;
  try {
    reply = { id: message.id, ok: true, page: preparePage(message.op, message.ctx, message.records) };
  } catch (error) {
    reply = { id: message.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
