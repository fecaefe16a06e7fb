import { setMaxListeners } from 'node:events';
import { NEW_ORDER_IDS_MAX, type NewOrders, type SyncOutcome, type SyncProgress } from '../../../shared/domain/app';
import type { ErrorInfo } from '../../../shared/errors';
import { limiterShape, type ApiStats, type RateLimiterSettings, type StoreApi } from '../api';
import { AppError } from '../base/app-error';
import { storageFailure } from '../db/failures';
import type { Db } from '../db/open';
import type { RepackCursor, RepackStep } from '../db/raw-repack';
import { readSyncState } from '../db/sync-state-repo';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../log/logger';
import type { Redactor } from '../log/redactor';
import type { StoreCredentials } from '../secrets/secret-store';
import type { StoreApiFactory } from '../stores/store-api-factory';
import type { StoresService } from '../stores/stores-service';
import { inlineSink, type PageSink } from './page-sink';
import { ProgressTracker } from './progress';
import { DEFAULT_SYNC_SETTINGS, type SyncSettings } from './settings';
import { emptyTotals, SyncRun, type RunTotals } from './sync-run';
import { nextArrivalRun } from './sync-queries';
import { WorkerSink, writerEntry } from './worker-sink';

export type SyncMode = 'auto' | 'full' | 'incremental';

/** The new orders of a run for its outcome: exact count and bounds, the highest ids up to the cap, and the run. */
function newOrders(ids: ReadonlySet<number>, run: number | null): NewOrders {
  const sorted = [...ids].sort((a, b) => b - a);
  return {
    run,
    count: sorted.length,
    ids: sorted.slice(0, NEW_ORDER_IDS_MAX),
    minId: sorted.at(-1) ?? null,
    maxId: sorted[0] ?? null,
  };
}

const retriesOf = (stats: ApiStats): number => Object.values(stats.retries).reduce((a, b) => a + b, 0);

export interface SyncManagerDeps {
  db: Db;
  stores: StoresService;
  apiFactory: StoreApiFactory;
  events: EventBus;
  log: Logger;
  redactor: Redactor;
  settings?: Partial<SyncSettings>;
  /** The API client's rate-limit settings (the factory's): the progress ETA models the limiter's windows. */
  rateLimit?: RateLimiterSettings;
  /**
   * 'worker' (default): pages are normalised and written on one writer thread, because doing it here holds the
   * event loop for far longer than a frame (docs/sync.md has the numbers). 'inline' writes on this thread.
   */
  writer?: 'worker' | 'inline';
  now?: () => Date;
}

/** For scripts (the CLI's --base-url): credentials held in memory for this run only, never stored. */
export interface RunOptions {
  credentials?: StoreCredentials;
  apiBaseUrl?: string;
}

/** The outcome plus what the benchmarks and tests look at. */
export interface SyncReport {
  outcome: SyncOutcome;
  totals: RunTotals;
  rateLimited: number;
}

interface Running {
  controller: AbortController;
  promise: Promise<SyncReport>;
  /** A full sync is running or follows the run in progress. */
  full: boolean;
}

/** Full when no full sync has completed or one is half done (it resumes), else incremental. */
export function resolveMode(db: Db, storeId: string, mode: SyncMode): 'full' | 'incremental' {
  const orders = readSyncState(db, storeId, 'orders');
  const customers = readSyncState(db, storeId, 'customers');
  const fullNeeded = orders.fullSyncDoneAt === null || orders.fullSync !== null || customers.fullSync !== null;
  if (mode === 'full' || fullNeeded) return 'full';
  return 'incremental';
}

/**
 * Runs syncs, one at a time per store, several stores at once (they share the
 * per-host rate limiter through the API factory). A second start for a store
 * that is already syncing joins the running sync instead of starting another:
 * `start` is then a no-op and `run` resolves with the running sync's outcome.
 */
export class SyncManager {
  readonly #deps: SyncManagerDeps;
  readonly #settings: SyncSettings;
  readonly #running = new Map<string, Running>();
  #closed = false;
  #sink: PageSink | null = null;

  constructor(deps: SyncManagerDeps) {
    this.#deps = deps;
    this.#settings = { ...DEFAULT_SYNC_SETTINGS, ...deps.settings };
  }

  /** Returns at once; the result (errors included) arrives as `sync.finished`. */
  start(storeId: string, mode: SyncMode = 'auto'): void {
    void this.run(storeId, mode);
  }

  /** Never rejects: failures are in the outcome, as `sync.finished` carries them. */
  async run(storeId: string, mode: SyncMode = 'auto', options: RunOptions = {}): Promise<SyncOutcome> {
    return (await this.runWithReport(storeId, mode, options)).outcome;
  }

  runWithReport(storeId: string, mode: SyncMode = 'auto', options: RunOptions = {}): Promise<SyncReport> {
    const running = this.#running.get(storeId);
    if (running && (mode !== 'full' || running.full)) return running.promise;
    if (running) {
      // A full re-sync asked for while another run goes on follows that run, never beside it; the store stays busy
      // until it ends, so nothing else (the scheduler) starts one meanwhile. A cancel stops both.
      running.full = true;
      const after = running.promise.then(() => this.#execute(storeId, 'full', options, running.controller));
      return this.#hold(storeId, running, after);
    }
    const controller = new AbortController();
    if (this.#closed) controller.abort();
    const entry: Running = {
      controller,
      promise: this.#execute(storeId, mode, options, controller),
      full: mode === 'full',
    };
    this.#running.set(storeId, entry);
    return this.#hold(storeId, entry, entry.promise);
  }

  /** The store's entry holds `promise` until it ends, unless a later run took its place meanwhile. */
  #hold(storeId: string, entry: Running, promise: Promise<SyncReport>): Promise<SyncReport> {
    const held = promise.finally(() => {
      if (entry.promise === held) this.#running.delete(storeId);
    });
    entry.promise = held;
    return held;
  }

  /** Stops between requests (or aborts the one in flight); what was written stays. */
  cancel(storeId: string): void {
    this.#running.get(storeId)?.controller.abort();
  }

  isRunning(storeId: string): boolean {
    return this.#running.has(storeId);
  }

  /** Whether any store is syncing. */
  get busy(): boolean {
    return this.#running.size > 0;
  }

  async close(): Promise<void> {
    this.#closed = true;
    const all = [...this.#running.values()];
    for (const r of all) r.controller.abort();
    await Promise.allSettled(all.map((r) => r.promise));
    await this.#sink?.close();
    this.#sink = null;
  }

  /** One batch of the raw JSON's repack (db/raw-repack.ts) on the sync's writer, in turn with the pages of any sync. */
  async repackRaw(cursor: RepackCursor): Promise<RepackStep> {
    return this.#writer().repackRaw(cursor);
  }

  /** One writer for every run; a writer thread that died is replaced, and without a worker entry writes stay here. */
  #writer(): PageSink {
    if (this.#closed) throw new AppError('CANCELLED', 'sync cancelled', { params: { reason: 'sync' } });
    if (this.#sink instanceof WorkerSink && !this.#sink.alive) this.#sink = null;
    if (this.#sink) return this.#sink;
    const { db, log } = this.#deps;
    const entry = this.#deps.writer === 'inline' || db.memory ? null : writerEntry();
    if (entry === null) {
      if (this.#deps.writer !== 'inline') log.warn('sync writes on the main thread: no writer worker available');
      this.#sink = inlineSink(db);
    } else this.#sink = new WorkerSink(db.name, entry);
    return this.#sink;
  }

  async #execute(
    storeId: string,
    requested: SyncMode,
    options: RunOptions,
    controller: AbortController,
  ): Promise<SyncReport> {
    const { db, stores, events, log } = this.#deps;
    const now = this.#deps.now ?? (() => new Date());
    let mode: 'full' | 'incremental' = requested === 'incremental' ? 'incremental' : 'full';
    let api: StoreApi | null = null;
    let run: SyncRun | null = null;
    let error: ErrorInfo | null = null;
    let cancelled = false;
    let storeKnown = false;
    let arrivalRun: number | null = null;
    try {
      const store = await stores.get(storeId);
      storeKnown = true;
      const credentials = options.credentials ?? (await stores.credentials(storeId));
      this.#deps.redactor.add(credentials.token, credentials.secret);
      const apiBaseUrl = options.apiBaseUrl ?? (await stores.apiBaseUrl(store, credentials));
      mode = resolveMode(db, storeId, requested);
      // The run's own signal: a cancel aborts it, and so does the run itself when one of its lists fails.
      const requests = new AbortController();
      // Each request in flight, and each waiting for a rate-limit slot, listens on it: two lists' worth is more than
      // Node's default of 10 listeners, which is a leak warning meant for listeners that are never removed.
      setMaxListeners(64, requests.signal);
      if (controller.signal.aborted) requests.abort();
      controller.signal.addEventListener('abort', () => requests.abort(), { once: true });
      const progress = new ProgressTracker({
        storeId,
        mode,
        emit: (p: SyncProgress) => events.emit('sync.progress', p),
        retries: () => (api === null ? 0 : retriesOf(api.stats())),
        minIntervalMs: 1000 / this.#settings.progressPerSecond,
        limiter: limiterShape(this.#deps.rateLimit),
      });
      api = this.#deps.apiFactory({ alias: store.alias, apiBaseUrl }, credentials, {
        signal: requests.signal,
        onEvent: (event) => progress.observe(event),
      });
      // Before the writer is asked for: a run cancelled by now, or started after close(), must not start a writer
      // thread that nothing would close (it would keep the process from exiting).
      if (controller.signal.aborted) throw new AppError('CANCELLED', 'sync cancelled', { params: { reason: 'sync' } });
      // A store's first sync brings every order, which is not news; after one has succeeded, what a run brings is.
      arrivalRun = store.lastSyncAt === null ? null : nextArrivalRun(db, storeId);
      run = new SyncRun({
        db,
        sink: this.#writer(),
        api,
        store,
        signal: requests.signal,
        halt: () => requests.abort(),
        progress,
        settings: this.#settings,
        log,
        now,
        arrivalRun,
      });
      log.info('sync started', { storeId, mode });
      if (mode === 'full') await run.full();
      else await run.incremental();
      progress.enter('done');
    } catch (caught) {
      cancelled = controller.signal.aborted || (caught instanceof AppError && caught.code === 'CANCELLED');
      if (!cancelled) {
        const known = storageFailure(caught);
        error = known ? known.toInfo() : { code: 'INTERNAL', params: { reason: 'log' } };
        if (!(caught instanceof AppError)) log.error('sync failed', { storeId, error: caught });
      }
    }
    const finishedAt = now().toISOString();
    const stats = api?.stats();
    const totals = run?.totals ?? emptyTotals();
    const outcome: SyncOutcome = {
      storeId,
      mode,
      ok: error === null && !cancelled,
      cancelled,
      error,
      ordersWritten: totals.ordersWritten,
      customersWritten: totals.customersWritten,
      unreadable: totals.unreadable,
      requests: stats?.requests ?? 0,
      retries: stats ? retriesOf(stats) : 0,
      finishedAt,
      newOrders: newOrders(totals.newOrderIds, arrivalRun),
    };
    if (storeKnown) {
      try {
        if (outcome.ok) stores.recordSync(storeId, finishedAt);
        else if (error !== null)
          stores.recordFailure(storeId, new AppError(error.code, 'sync failed', { params: error.params }));
        await stores.announce();
      } catch (bookkeeping) {
        log.warn('could not record the sync outcome', { storeId, error: bookkeeping });
      }
    }
    log.info('sync finished', { ...outcome });
    events.emit('sync.finished', outcome);
    return { outcome, totals, rateLimited: stats?.rateLimited ?? 0 };
  }
}
