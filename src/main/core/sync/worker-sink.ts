import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { join, sep } from 'node:path';
import { threadId, Worker } from 'node:worker_threads';
import type * as Esbuild from 'esbuild';
import type { ErrorCode, ErrorParams } from '../../../shared/errors';
import { AppError } from '../base/app-error';
import type { PageCheckpoint, SyncResource, SyncStatePatch } from '../db/sync-state-repo';
import type { RepackCursor, RepackStep } from '../db/raw-repack';
import type { PageRecords, PageSink, SinkReply, SinkRequest } from './page-sink';
import type { PageWriteResult, WriteContext } from './page-writer';

/** A page request whose records travel as JSON: a list body's bytes as received, or records serialised here. */
export type WireRequest = {
  op: 'orders' | 'customers';
  ctx: WriteContext;
  records: { listBody: Uint8Array } | string;
  checkpoint: PageCheckpoint | null;
};

const wire = (records: PageRecords): WireRequest['records'] =>
  'listBody' in records ? { listBody: records.listBody } : JSON.stringify(records);

/**
 * The buffers a request can move to another thread instead of copying: a list body that owns its whole buffer (as a
 * response's does). Moved, it is gone from the sender, which never reads a page again once handed over.
 */
function movableBuffers(records: PageRecords | WireRequest['records']): ArrayBuffer[] {
  if (typeof records === 'string' || !('listBody' in records)) return [];
  const bytes = records.listBody;
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return whole && bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : [];
}

type Reply =
  | { id: number; ok: true; result: SinkReply }
  | { id: number; ok: false; error: { code: ErrorCode; params?: ErrorParams; detail: string } };

/**
 * A worker's entry next to this module: the built .js in the app; from the .ts source (dev, tests, CLI under tsx)
 * a bundle of that source, built here once per process with esbuild. A worker that registered tsx itself would run
 * loader hooks in a thread of their own inside it (Node 20 gives each registering thread one), and tsx would compile
 * every module again on each start; the bundle is plain JavaScript and starts at once.
 */
function workerEntry(name: 'writer-worker' | 'prepare-worker'): URL | null {
  const self = import.meta.url;
  if (!self.startsWith('file:')) return null;
  for (const ext of ['.js', '.mjs']) {
    const url = new URL(`./${name}${ext}`, self);
    if (existsSync(fileURLToPath(url))) return url;
  }
  const source = new URL(`./${name}.ts`, self);
  if (!existsSync(fileURLToPath(source))) return null;
  if (!bundled.has(name)) bundled.set(name, bundleFromSource(source, name));
  return bundled.get(name) ?? null;
}

const bundled = new Map<string, URL | null>();

/** The sync's writer thread (writer-worker.ts). */
export function writerEntry(): URL | null {
  return workerEntry('writer-worker');
}

/** The thread the writer has its pages prepared on (prepare-worker.ts). */
export function preparerEntry(): URL | null {
  return workerEntry('prepare-worker');
}

/**
 * Bundles the worker's source into node_modules/.cache (so `better-sqlite3`, left out, resolves from there), under
 * a name made of its content's hash: processes that build the same bundle share one file, written atomically.
 */
function bundleFromSource(source: URL, name: string): URL | null {
  const require = createRequire(source);
  let esbuild: typeof Esbuild;
  let nativeModule: string;
  try {
    esbuild = require('esbuild') as typeof Esbuild;
    nativeModule = require.resolve('better-sqlite3');
  } catch {
    return null;
  }
  const { outputFiles } = esbuild.buildSync({
    entryPoints: [fileURLToPath(source)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3'],
    // For any CommonJS dependency bundled into this ES module.
    banner: {
      js: "import { createRequire as __balcaoRequire } from 'node:module'; const require = __balcaoRequire(import.meta.url);",
    },
    write: false,
    logLevel: 'silent',
  });
  const code = outputFiles[0].contents;
  const cache = join(
    nativeModule.slice(0, nativeModule.lastIndexOf(`${sep}node_modules${sep}`) + `${sep}node_modules`.length),
    '.cache',
    'balcao',
  );
  const file = join(cache, `${name}-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  if (!existsSync(file)) {
    mkdirSync(cache, { recursive: true });
    const partial = `${file}.${process.pid}.${threadId}.tmp`;
    writeFileSync(partial, code);
    renameSync(partial, file);
  }
  return pathToFileURL(file);
}

/**
 * One writer thread for the database file: requests are answered in order,
 * so the pages of several stores' syncs are written one after the other. The writer has each page prepared
 * (normalised, its raw JSON packed) on a second thread while it writes the page before (page-preparer.ts).
 */
export class WorkerSink implements PageSink {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (r: SinkReply) => void; reject: (e: Error) => void }>();
  #next = 1;
  #dead: Error | null = null;

  constructor(file: string, entry: URL, preparer: URL | null = preparerEntry()) {
    this.#worker = new Worker(entry, { workerData: { file, preparer: preparer?.href ?? null } });
    this.#worker.on('message', (reply: Reply) => {
      const waiting = this.#pending.get(reply.id);
      if (!waiting) return;
      this.#pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.result);
      else waiting.reject(new AppError(reply.error.code, reply.error.detail, { params: reply.error.params }));
    });
    const fail = (error: Error): void => {
      this.#dead = new AppError('INTERNAL', 'the sync writer stopped', {
        params: { reason: 'writer' },
        cause: { reason: error.message },
      });
      for (const waiting of this.#pending.values()) waiting.reject(this.#dead);
      this.#pending.clear();
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', (code) => fail(new Error(`writer exited with ${code}`)));
  }

  get alive(): boolean {
    return this.#dead === null;
  }

  /**
   * Pages cross as JSON: structured-cloning a page's object graph held the main loop longer than stringifying it (a
   * string crosses as one copy), and a list page crosses as the bytes the API sent, moved, which costs the main loop
   * nothing more; docs/sync.md has the numbers.
   */
  #send(request: SinkRequest | WireRequest): Promise<SinkReply> {
    if (this.#dead) return Promise.reject(this.#dead);
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, request }, 'records' in request ? movableBuffers(request.records) : []);
    });
  }

  async writeOrders(
    ctx: WriteContext,
    records: PageRecords,
    checkpoint: PageCheckpoint | null,
  ): Promise<PageWriteResult> {
    return (await this.#send({ op: 'orders', ctx, records: wire(records), checkpoint })) as PageWriteResult;
  }

  async writeCustomers(
    ctx: WriteContext,
    records: PageRecords,
    checkpoint: PageCheckpoint | null,
  ): Promise<PageWriteResult> {
    return (await this.#send({ op: 'customers', ctx, records: wire(records), checkpoint })) as PageWriteResult;
  }

  async writeState(storeId: string, resource: SyncResource, patch: SyncStatePatch): Promise<void> {
    await this.#send({ op: 'state', storeId, resource, patch });
  }

  async setStoreZone(storeId: string, zone: string): Promise<void> {
    await this.#send({ op: 'zone', storeId, zone });
  }

  async markOrdersChecked(storeId: string, orderIds: readonly number[]): Promise<void> {
    await this.#send({ op: 'checked', storeId, orderIds });
  }

  async repackRaw(cursor: RepackCursor): Promise<RepackStep> {
    return (await this.#send({ op: 'repack', cursor })) as RepackStep;
  }

  async close(): Promise<void> {
    if (this.#dead) return;
    const exited = new Promise<void>((resolve) => this.#worker.once('exit', () => resolve()));
    this.#worker.postMessage('close');
    await Promise.race([exited, delay(2_000, undefined, { ref: false })]);
    if (!this.#dead) await this.#worker.terminate();
  }
}
