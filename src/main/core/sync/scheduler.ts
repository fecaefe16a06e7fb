import {
  PAUSING_ERRORS,
  type StoreSummary,
  type SyncIntervalMinutes,
  type SyncOutcome,
  type SyncSchedule,
  type Connectivity,
} from '../../../shared/domain/app';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../log/logger';
import type { ScheduleSettings } from './schedule-settings';
import type { SyncManager } from './sync-manager';
import { realTimers, type Timers } from './timers';

/** After a run that found no network: wait 1, 2, 5, then 10 minutes, then the interval. */
export const OFFLINE_BACKOFF_MINUTES = [1, 2, 5, 10] as const;

const MINUTE = 60_000;

export interface SchedulerDeps {
  sync: Pick<SyncManager, 'run' | 'isRunning'>;
  stores: { list(): Promise<StoreSummary[]> };
  events: EventBus;
  settings: ScheduleSettings;
  log: Logger;
  timers?: Timers;
}

interface StoreSchedule {
  timer: unknown;
  /** When the next run is due (the timers' clock), null when none is planned. */
  nextAt: number | null;
  /** Runs in a row that ended OFFLINE: the step of the back-off. */
  offline: number;
  /** Its credentials (or alias) failed: it waits until the store is changed and works again. */
  paused: boolean;
}

/** What the scheduler plans for one store. */
export interface StoreScheduleState {
  nextAt: number | null;
  offline: number;
  paused: boolean;
}

/**
 * Keeps every store fresh without anyone asking: a sync at start-up, when a store is added, every N minutes,
 * when the shell says the computer woke up or came back online; backing off while offline and resuming at once
 * when the store answers again; paused while a store's credentials fail. One scheduler per core, shared by the
 * app, the browser preview and a long-running CLI; it only starts syncs (the manager runs them, one per store).
 *
 * Every outcome counts, whoever started the run: a sync the person started resets the interval and the back-off
 * like a scheduled one.
 */
export class SyncScheduler {
  readonly #d: SchedulerDeps;
  readonly #timers: Timers;
  readonly #stores = new Map<string, StoreSchedule>();
  readonly #runs = new Set<Promise<unknown>>();
  #interval: SyncIntervalMinutes;
  #notifyNewOrders: boolean | null;
  #started = false;
  #closed = false;
  readonly #unsubscribe: () => void;

  constructor(deps: SchedulerDeps) {
    this.#d = deps;
    this.#timers = deps.timers ?? realTimers;
    const stored = deps.settings.read();
    this.#interval = stored.intervalMinutes;
    this.#notifyNewOrders = stored.notifyNewOrders;
    this.#unsubscribe = deps.events.subscribeAll((event, payload) => {
      if (!this.#started || this.#closed) return;
      if (event === 'sync.finished') this.#finished(payload as SyncOutcome);
      else if (event === 'stores.changed') this.#storesChanged(payload as StoreSummary[]);
      else if (event === 'connectivity.changed' && (payload as Connectivity).state === 'online') this.#answered();
    });
  }

  get schedule(): SyncSchedule {
    return { intervalMinutes: this.#interval, notifyNewOrders: this.#notifyNewOrders };
  }

  /** Starts the schedule with a sync of every store. Nothing happens before (the CLI's one-off commands never call it). */
  start(): void {
    if (this.#started || this.#closed) return;
    this.#started = true;
    this.#syncAll('start');
  }

  /** The shell: the computer woke from sleep. */
  onWake(): void {
    if (this.#started) this.#syncAll('wake');
  }

  /** The shell: the operating system says the network is back. */
  onOnline(): void {
    if (this.#started) this.#syncAll('online');
  }

  /**
   * What is given changes and is stored; an interval given moves every planned interval run to it from now
   * (back-offs and pauses stay).
   */
  setSchedule(change: Partial<SyncSchedule>): SyncSchedule {
    const schedule = { ...this.schedule, ...change };
    this.#d.settings.write(schedule);
    this.#notifyNewOrders = schedule.notifyNewOrders;
    if (change.intervalMinutes === undefined) return this.schedule;
    this.#interval = schedule.intervalMinutes;
    for (const [storeId, s] of this.#stores) {
      if (s.paused || s.offline > 0 || this.#d.sync.isRunning(storeId)) continue;
      this.#plan(storeId, this.#interval * MINUTE);
    }
    return this.schedule;
  }

  state(storeId: string): StoreScheduleState | null {
    const s = this.#stores.get(storeId);
    return s ? { nextAt: s.nextAt, offline: s.offline, paused: s.paused } : null;
  }

  /** Resolves when the runs this scheduler started have finished (and their outcomes were planned from). */
  async idle(): Promise<void> {
    while (this.#runs.size > 0) await Promise.allSettled([...this.#runs]);
  }

  /** Stops planning; runs in progress are the manager's to cancel (its close() does). */
  close(): void {
    this.#closed = true;
    this.#unsubscribe();
    for (const s of this.#stores.values()) this.#clear(s);
  }

  #schedule(storeId: string): StoreSchedule {
    let s = this.#stores.get(storeId);
    if (!s) {
      s = { timer: null, nextAt: null, offline: 0, paused: false };
      this.#stores.set(storeId, s);
    }
    return s;
  }

  #clear(s: StoreSchedule): void {
    if (s.timer !== null) this.#timers.clearTimeout(s.timer);
    s.timer = null;
    s.nextAt = null;
  }

  /** A run of `storeId` in `ms` (none when 0: the interval is off). */
  #plan(storeId: string, ms: number): void {
    const s = this.#schedule(storeId);
    this.#clear(s);
    if (ms <= 0 || this.#closed) return;
    s.nextAt = this.#timers.now() + ms;
    s.timer = this.#timers.setTimeout(() => {
      s.timer = null;
      s.nextAt = null;
      this.#run(storeId, 'interval');
    }, ms);
  }

  #syncAll(reason: string): void {
    const listing = this.#d.stores
      .list()
      .then((stores) => {
        for (const store of stores) {
          const s = this.#schedule(store.id);
          if (this.#failing(store)) s.paused = true;
          if (!s.paused) this.#run(store.id, reason);
        }
      })
      .catch((error: unknown) => this.#d.log.warn('scheduled sync: could not list the stores', { error }));
    this.#track(listing);
  }

  #run(storeId: string, reason: string): void {
    if (this.#closed) return;
    // Never two runs of a store: one in progress (scheduled or the person's) already brings it up to date.
    if (this.#d.sync.isRunning(storeId)) return;
    this.#clear(this.#schedule(storeId));
    this.#d.log.info('scheduled sync', { storeId, reason });
    this.#track(this.#d.sync.run(storeId, 'auto'));
  }

  /**
   * Known to fail until the person fixes it. A store with no keychain entry is still tried: a script's store gets its
   * credentials in memory (Core.useScriptCredentials), and one that really has none fails AUTH_INVALID without a
   * request, which pauses it.
   */
  #failing(store: StoreSummary): boolean {
    return store.credentialsOk === false;
  }
  #track(promise: Promise<unknown>): void {
    this.#runs.add(promise);
    void promise.finally(() => this.#runs.delete(promise));
  }

  #finished(outcome: SyncOutcome): void {
    const s = this.#schedule(outcome.storeId);
    const code = outcome.error?.code;
    if (code === 'NOT_FOUND') {
      // The store was removed while it synced.
      this.#clear(s);
      this.#stores.delete(outcome.storeId);
    } else if (code !== undefined && PAUSING_ERRORS.includes(code)) {
      this.#clear(s);
      s.paused = true;
      s.offline = 0;
    } else if (code === 'OFFLINE') {
      const minutes = OFFLINE_BACKOFF_MINUTES[s.offline] ?? this.#interval;
      s.offline += 1;
      this.#plan(outcome.storeId, minutes * MINUTE);
    } else {
      s.offline = 0;
      this.#plan(outcome.storeId, this.#interval * MINUTE);
    }
  }

  /** A store added syncs at once; one whose credentials work again (the person fixed them) resumes at once. */
  #storesChanged(stores: StoreSummary[]): void {
    const present = new Set(stores.map((store) => store.id));
    for (const [storeId, s] of this.#stores) {
      if (present.has(storeId)) continue;
      this.#clear(s);
      this.#stores.delete(storeId);
    }
    for (const store of stores) {
      const known = this.#stores.get(store.id);
      if (known === undefined) {
        const s = this.#schedule(store.id);
        if (this.#failing(store)) s.paused = true;
        else this.#run(store.id, 'added');
      } else if (known.paused && store.credentialsOk === true && store.lastError === null) {
        known.paused = false;
        this.#run(store.id, 'credentials fixed');
      }
    }
  }

  /** A call reached the store API again: the stores backing off stop waiting. */
  #answered(): void {
    for (const [storeId, s] of this.#stores) if (s.offline > 0 && !s.paused) this.#run(storeId, 'back online');
  }
}
