import type { ErrorInfo } from '../errors';

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
}

export type SyncPhase = 'orders' | 'customers' | 'refresh-open' | 'done';

/** Pushed while a store syncs; drives the progress bar. */
export interface SyncProgress {
  storeId: string;
  mode: 'full' | 'incremental';
  phase: SyncPhase;
  pagesDone: number;
  /** Null while unknown (before the first page answers). */
  pagesTotal: number | null;
  recordsWritten: number;
  /** Records a minute over the run so far. */
  ratePerMinute: number;
  etaSeconds: number | null;
  retries: number;
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
}
