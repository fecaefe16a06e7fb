import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppInfo } from '../../shared/domain/app';
import { DEFAULT_BASE_URL, type RateLimiterSettings } from './api';
import { ConnectivityTracker } from './connectivity';
import { ConnectivityCheck } from './connectivity-check';
import { openDatabase, type Db } from './db/open';
import { createDispatcher, type Dispatch } from './ipc/dispatcher';
import { EventBus } from './events/event-bus';
import { createLogger, type Logger } from './log/logger';
import { redactor } from './log/redactor';
import { createKeytarSecretStore } from './secrets/keytar-secret-store';
import type { SecretStore, StoreCredentials } from './secrets/secret-store';
import { createService } from './ipc/handlers';
import { DEFAULT_DEMO, DemoStoreHost, type DemoStoreSettings } from './stores/demo-store';
import { createStoreApiFactory } from './stores/store-api-factory';
import { StoresService } from './stores/stores-service';
import { SyncManager } from './sync/sync-manager';
import { SyncScheduler } from './sync/scheduler';
import { SCHEDULE_FILE, scheduleSettingsFile } from './sync/schedule-settings';
import { OrdersService } from './orders/orders-service';

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
}

/** The wired parts, for tests and benchmarks that look inside; shells get `Core` from createCore. */
export interface CoreParts extends Core {
  db: Db;
  stores: StoresService;
  sync: SyncManager;
  scheduler: SyncScheduler;
  connectivityCheck: ConnectivityCheck;
}

export const DATABASE_FILE = 'balcao.db';

/**
 * Wires the core's parts together once, for every shell: Electron, the HTTP
 * bridge and the CLI all get the same service behind the same dispatcher.
 */
export function createCore(options: CoreOptions): Core {
  const { dispatch, events, log, useScriptCredentials, freshness, close } = assembleCore(options);
  return { dispatch, events, log, useScriptCredentials, freshness, close };
}

/** createCore's wiring with every part in reach: for tests and benchmarks only. */
export function assembleCore(options: CoreOptions): CoreParts {
  mkdirSync(options.dataDir, { recursive: true });
  const events = new EventBus();
  const log = createLogger({ file: join(options.logDir ?? join(options.dataDir, 'logs'), 'balcao.log') });
  const db = openDatabase(join(options.dataDir, DATABASE_FILE));
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
  const settings = scheduleSettingsFile(join(options.dataDir, SCHEDULE_FILE));
  const scheduler = new SyncScheduler({ sync, stores, events, settings, log });
  const connectivityCheck = new ConnectivityCheck({
    tracker: connectivity,
    stores,
    apiFactory,
    syncing: () => sync.busy,
    log,
  });
  const service = createService({
    stores,
    sync,
    scheduler,
    connectivity,
    orders: new OrdersService(db),
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
    async close() {
      // Syncs first: they write to the database and may be talking to the demo store.
      connectivityCheck.stop();
      scheduler.close();
      await sync.close();
      await demo.close();
      db.close();
      await log.close();
    },
  };
}
