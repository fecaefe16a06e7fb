import type { Db } from '../db/open';
import { markOrdersChecked } from '../db/orders-write';
import { repackRawBatch, type RepackCursor, type RepackStep } from '../db/raw-repack';
import { updateStore } from '../db/stores-repo';
import { writeSyncState, type PageCheckpoint, type SyncResource, type SyncStatePatch } from '../db/sync-state-repo';
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
 * A page's records: parsed, or the list body's JSON text as the API sent it (whose `data` holds them). The
 * text form lets a page reach the writer thread without being serialised again on the main thread.
 */
export type PageRecords = readonly unknown[] | { listBodyText: string };

/** The records themselves, parsing a list body's text where that is what was sent. */
export function pageRecords(records: PageRecords): readonly unknown[] {
  return 'listBodyText' in records ? listRecords(JSON.parse(records.listBodyText)) : records;
}

/** A request as the writer thread receives it. */
export type SinkRequest =
  | { op: 'orders' | 'customers'; ctx: WriteContext; records: PageRecords; checkpoint: PageCheckpoint | null }
  | { op: 'state'; storeId: string; resource: SyncResource; patch: SyncStatePatch }
  | { op: 'zone'; storeId: string; zone: string }
  | { op: 'checked'; storeId: string; orderIds: readonly number[] }
  | { op: 'repack'; cursor: RepackCursor };

/** What a request answers: a page's result, a repack batch's step, or nothing. */
export type SinkReply = PageWriteResult | RepackStep | null;

/** Runs one request on a connection: shared by the inline sink and the worker. */
export function applySinkRequest(db: Db, request: SinkRequest): SinkReply {
  switch (request.op) {
    case 'orders':
      return writeOrderRecords(db, request.ctx, pageRecords(request.records), request.checkpoint);
    case 'customers':
      return writeCustomerRecords(db, request.ctx, pageRecords(request.records), request.checkpoint);
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
