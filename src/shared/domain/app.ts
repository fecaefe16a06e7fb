import type { ErrorCode, ErrorInfo } from '../errors';

/** What the app says about itself (Configurações › Sobre, the frame's footer). */
export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  /** The folder holding the database and settings. */
  dataDir: string;
  /** 'electron' in the desktop app, 'bridge' in the browser preview and e2e tests. */
  shell: 'electron' | 'bridge' | 'cli';
}

/** A store as the renderer may see it: never a token or a secret. */
export interface StoreSummary {
  id: string;
  alias: string;
  name: string;
  timeZone: string;
  isDemo: boolean;
  hasCredentials: boolean;
  /** Whether the last call with these credentials worked; null before the first call. */
  credentialsOk: boolean | null;
  lastSyncAt: string | null;
  /** Why the last sync or check failed, if it did: a code and params, put into words at the edge. */
  lastError: ErrorInfo | null;
  orderCount: number;
  customerCount: number;
  /** Records the store sent that could not be read: kept raw, counted, never dropped. */
  unreadable: { orders: number; customers: number };
}

export type ConnectivityState = 'online' | 'offline' | 'unknown';

export interface Connectivity {
  state: ConnectivityState;
  /** ISO time of the API call that showed this state. */
  since: string | null;
  /** While offline: when the background check tries again (ISO), for "tentando de novo em 40 s". */
  nextCheckAt?: string | null;
}

/** Failures the person must fix (credentials, the store's alias or status): automatic sync pauses the store until then. */
export const PAUSING_ERRORS: readonly ErrorCode[] = ['AUTH_INVALID', 'STORE_NOT_FOUND', 'STORE_INACTIVE'];

/** How often stores sync by themselves, in minutes (Configurações); 0 is off. */
export const SYNC_INTERVALS = [0, 5, 10, 15, 30, 60] as const;
export type SyncIntervalMinutes = (typeof SYNC_INTERVALS)[number];
export const DEFAULT_SYNC_INTERVAL: SyncIntervalMinutes = 10;

export interface SyncSchedule {
  intervalMinutes: SyncIntervalMinutes;
  /**
   * An OS notification when a sync brings new orders: off until the person says yes, null while never asked (the
   * frame asks once, after the first sync that brought new orders).
   */
  notifyNewOrders: boolean | null;
}

export const DEFAULT_SYNC_SCHEDULE: SyncSchedule = { intervalMinutes: DEFAULT_SYNC_INTERVAL, notifyNewOrders: null };

export type SyncPhase = 'orders' | 'customers' | 'refresh-open' | 'done';

/** One list of a sync, in records. */
export interface SyncListProgress {
  /** Written so far (a resumed full sync counts the pages it had written before). */
  done: number;
  /** In all, once the API has said; null before. */
  total: number | null;
}

/** Pushed while a store syncs, from its first answer on; drives the progress bar. */
export interface SyncProgress {
  storeId: string;
  mode: 'full' | 'incremental';
  phase: SyncPhase;
  /** Orders and customers page at the same time, so each has its own count. */
  orders: SyncListProgress;
  customers: SyncListProgress;
  /**
   * Seconds left, from the requests left in each rate-limit group and the limit's windows (not a rate from the
   * run so far); null while a list's size is unknown.
   */
  etaSeconds: number | null;
  retries: number;
  /** Pages over every list, done and in all (null while unknown). */
  pagesDone: number;
  pagesTotal: number | null;
  /** Records over every list. */
  recordsWritten: number;
  /** Records a minute over the run so far. */
  ratePerMinute: number;
}

export interface SyncOutcome {
  storeId: string;
  mode: 'full' | 'incremental';
  ok: boolean;
  cancelled: boolean;
  /** Set when ok is false: the same code and params a call would fail with. */
  error: ErrorInfo | null;
  ordersWritten: number;
  customersWritten: number;
  unreadable: number;
  requests: number;
  retries: number;
  finishedAt: string;
  /** Orders this run brought that the cache did not have: for "N pedidos novos" and opening the list on them. */
  newOrders: NewOrders;
}

/** At most this many new orders' ids go in an outcome (a first sync brings every order; the count stays exact). */
export const NEW_ORDER_IDS_MAX = 1_000;

export interface NewOrders {
  /**
   * The run's number among the store's runs that brought orders, kept on each order it brought: `arrivedIn` of an
   * order query lists exactly them. Null for a store's first sync (every order is new, none is news).
   */
  run: number | null;
  count: number;
  /** Their ids, highest first; all of them when `count` ≤ NEW_ORDER_IDS_MAX, else the highest that many. */
  ids: number[];
  /** The lowest and highest id among all of them; null when there are none. */
  minId: number | null;
  maxId: number | null;
}

/**
 * What the window says about the cache file: whole; found damaged at open, kept aside under `kept` and being rebuilt
 * from the stores; or found damaged by the check after start-up (the next start keeps it aside and rebuilds).
 */
export type CacheHealth = { state: 'ok' } | { state: 'rebuilt'; kept: string } | { state: 'damaged' };

/**
 * The packing of the raw JSON an older version kept as text, after the open (`done` of `total` is a position in the
 * file's rows, not a count): the cache reads and syncs as usual meanwhile, a little slower.
 */
export interface CacheRepackProgress {
  done: number;
  total: number;
  finished: boolean;
}

/**
 * A store's removal as it goes: its orders and customers deleted (`done` of `total`), then the search index
 * rewritten, then the file compacted (VACUUM) — the last two on the writer's own thread, for seconds to minutes.
 */
export interface StoreRemovalProgress {
  storeId: string;
  phase: 'rows' | 'index' | 'compact';
  done: number;
  total: number;
}
