import { performance } from 'node:perf_hooks';
import { writeCustomers } from '../db/customers-repo';
import type { Db } from '../db/open';
import { writeOrderPage } from '../db/orders-write';
import type { PageCheckpoint } from '../db/sync-state-repo';
import type { NormalizeContext } from '../normalize';
import type { PreparedCustomers, PreparedOrders } from './page-prepare';
import { cachedOrderIds } from './sync-queries';

/** What a page is normalised and written with: the store's context and, for orders, the run that brings them. */
export interface WriteContext extends NormalizeContext {
  /** Kept on the orders the page inserts (null: the store's first sync, whose orders are not news). */
  arrivalRun: number | null;
}

export interface PageWriteResult {
  written: number;
  unreadable: number;
  ids: number[];
  /** Of `ids`, those the cache did not hold before this write. */
  newIds: number[];
  /** Zones the records' timestamps named, for keeping the store's zone right. */
  zones: string[];
  /** How long preparing (page-prepare.ts) and writing the page took, in ms: the event loop's if inline. */
  blockedMs: number;
}

/** A list body's records; a body without a `data` list is an empty page, not a crash. */
export function listRecords(body: unknown): unknown[] {
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    const data = (body as Record<string, unknown>)['data'];
    if (Array.isArray(data)) return data;
  }
  return [];
}

/**
 * Writes one prepared page (page-prepare.ts), with its checkpoint, in one transaction. Records the normaliser could
 * not read go to unreadable_records in the same transaction.
 */
export function writeOrderRecords(
  db: Db,
  ctx: WriteContext,
  page: PreparedOrders,
  checkpoint: PageCheckpoint | null,
): PageWriteResult {
  const started = performance.now();
  const ids = page.records.map((o) => o.id);
  // Read on the writer's own connection just before its write: no other writer can add these orders in between.
  const cached = cachedOrderIds(db, ctx.storeId, ids);
  writeOrderPage(
    db,
    ctx.storeId,
    page.records,
    { packed: page.packed },
    page.unreadable,
    checkpoint,
    ctx.arrivalRun,
    page.digests,
  );
  return {
    written: page.records.length,
    unreadable: page.unreadable.length,
    ids,
    newIds: ids.filter((id) => !cached.has(id)),
    zones: page.zones,
    blockedMs: page.prepareMs + performance.now() - started,
  };
}

export function writeCustomerRecords(
  db: Db,
  ctx: WriteContext,
  page: PreparedCustomers,
  checkpoint: PageCheckpoint | null,
): PageWriteResult {
  const started = performance.now();
  writeCustomers(db, ctx.storeId, page.records, { packed: page.packed }, page.unreadable, checkpoint);
  return {
    written: page.records.length,
    unreadable: page.unreadable.length,
    ids: page.records.map((c) => c.id),
    newIds: [],
    zones: [],
    blockedMs: page.prepareMs + performance.now() - started,
  };
}
