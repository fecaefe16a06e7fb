import type { Cents } from './time';

export type SortDirection = 'asc' | 'desc';

/** `status` sorts in workflow order (awaiting payment → … → delivered, then cancelled, refused, refunded). */
export type OrderSortKey = 'date' | 'number' | 'total' | 'customer' | 'status' | 'payment';

export type ReviewFilter = 'reviewed' | 'flagged' | 'unreviewed';

/** Every field narrows the list; an absent field does not filter. */
export interface OrderQuery {
  /** Status aliases; several are OR-ed. */
  statuses?: string[];
  /** Days in the store's time zone, `YYYY-MM-DD`, both inclusive. */
  from?: string;
  to?: string;
  paymentMethods?: string[];
  minTotalCents?: Cents;
  maxTotalCents?: Cents;
  delivered?: boolean;
  customerId?: number;
  /** Hour of the day the order was created, in the store's time zone: 0–23. */
  hour?: number;
  /** Weekday the order was created, in the store's time zone: 0 = Monday … 6 = Sunday. */
  weekday?: number;
  review?: ReviewFilter;
  /** The orders these sync runs brought into the cache (`SyncOutcome.newOrders.run`): "N pedidos novos". */
  arrivedIn?: number[];
  /**
   * Free text: order number, customer name, e-mail, CPF/CNPJ, phone, SKU, product name, city, CEP (with or without
   * the dash), coupon code, tracking code; prefix match.
   */
  search?: string;
  sort?: { key: OrderSortKey; direction: SortDirection };
  offset?: number;
  limit?: number;
}

export type CustomerSortKey = 'name' | 'lastOrder' | 'orderCount' | 'totalSpent';

export interface CustomerQuery {
  /** Name, e-mail, CPF/CNPJ (with or without punctuation) or phone; prefix match. */
  search?: string;
  sort?: { key: CustomerSortKey; direction: SortDirection };
  offset?: number;
  limit?: number;
}

/**
 * Offset paging: `total` lets the UI show "1–100 of 12 345" and page numbers. Large filtered
 * totals are counted only up to a cap: then `totalIsExact` is false and `total` is a lower bound
 * (more than `total` rows match, "1–100 of more than 10,000").
 */
export interface Page<T> {
  rows: T[];
  total: number;
  /** False when `total` is the cap the count stopped at: more than `total` rows match. */
  totalIsExact: boolean;
  offset: number;
  limit: number;
}

export interface StatusCount {
  alias: string;
  name: string;
  count: number;
  /** False when counting stopped at a search's cap: at least `count` orders of this status match. */
  countIsExact: boolean;
}
