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
import type { SecretStore } from './secrets/secret-store';
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

export interface Core {
  dispatch: Dispatch;
  events: EventBus;
  log: Logger;
  db: Db;
  stores: StoresService;
  sync: SyncManager;
  /** Not started here: the app and the preview call `start()`; the shell calls `onWake()` and `onOnline()`. */
  scheduler: SyncScheduler;
  /** Not started here either: the app and the preview call `start()`; the shell may call `checkNow()`. */
  connectivityCheck: ConnectivityCheck;
  close(): Promise<void>;
}

export const DATABASE_FILE = 'balcao.db';

/**
 * Wires the core's parts together once, for every shell: Electron, the HTTP
 * bridge and the CLI all get the same service behind the same dispatcher.
 */
export function createCore(options: CoreOptions): Core {
  mkdirSync(options.dataDir, { recursive: true });
  const events = new EventBus();
  const log = createLogger({ file: join(options.dataDir, 'logs', 'balcao.log') });
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
    async close() {
      // Syncs first: they write to the database and may be talking to the demo store.
      connectivityCheck.stop();
      scheduler.close();
      await sync.close();
      await demo.close();
      db.close();
    },
  };
}
