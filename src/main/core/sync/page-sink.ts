import type { Db } from '../db/open';
import { markOrdersChecked } from '../db/orders-write';
import { repackRawBatch, type RepackCursor, type RepackStep } from '../db/raw-repack';
import { updateStore } from '../db/stores-repo';
import { writeSyncState, type PageCheckpoint, type SyncResource, type SyncStatePatch } from '../db/sync-state-repo';
import {
  prepareCustomers,
  prepareOrders,
  type PreparedCustomers,
  type PreparedOrders,
  type PreparedPage,
} from './page-prepare';
import {
  listRecords,
  writeCustomerRecords,
  writeOrderRecords,
  type PageWriteResult,
  type WriteContext,
} from './page-writer';

/**
 * Where a sync's writes go. Every write of a run passes through one sink, so
 * with the worker sink there is exactly one writer: the worker's connection.
 */
export interface PageSink {
  writeOrders(ctx: WriteContext, records: PageRecords, checkpoint: PageCheckpoint | null): Promise<PageWriteResult>;
  writeCustomers(ctx: WriteContext, records: PageRecords, checkpoint: PageCheckpoint | null): Promise<PageWriteResult>;
  writeState(storeId: string, resource: SyncResource, patch: SyncStatePatch): Promise<void>;
  setStoreZone(storeId: string, zone: string): Promise<void>;
  /** Records that the sync looked at these orders now, though the store no longer returns them. */
  markOrdersChecked(storeId: string, orderIds: readonly number[]): Promise<void>;
  /** Packs the next batch of raw JSON an older version kept as text (db/raw-repack.ts), between the sync's pages. */
  repackRaw(cursor: RepackCursor): Promise<RepackStep>;
  close(): Promise<void>;
}

/**
 * A page's records: parsed, or the list body's bytes as the API sent them (whose `data` holds them). The bytes let a
 * page reach the writer's threads without being serialised again on the main thread, and moved, not copied.
 */
export type PageRecords = readonly unknown[] | { listBody: Uint8Array };

const utf8 = new TextDecoder();

/**
 * The records themselves, parsing a list body where that is what was sent, or the records' JSON text where a sink
 * serialised them to cross to a thread (worker-sink.ts).
 */
export function pageRecords(records: PageRecords | string): readonly unknown[] {
  if (typeof records === 'string') return JSON.parse(records) as unknown[];
  return 'listBody' in records ? listRecords(JSON.parse(utf8.decode(records.listBody))) : records;
}

export interface PageRequest {
  op: 'orders' | 'customers';
  ctx: WriteContext;
  records: PageRecords;
  checkpoint: PageCheckpoint | null;
}

/** A request as the writer thread receives it. */
export type SinkRequest =
  | PageRequest
  | { op: 'state'; storeId: string; resource: SyncResource; patch: SyncStatePatch }
  | { op: 'zone'; storeId: string; zone: string }
  | { op: 'checked'; storeId: string; orderIds: readonly number[] }
  | { op: 'repack'; cursor: RepackCursor };

/** What a request answers: a page's result, a repack batch's step, or nothing. */
export type SinkReply = PageWriteResult | RepackStep | null;

/** A page request's records normalised and packed (page-prepare.ts): no database needed, so any thread can. */
export function preparePage(
  op: PageRequest['op'],
  ctx: WriteContext,
  records: PageRecords | string,
): PreparedPage<unknown> {
  const parsed = pageRecords(records);
  return op === 'orders' ? prepareOrders(ctx, parsed) : prepareCustomers(ctx, parsed);
}

/**
 * Runs one request on a connection: shared by the inline sink and the worker. A page request is prepared here
 * unless `prepared` holds its page, prepared on another thread.
 */
export function applySinkRequest(db: Db, request: SinkRequest, prepared?: PreparedPage<unknown>): SinkReply {
  switch (request.op) {
    case 'orders':
      return writeOrderRecords(
        db,
        request.ctx,
        (prepared ?? preparePage('orders', request.ctx, request.records)) as PreparedOrders,
        request.checkpoint,
      );
    case 'customers':
      return writeCustomerRecords(
        db,
        request.ctx,
        (prepared ?? preparePage('customers', request.ctx, request.records)) as PreparedCustomers,
        request.checkpoint,
      );
    case 'state':
      writeSyncState(db, request.storeId, request.resource, request.patch);
      return null;
    case 'zone':
      updateStore(db, request.storeId, { timeZone: request.zone });
      return null;
    case 'checked':
      markOrdersChecked(db, request.storeId, request.orderIds, new Date().toISOString());
      return null;
    case 'repack':
      return repackRawBatch(db, request.cursor);
  }
}

/** Writes on the caller's thread: for tests of the engine alone and as the fallback when no worker can start. */
export function inlineSink(db: Db): PageSink {
  const run = (request: SinkRequest): Promise<SinkReply> => {
    try {
      return Promise.resolve(applySinkRequest(db, request));
    } catch (error) {
      return Promise.reject(error as Error);
    }
  };
  return {
    writeOrders: async (ctx, records, checkpoint) =>
      (await run({ op: 'orders', ctx, records, checkpoint })) as PageWriteResult,
    writeCustomers: async (ctx, records, checkpoint) =>
      (await run({ op: 'customers', ctx, records, checkpoint })) as PageWriteResult,
    writeState: async (storeId, resource, patch) => void (await run({ op: 'state', storeId, resource, patch })),
    setStoreZone: async (storeId, zone) => void (await run({ op: 'zone', storeId, zone })),
    markOrdersChecked: async (storeId, orderIds) => void (await run({ op: 'checked', storeId, orderIds })),
    repackRaw: async (cursor) => (await run({ op: 'repack', cursor })) as RepackStep,
    close: () => Promise.resolve(),
  };
}
