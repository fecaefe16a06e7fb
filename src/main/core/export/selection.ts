import type { Order, OrderDetail, OrderLines, OrderSummary } from '../../../shared/domain/order';
import { AppError } from '../base/app-error';
import type { ExportSource, Selection } from './source';

/** Gives the event loop a turn between slices of synchronous work. */
export const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Cancel is checked between steps; a cancelled export always ends with this error. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('CANCELLED', 'Export cancelled.');
}

/** The selection's order ids, in the order they will print. */
export async function selectedIds(source: ExportSource, selection: Selection, signal?: AbortSignal): Promise<number[]> {
  let ids: number[];
  if ('ids' in selection) ids = [...new Set(selection.ids)];
  else {
    ids = [];
    for await (const page of source.ordersMatching(selection.query)) {
      await turn();
      throwIfCancelled(signal);
      for (const row of page) ids.push(row.id);
    }
  }
  if (ids.length === 0) throw new AppError('EXPORT_EMPTY', 'No order to export: the selection or filter is empty.');
  return ids;
}

/** Full orders for some ids, failing on the first id the cache does not hold. */
export async function loadOrders(source: ExportSource, ids: readonly number[]): Promise<OrderDetail[]> {
  await turn();
  return allFound(ids, await source.orders(ids));
}

/** Orders for lists, sums and CSV rows (source.orderLines), failing on the first id the cache does not hold. */
export async function loadOrderLines(source: ExportSource, ids: readonly number[]): Promise<OrderLines[]> {
  await turn();
  return allFound(ids, await source.orderLines(ids));
}

function allFound<T>(ids: readonly number[], details: readonly (T | null)[]): T[] {
  return details.map((detail, index) => {
    if (!detail)
      throw new AppError('NOT_FOUND', `Order ${ids[index]} is not in the cache.`, {
        params: { reason: 'order', id: ids[index] },
      });
    return detail;
  });
}

/** Splits ids into consecutive parts of at most `size`. */
export function parts<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The list row of an order, for exports of picked orders that print list columns. */
export function summaryOf(detail: OrderLines): OrderSummary {
  const o: Order = detail.order;
  return {
    id: o.id,
    number: o.number,
    status: o.status,
    customerId: o.customer?.id ?? null,
    customerName: o.customer?.name ?? null,
    customerEmail: o.customer?.email ?? null,
    createdAt: o.createdAt,
    totalCents: o.totalCents,
    paymentAlias: o.payment?.alias ?? null,
    installments: o.installments,
    delivered: o.delivered,
    trackingCode: o.trackingCode,
    reviewed: detail.review.reviewed,
    flagged: detail.review.flagged,
    hasNote: detail.review.note !== '',
    parseProblemCount: o.parseProblems.length,
  };
}

/** Summaries of a selection, page by page: the query's own pages, or the picked ids loaded in parts. */
export async function* selectedSummaries(
  source: ExportSource,
  selection: Selection,
  partSize: number,
  signal?: AbortSignal,
): AsyncGenerator<OrderSummary[]> {
  if ('query' in selection) {
    for await (const page of source.ordersMatching(selection.query)) {
      // A source that answers from memory resolves at once; a turn per page keeps the loop responsive anyway.
      await turn();
      throwIfCancelled(signal);
      yield page;
    }
    return;
  }
  for (const part of parts([...new Set(selection.ids)], partSize)) {
    throwIfCancelled(signal);
    yield (await loadOrderLines(source, part)).map(summaryOf);
  }
}

/** done/total with an estimate of the time left from the pace so far. */
export interface ExportProgress {
  done: number;
  total: number;
  /** Milliseconds left at the pace so far; null before the first step. */
  etaMs: number | null;
}

export function progressTracker(
  total: number,
  onProgress?: (p: ExportProgress) => void,
  now = () => performance.now(),
) {
  const start = now();
  let done = 0;
  onProgress?.({ done, total, etaMs: null });
  return (step: number) => {
    done += step;
    const elapsed = now() - start;
    onProgress?.({ done, total, etaMs: done > 0 ? Math.round((elapsed / done) * (total - done)) : null });
  };
}
