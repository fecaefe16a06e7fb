import { performance } from 'node:perf_hooks';
import type { Customer } from '../../../shared/domain/customer';
import type { Order } from '../../../shared/domain/order';
import { writeCustomers } from '../db/customers-repo';
import type { Db } from '../db/open';
import { writeOrderPage } from '../db/orders-write';
import type { PageCheckpoint } from '../db/sync-state-repo';
import type { UnreadableInput } from '../db/unreadable-repo';
import { normalizeCustomer, normalizeOrder, type NormalizeContext } from '../normalize';
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
  /** How long normalising and writing held the event loop, in ms. */
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
 * Normalises one page and writes it, with its checkpoint, in one transaction.
 * Records the normaliser cannot read go to unreadable_records in the same
 * transaction: counted, never dropped.
 */
export function writeOrderRecords(
  db: Db,
  ctx: WriteContext,
  records: readonly unknown[],
  checkpoint: PageCheckpoint | null,
): PageWriteResult {
  const started = performance.now();
  const orders: Order[] = [];
  const raws: unknown[] = [];
  const unreadable: UnreadableInput[] = [];
  const zones: string[] = [];
  for (const raw of records) {
    const { order, problems } = normalizeOrder(raw, ctx);
    if (order === null) unreadable.push({ raw, problems });
    else {
      orders.push(order);
      raws.push(raw);
      if (order.createdAt) zones.push(order.createdAt.zone);
    }
  }
  // Read on the writer's own connection just before its write: no other writer can add these orders in between.
  const cached = cachedOrderIds(
    db,
    ctx.storeId,
    orders.map((o) => o.id),
  );
  writeOrderPage(db, ctx.storeId, orders, raws, unreadable, checkpoint, ctx.arrivalRun);
  return {
    written: orders.length,
    unreadable: unreadable.length,
    ids: orders.map((o) => o.id),
    newIds: orders.filter((o) => !cached.has(o.id)).map((o) => o.id),
    zones,
    blockedMs: performance.now() - started,
  };
}

export function writeCustomerRecords(
  db: Db,
  ctx: WriteContext,
  records: readonly unknown[],
  checkpoint: PageCheckpoint | null,
): PageWriteResult {
  const started = performance.now();
  const customers: Customer[] = [];
  const raws: unknown[] = [];
  const unreadable: UnreadableInput[] = [];
  for (const raw of records) {
    const { customer, problems } = normalizeCustomer(raw, ctx);
    if (customer === null) unreadable.push({ raw, problems });
    else {
      customers.push(customer);
      raws.push(raw);
    }
  }
  writeCustomers(db, ctx.storeId, customers, raws, unreadable, checkpoint);
  return {
    written: customers.length,
    unreadable: unreadable.length,
    ids: customers.map((c) => c.id),
    newIds: [],
    zones: [],
    blockedMs: performance.now() - started,
  };
}
