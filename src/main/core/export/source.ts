import type { CustomerDetail } from '../../../shared/domain/customer';
import type { Address, OrderDetail, OrderLines, OrderSummary } from '../../../shared/domain/order';
import type { OrderQuery } from '../../../shared/domain/query';

/** What a document says about the store: its name on every page, its zone for every date. */
export interface StoreInfo {
  name: string;
  /** IANA zone; every date on paper is wall time there. */
  timeZone: string;
}

export type { SenderData } from '../../../shared/domain/export';

export interface CustomerRecord {
  detail: CustomerDetail;
  /** The customer's addresses as the cache knows them (may be empty). */
  addresses: Address[];
}

/**
 * Where exports read from. The export engine never opens the cache itself: the
 * caller backs this with its own calls, so documents are built from the same
 * data the app shows.
 */
export interface ExportSource {
  store(): Promise<StoreInfo>;
  /** In the order asked; null where an id is not in the cache. */
  orders(ids: readonly number[]): Promise<(OrderDetail | null)[]>;
  /**
   * The same orders without what only the raw record holds (facts, status history, transactions): all that lists, sums
   * and CSV rows print, read many at a time. In the order asked; null where an id is not in the cache.
   */
  orderLines(ids: readonly number[]): Promise<(OrderLines | null)[]>;
  /** Every order the query matches, page by page, in the query's sort. */
  ordersMatching(query: OrderQuery): AsyncIterable<OrderSummary[]>;
  customer(id: number): Promise<CustomerRecord | null>;
}

/** What to export: picked rows, or everything a filter matches. */
export type Selection = { ids: readonly number[] } | { query: OrderQuery };
