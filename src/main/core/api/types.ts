import type { ErrorCode } from '../../../shared/errors';

/** Route groups the store limits separately: order GETs share one budget, everything else another. */
export type RouteGroup = 'orders' | 'other';

/** Why an attempt is retried; also the key of the retry counters. */
export type RetryReason =
  | 'connection-refused'
  | 'connection-reset'
  | 'dns'
  | 'network'
  | 'timeout'
  | 'bad-json'
  | 'server-error'
  | 'rate-limited';

export type Connectivity = 'online' | 'offline';

/**
 * What the client tells observers. Built only from route paths (without the
 * alias or query string), counts and codes: never headers, never credentials.
 */
export type ApiEvent =
  | { type: 'request'; group: RouteGroup; path: string; attempt: number }
  | {
      type: 'response';
      group: RouteGroup;
      path: string;
      attempt: number;
      status: number;
      durationMs: number;
      rateLimitRemaining?: number;
    }
  | { type: 'network-error'; group: RouteGroup; path: string; attempt: number; reason: RetryReason; durationMs: number }
  | { type: 'retry'; group: RouteGroup; path: string; attempt: number; reason: RetryReason; delayMs: number }
  | { type: 'wait'; group: RouteGroup; waitedMs: number }
  | { type: 'failure'; group: RouteGroup; path: string; attempts: number; code: ErrorCode };

export interface ApiStats {
  /** Attempts sent (each retry counts). */
  requests: number;
  /** Every 429 answered, retried or not. */
  rateLimited: number;
  retries: Record<RetryReason, number>;
  /** Requests that had to wait for the rate limiter, and for how long in total. */
  waits: number;
  waitedMs: number;
  failures: number;
}

export interface Pagination {
  totalPages: number | undefined;
  total: number | undefined;
  currentPage: number | undefined;
  perPage: number | undefined;
}

/** A parsed body left as `unknown` on purpose: turning it into records is the normaliser's job. */
export interface ApiResult {
  body: unknown;
}

export interface ApiListResult extends ApiResult {
  /**
   * The body, parsed when first read: the sync never reads it (its pages are parsed on the writer's threads), so the
   * main thread only checks that the body is JSON and counts its records (list-body.ts). A getter: spreading,
   * cloning or deep-comparing the result reads it. Read before `bytes` are moved to another thread, or it throws.
   */
  readonly body: unknown;
  /** How many records the body's `data` list holds. */
  records: number;
  /**
   * The body's bytes as received: a page waiting for the writer is held as these (about its text's size, outside the
   * JavaScript heap the main thread collects) and crosses to the writer's threads as them, moved rather than copied.
   */
  bytes: Uint8Array;
  totalPages: number | undefined;
  total: number | undefined;
  pagination: Pagination;
}

export interface DateRange {
  /** YYYY-MM-DD, inclusive. */
  from: string;
  /** YYYY-MM-DD, inclusive; the same day as `from` when missing. */
  to?: string;
  /** The date field the API filters on. */
  field?: 'created_at' | 'updated_at';
}

export interface ListOrdersParams {
  page?: number;
  /** 1..100 */
  limit?: number;
  include?: readonly string[];
  date?: DateRange;
  statusIds?: readonly (number | string)[];
  q?: string;
  customerId?: number | string;
  orderBy?: string;
  sortedBy?: 'asc' | 'desc';
  skipCache?: boolean;
}

export interface ListCustomersParams {
  page?: number;
  limit?: number;
  include?: readonly string[];
  q?: string;
  skipCache?: boolean;
}

export interface VerifyResult {
  /** The store's order count when the API reports it. */
  totalOrders: number | undefined;
}

export interface StoreApi {
  listOrders(params?: ListOrdersParams): Promise<ApiListResult>;
  getOrder(id: number | string, include?: readonly string[]): Promise<ApiResult>;
  listCustomers(params?: ListCustomersParams): Promise<ApiListResult>;
  getCustomer(id: number | string, include?: readonly string[]): Promise<ApiResult>;
  listStatuses(): Promise<ApiListResult>;
  verify(): Promise<VerifyResult>;
  stats(): ApiStats;
  /** The outcome of the last real call; 'unknown' before the first one. */
  readonly connectivity: Connectivity | 'unknown';
}
