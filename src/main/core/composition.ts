import { accessSync, constants, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { AppInfo, CacheHealth } from '../../shared/domain/app';
import type { ErrorInfo } from '../../shared/errors';
import { DEFAULT_BASE_URL, type RateLimiterSettings } from './api';
import { ConnectivityTracker } from './connectivity';
import { ConnectivityCheck } from './connectivity-check';
import { AppError } from './base/app-error';
import { checkIntegrityOffThread, damageAtOpen, markDamaged, setAside } from './db/damage';
import { storageFailure } from './db/failures';
import { attachMerchantCopy, MERCHANT_FILE } from './db/merchant-copy';
import { closeOffThreadReader } from './db/off-thread';
import { openDatabase, type Db } from './db/open';
import { rawRepackPending } from './db/raw-repack';
import { createDispatcher, type Dispatch } from './ipc/dispatcher';
import { EventBus } from './events/event-bus';
import { createLogger, type ClosableLogger, type Logger } from './log/logger';
import { redactor } from './log/redactor';
import { createKeytarSecretStore } from './secrets/keytar-secret-store';
import type { SecretStore, StoreCredentials } from './secrets/secret-store';
import { createService } from './ipc/handlers';
import { DEFAULT_DEMO, DemoStoreHost, type DemoStoreSettings } from './stores/demo-store';
import { createStoreApiFactory } from './stores/store-api-factory';
import { StoresService } from './stores/stores-service';
import { repackRawInBackground } from './sync/raw-repack-run';
import { SyncManager } from './sync/sync-manager';
import { SyncScheduler } from './sync/scheduler';
import type { Timers } from './sync/timers';
import { SCHEDULE_FILE, scheduleSettingsFile } from './sync/schedule-settings';
import { OrdersService } from './orders/orders-service';
import type { OpenOrderLink } from './orders/order-links';
import { ExportService, NO_EXPORT_SHELL, type ExportShell } from './export/export-service';

export interface CoreOptions {
  appName: string;
  version: string;
  dataDir: string;
  /** The platform's log folder in the app (macOS: ~/Library/Logs/Balcão); `<dataDir>/logs` elsewhere. */
  logDir?: string;
  shell: AppInfo['shell'];
  /** The store API; tests point it at a fake store on 127.0.0.1. */
  apiBaseUrl?: string;
  /** Tests use a keychain service of their own; the app uses its id. */
  secrets?: SecretStore;
  demo?: DemoStoreSettings;
  rateLimit?: RateLimiterSettings;
  /** Per request, in ms. */
  apiTimeoutMs?: number;
  /** The full integrity check after start-up (default on); a one-shot CLI command has no time for it. */
  checkIntegrity?: boolean;
  /** The Electron shell opens order links in the person's browser; other shells leave it out and open nothing. */
  openLink?: OpenOrderLink;
  /** Where exports are saved, opened and printed: each shell brings its own (docs/export.md). */
  exportShell?: ExportShell;
  /** The clock and timers of the background connectivity check; tests fire its checks instead of waiting for them. */
  connectivityTimers?: Timers;
}

/**
 * What a shell gets: the one door (`dispatch`, the contract's calls with their schemas and the services' checks),
 * the events to forward, the log, and `close`. Nothing else of the core is handed out, so no shell can reach the
 * database or a service around the door.
 */
export interface Core {
  dispatch: Dispatch;
  events: EventBus;
  log: Logger;
  /**
   * The one thing a shell must do itself: a script (the CLI's `sync --base-url --alias`) brings credentials from
   * its own environment instead of the keychain, and the contract never takes credentials for a sync — a window
   * has no business supplying them. They are held in memory for this core's life, never written, registered with
   * the redactor, and used by `sync.start` for the store row they name (found by alias and URL, or created without
   * credentials). Returns that store's id.
   */
  useScriptCredentials(target: { alias: string; apiBaseUrl: string }, credentials: StoreCredentials): string;
  /**
   * Stores kept fresh without anyone asking (docs/sync.md): the app, the preview and a long-running CLI call
   * `start()` (a sync of every store, then the schedule, and the background connectivity check); the shell calls
   * `onWake()` when the computer wakes and `onOnline()` when the OS says the network is back. A one-off command
   * never starts it.
   */
  freshness: { start(): void; onWake(): void; onOnline(): void };
  close(): Promise<void>;
  /** Set when the cache was found damaged at open, kept aside and started afresh (say it; the stores then sync). */
  recovered: ErrorInfo | null;
  /** The full check after start-up: DATABASE_DAMAGED when it found damage (the next start rebuilds). */
  integrity: Promise<ErrorInfo | null>;
}

/** The wired parts, for tests and benchmarks that look inside; shells get `Core` from createCore. */
export interface CoreParts extends Core {
  db: Db;
  stores: StoresService;
  sync: SyncManager;
  scheduler: SyncScheduler;
  connectivityCheck: ConnectivityCheck;
  /** The repack of an older cache's raw JSON after the open: true once all is packed (also when nothing was left). */
  rawRepack: Promise<boolean>;
}

export const DATABASE_FILE = 'balcao.db';

/**
 * Wires the core's parts together once, for every shell: Electron, the HTTP
 * bridge and the CLI all get the same service behind the same dispatcher.
 */
export function createCore(options: CoreOptions): Core {
  const { dispatch, events, log, useScriptCredentials, freshness, close, recovered, integrity } = assembleCore(options);
  return { dispatch, events, log, useScriptCredentials, freshness, close, recovered, integrity };
}

/**
 * The cache's file, its open failure said as a code a person can act on (and logged, where the folder lets a log be
 * written): a shell that cannot open the core has nothing else to tell the person with.
 */
function openCache(
  dataDir: string,
  log: ClosableLogger,
  now: Date,
): { db: Db; recovered: ErrorInfo | null; health: CacheHealth } {
  const file = join(dataDir, DATABASE_FILE);
  try {
    mkdirSync(dataDir, { recursive: true });
    // The WAL and its index are files beside the database: a folder that cannot be written fails here (EROFS, EACCES).
    accessSync(dataDir, constants.W_OK);
    let problem = damageAtOpen(file);
    let db: Db | null = null;
    if (problem === null) {
      try {
        db = openDatabase(file);
      } catch (error) {
        if (storageFailure(error)?.code !== 'DATABASE_DAMAGED') throw error;
        problem = 'open';
        log.error('the data file could not be opened', { error });
      }
    }
    let recovered: ErrorInfo | null = null;
    let health: CacheHealth = { state: 'ok' };
    if (db === null) {
      // Never deleted: the damaged file is the person's, and may be worth a repair attempt by someone else.
      const kept = setAside(file, now);
      recovered = {
        code: 'DATABASE_DAMAGED',
        params: { reason: 'rebuilt', problem: problem ?? 'open', kept: basename(kept) },
      };
      health = { state: 'rebuilt', kept: basename(kept) };
      log.error('the data file was damaged: kept aside, the cache is rebuilt from the stores', { problem, kept });
      db = openDatabase(file);
    }
    const restored = attachMerchantCopy(db, join(dataDir, MERCHANT_FILE));
    if (recovered) log.info('the merchant data was restored into the new cache', { stores: restored });
    return { db, recovered, health };
  } catch (error) {
    const known = storageFailure(error);
    log.error('could not open the data file', { code: known?.code ?? 'INTERNAL', error });
    void log.close();
    throw known ?? error;
  }
}

/**
 * The full check after start-up, off the main thread. Damage found is logged and marked beside the file, so the next
 * start sets it aside and rebuilds; until then the person is told to restart (DATABASE_DAMAGED).
 */
function checkInBackground(db: Db, log: Logger): { result: Promise<ErrorInfo | null>; stop: () => Promise<void> } {
  if (db.memory) return { result: Promise.resolve(null), stop: async () => {} };
  const check = checkIntegrityOffThread(db.name);
  const result = check.result.then((problems) => {
    if (problems === null || problems.length === 0) return null;
    log.error('the data file is damaged', { problems: problems.length, first: problems[0] });
    markDamaged(db.name, 'integrity');
    return { code: 'DATABASE_DAMAGED' as const };
  });
  return { result, stop: () => check.stop() };
}

/** createCore's wiring with every part in reach: for tests and benchmarks only. */
export function assembleCore(options: CoreOptions): CoreParts {
  const events = new EventBus();
  const log = createLogger({ file: join(options.logDir ?? join(options.dataDir, 'logs'), 'balcao.log') });
  const opened = openCache(options.dataDir, log, new Date());
  const { db, recovered } = opened;
  const integrity = options.checkIntegrity === false ? null : checkInBackground(db, log);
  let cacheHealth = opened.health;
  void integrity?.result.then((damage) => {
    if (damage === null) return;
    cacheHealth = { state: 'damaged' };
    events.emit('cache.health', cacheHealth);
  });
  const connectivity = new ConnectivityTracker(events);
  const demo = new DemoStoreHost(options.demo ?? DEFAULT_DEMO);
  const apiFactory = createStoreApiFactory({
    connectivity,
    redactor,
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    ...(options.apiTimeoutMs ? { timeoutMs: options.apiTimeoutMs } : {}),
    // The demo store runs on this machine: its answers say nothing about the internet.
    reportsConnectivity: (apiBaseUrl) => !demo.owns(apiBaseUrl),
  });
  const stores = new StoresService({
    db,
    secrets: options.secrets ?? createKeytarSecretStore(),
    events,
    apiFactory,
    demo,
    redactor,
    log,
    defaultApiBaseUrl: options.apiBaseUrl ?? DEFAULT_BASE_URL,
  });
  const sync = new SyncManager({ db, stores, apiFactory, events, log, redactor, rateLimit: options.rateLimit });
  let closing = false;
  const rawRepack = rawRepackPending(db)
    ? repackRawInBackground({
        step: (cursor) => sync.repackRaw(cursor),
        progress: (progress) => events.emit('cache.repack', progress),
        stopped: () => closing,
        log,
      })
    : Promise.resolve(true);
  const settings = scheduleSettingsFile(join(options.dataDir, SCHEDULE_FILE));
  const scheduler = new SyncScheduler({ sync, stores, events, settings, log });
  const connectivityCheck = new ConnectivityCheck({
    tracker: connectivity,
    stores,
    apiFactory,
    syncing: () => sync.busy,
    log,
    ...(options.connectivityTimers ? { timers: options.connectivityTimers } : {}),
  });
  const orders = new OrdersService(db);
  const exportShell = options.exportShell ?? NO_EXPORT_SHELL;
  const service = createService({
    stores,
    sync,
    scheduler,
    connectivity,
    orders,
    ...(options.openLink ? { openLink: options.openLink } : {}),
    exports: new ExportService({ db, orders, events, shell: exportShell }),
    cacheHealth: () => cacheHealth,
    appInfo: {
      name: options.appName,
      version: options.version,
      platform: `${process.platform}-${process.arch}`,
      dataDir: options.dataDir,
      shell: options.shell,
    },
  });
  const dispatch = createDispatcher(service, {
    onUnexpectedError: (channel, error) => log.error(`${channel} failed unexpectedly`, { error }),
    explain: (error) => {
      const known = storageFailure(error);
      if (known && !(error instanceof AppError)) log.error('the data folder failed', { code: known.code, error });
      if (known?.code === 'DATABASE_DAMAGED' && !db.memory) markDamaged(db.name, 'read');
      return known;
    },
  });
  return {
    dispatch,
    events,
    log,
    db,
    stores,
    sync,
    scheduler,
    connectivityCheck,
    rawRepack,
    useScriptCredentials: (target, credentials) => stores.useScriptCredentials(target, credentials),
    freshness: {
      start() {
        scheduler.start();
        connectivityCheck.start();
      },
      onWake() {
        scheduler.onWake();
        void connectivityCheck.checkNow();
      },
      onOnline() {
        scheduler.onOnline();
        void connectivityCheck.checkNow();
      },
    },
    recovered,
    integrity: integrity?.result ?? Promise.resolve(null),
    async close() {
      closing = true;
      await integrity?.stop();
      // Syncs first: they write to the database and may be talking to the demo store.
      connectivityCheck.stop();
      scheduler.close();
      await sync.close();
      await exportShell.close();
      await demo.close();
      await closeOffThreadReader(db);
      db.close();
      await log.close();
    },
  };
}
