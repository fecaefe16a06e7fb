import type { StoreSummary } from '../../shared/domain/app';
import type { ConnectivityTracker } from './connectivity';
import type { Logger } from './log/logger';
import type { StoreApiFactory } from './stores/store-api-factory';
import type { StoresService } from './stores/stores-service';
import { realTimers, type Timers } from './sync/timers';

/** Checks while online: one small order request every 30 s is 1/240 of the orders budget. */
export const ONLINE_CHECK_MS = 30_000;
/** While offline: sooner at first (a blip), then once a minute, so the badge is true within a minute either way. */
export const OFFLINE_RETRY_MS = [10_000, 20_000, 40_000, 60_000] as const;
/** One attempt, and not the client's 30 s: a check that hangs says nothing in time. */
const CHECK_TIMEOUT_MS = 10_000;

export interface ConnectivityCheckDeps {
  tracker: ConnectivityTracker;
  stores: Pick<StoresService, 'list' | 'get' | 'credentials' | 'apiBaseUrl'>;
  apiFactory: StoreApiFactory;
  /** A sync in progress already shows the state with its real calls: no check then. */
  syncing: () => boolean;
  log: Logger;
  timers?: Timers;
}

/**
 * Keeps the connectivity state true without anyone acting: with the cheapest call the API has (`GET /orders?
 * limit=1`, the same one that verifies credentials) through the shared per-host rate limiter, so it counts
 * against the store's limits like any other call. The client reports the outcome to the tracker; an HTTP error
 * (wrong credentials, say) still shows the store reachable. The demo store runs here and says nothing about the
 * network: with no other store there is nothing to check.
 */
export class ConnectivityCheck {
  readonly #d: ConnectivityCheckDeps;
  readonly #timers: Timers;
  #timer: unknown = null;
  #offlineChecks = 0;
  #checking: Promise<void> | null = null;
  #started = false;

  constructor(deps: ConnectivityCheckDeps) {
    this.#d = deps;
    this.#timers = deps.timers ?? realTimers;
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    void this.checkNow();
  }

  stop(): void {
    this.#started = false;
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** Checks now (the shell calls it on wake and on online); resolves when the next check is planned. */
  checkNow(): Promise<void> {
    this.#checking ??= this.#check().finally(() => {
      this.#checking = null;
    });
    return this.#checking;
  }

  async #check(): Promise<void> {
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
    if (!this.#d.syncing()) {
      try {
        await this.#probe();
      } catch (error) {
        // The client has already reported what the call showed; anything else is not about the network.
        this.#d.log.warn('connectivity check failed', { error });
      }
    }
    if (!this.#started) return;
    const offline = this.#d.tracker.current.state === 'offline';
    this.#offlineChecks = offline ? this.#offlineChecks + 1 : 0;
    const ms = offline ? OFFLINE_RETRY_MS[Math.min(this.#offlineChecks, OFFLINE_RETRY_MS.length) - 1] : ONLINE_CHECK_MS;
    this.#d.tracker.nextCheck(offline ? new Date(this.#timers.now() + ms).toISOString() : null);
    this.#timer = this.#timers.setTimeout(() => void this.checkNow(), ms);
  }

  async #probe(): Promise<void> {
    const store = (await this.#d.stores.list()).find((s: StoreSummary) => !s.isDemo && s.hasCredentials !== false);
    if (!store) return;
    const record = await this.#d.stores.get(store.id);
    const credentials = await this.#d.stores.credentials(store.id);
    const api = this.#d.apiFactory(
      { alias: record.alias, apiBaseUrl: await this.#d.stores.apiBaseUrl(record, credentials) },
      credentials,
      { retry: { maxAttempts: 1 }, timeoutMs: CHECK_TIMEOUT_MS },
    );
    await api.verify().catch(() => undefined);
  }
}
