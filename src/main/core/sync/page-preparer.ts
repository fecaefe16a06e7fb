import { Worker } from 'node:worker_threads';
import type { PreparedPage } from './page-prepare';
import { preparePage, type PageRequest } from './page-sink';

/** What the writer sends the preparing thread, and what it answers. */
export interface PrepareMessage {
  id: number;
  op: PageRequest['op'];
  ctx: PageRequest['ctx'];
  records: PageRequest['records'] | string;
}
export type PrepareReply =
  { id: number; ok: true; page: PreparedPage<unknown> } | { id: number; ok: false; message: string };

/**
 * Used by the writer thread: prepares pages (page-prepare.ts) on a thread of its own, so that normalising and packing
 * page N+1 runs beside page N's SQL. Answers come back by id, each page as its own promise, so the writer keeps its
 * order. Without that thread (no entry, or it died) pages are prepared here, on the writer's thread, as before:
 * a page the thread held when it died is prepared again here, never lost.
 */
export class PagePreparer {
  #worker: Worker | null = null;
  readonly #pending = new Map<
    number,
    { message: PrepareMessage; resolve: (page: PreparedPage<unknown>) => void; reject: (error: Error) => void }
  >();
  #next = 1;
  #closing = false;

  constructor(entry: URL | null) {
    if (entry === null) return;
    const worker = new Worker(entry);
    worker.on('message', (reply: PrepareReply) => {
      const waiting = this.#pending.get(reply.id);
      if (!waiting) return;
      this.#pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.page);
      else waiting.reject(new Error(reply.message));
    });
    const lost = (): void => {
      if (this.#worker !== worker) return;
      this.#worker = null;
      if (this.#closing) return;
      const owed = [...this.#pending.values()];
      this.#pending.clear();
      for (const { message, resolve, reject } of owed) this.#inline(message).then(resolve, reject);
    };
    worker.on('error', lost);
    worker.on('exit', lost);
    this.#worker = worker;
  }

  /** Whether pages are prepared on their own thread (for tests). */
  get threaded(): boolean {
    return this.#worker !== null;
  }

  prepare(request: Omit<PrepareMessage, 'id'>): Promise<PreparedPage<unknown>> {
    const message = { ...request, id: this.#next++ };
    const worker = this.#worker;
    if (worker === null) return this.#inline(message);
    return new Promise((resolve, reject) => {
      this.#pending.set(message.id, { message, resolve, reject });
      // Copied, not moved (a page's body copies in well under a millisecond): should the thread die, the page is
      // prepared again from this copy.
      worker.postMessage(message);
    });
  }

  #inline(message: PrepareMessage): Promise<PreparedPage<unknown>> {
    try {
      return Promise.resolve(preparePage(message.op, message.ctx, message.records));
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  async close(): Promise<void> {
    this.#closing = true;
    const worker = this.#worker;
    this.#worker = null;
    if (worker !== null) await worker.terminate();
  }
}
