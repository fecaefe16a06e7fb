/**
 * Relations a full order record needs (`shipping_address` fills `address`; `statuses` is the status history;
 * `pickup_address` tells a store pickup from a delivery; `pix` holds its expiry).
 */
export const ORDER_INCLUDES = [
  'items',
  'customer',
  'transactions',
  'status',
  'statuses',
  'shipping_address',
  'payments',
  'promocode',
  'pickup_address',
  'pix',
  'metadata',
] as const;

export interface SyncSettings {
  /** Records per list request; the API's maximum is 100. */
  pageSize: number;
  /** Days re-read before the high-water mark: late-committed orders and zone mismatches land inside it. */
  overlapDays: number;
  /** Orders not yet final are re-read if created at most this many days before the newest known order. */
  openWindowDays: number;
  /** Orders not yet final and older than that window: at most this many are read by id in each incremental run. */
  staleOpenPerRun: number;
  /** Attempts of one sync request beyond the client's own retries, for 5xx, bad bodies and 429s. */
  callRounds: number;
  /** Pause before the next round, times the round number. */
  roundPauseMs: number;
  /** At most this many progress events a second. */
  progressPerSecond: number;
}

export const DEFAULT_SYNC_SETTINGS: SyncSettings = {
  pageSize: 100,
  overlapDays: 1,
  openWindowDays: 45,
  staleOpenPerRun: 20,
  callRounds: 3,
  roundPauseMs: 1_000,
  progressPerSecond: 4,
};
