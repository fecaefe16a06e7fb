import type { SyncListProgress, SyncPhase, SyncProgress } from '../../../shared/domain/app';
import { limiterShape, type ApiEvent, type RouteGroup } from '../api';
import { groupEtaMs } from './eta';

/** The lists a run pages through: the two of a full sync, and the order window an incremental or catch-up reads. */
export type ProgressList = 'orders' | 'customers' | 'refresh';

const GROUP: Record<ProgressList, RouteGroup> = { orders: 'orders', refresh: 'orders', customers: 'other' };

interface ListState {
  records: number;
  recordsTotal: number | null;
  pages: number;
  pagesTotal: number | null;
  finished: boolean;
}

/** Request timing of one rate-limit group in this run, as the API client reported it. */
interface GroupTiming {
  lastStart: number | null;
  /** Gaps between consecutive request starts when the later one did not wait for a slot: the pace. */
  gapsMs: number;
  gaps: number;
  /** A wait was reported for the request about to start. */
  waited: boolean;
  inFlight: number;
  ends: number[];
  lastDurationMs: number | null;
}

export interface ProgressOptions {
  storeId: string;
  mode: 'full' | 'incremental';
  emit: (progress: SyncProgress) => void;
  /** Retries so far, from the API client. */
  retries: () => number;
  clock?: () => number;
  /** At most one event per this many ms, except phase changes and the end. */
  minIntervalMs?: number;
  /** The limiter the run's requests go through: its limits and slot hold drive the ETA. */
  limiter?: { limits: Record<RouteGroup, number>; holdMs: number };
}

/**
 * Counts a run's pages and records per list and turns them into `sync.progress` payloads, at most one per
 * `minIntervalMs` (the UI needs a few a second, not one per record); phase changes and the end always go out.
 * Nothing goes out before the store first answers: until then there is nothing true to show.
 */
export class ProgressTracker {
  phase: SyncPhase = 'orders';
  readonly #o: Required<ProgressOptions>;
  readonly #lists = new Map<ProgressList, ListState>();
  readonly #timing = new Map<RouteGroup, GroupTiming>();
  readonly #startedAt: number;
  #recordsThisRun = 0;
  #answered = false;
  #lastEmit = -Infinity;

  constructor(options: ProgressOptions) {
    this.#o = {
      clock: () => performance.now(),
      minIntervalMs: 250,
      limiter: limiterShape(),
      ...options,
    };
    this.#startedAt = this.#o.clock();
  }

  #list(list: ProgressList): ListState {
    let found = this.#lists.get(list);
    if (!found) {
      found = { records: 0, recordsTotal: null, pages: 0, pagesTotal: null, finished: false };
      this.#lists.set(list, found);
    }
    return found;
  }

  /** The list's size, as its last answered page says (it may grow while orders arrive). */
  plan(list: ProgressList, totals: { pages: number | null; records: number | null }): void {
    const state = this.#list(list);
    if (totals.pages !== null) state.pagesTotal = totals.pages;
    if (totals.records !== null) state.recordsTotal = totals.records;
    if (!this.#answered) {
      this.#answered = true;
      this.tick(true);
    }
  }

  /** Requests added to a list (records read one by id): one page and one record each. */
  add(list: ProgressList, requests: number): void {
    if (requests <= 0) return;
    const state = this.#list(list);
    state.finished = false;
    state.pagesTotal = (state.pagesTotal ?? state.pages) + requests;
    state.recordsTotal = (state.recordsTotal ?? state.records) + requests;
  }

  /** A resumed full sync starts past page 1: those pages count as done. */
  resumeAt(list: ProgressList, pages: number, records: number): void {
    const state = this.#list(list);
    state.pages += pages;
    state.records += records;
  }

  enter(phase: SyncPhase): void {
    this.phase = phase;
    this.tick(true);
  }

  page(list: ProgressList, records: number): void {
    const state = this.#list(list);
    state.pages += 1;
    state.records += records;
    this.#recordsThisRun += records;
    this.tick(false);
  }

  /** The list is complete: when the order list ends before the customer list, the run is now waiting on customers. */
  finish(list: ProgressList): void {
    const state = this.#list(list);
    state.finished = true;
    if (state.pagesTotal === null || state.pagesTotal < state.pages) state.pagesTotal = state.pages;
    const customers = this.#lists.get('customers');
    if (list === 'orders' && this.phase === 'orders' && customers && !customers.finished) this.enter('customers');
  }

  /** Feeds the API client's events: when requests start, wait and end, per rate-limit group. */
  observe(event: ApiEvent): void {
    const now = this.#o.clock();
    let t = this.#timing.get(event.group);
    if (!t) {
      t = { lastStart: null, gapsMs: 0, gaps: 0, waited: false, inFlight: 0, ends: [], lastDurationMs: null };
      this.#timing.set(event.group, t);
    }
    if (event.type === 'request') {
      if (t.lastStart !== null && !t.waited) {
        t.gapsMs += now - t.lastStart;
        t.gaps += 1;
      }
      t.waited = false;
      t.lastStart = now;
      t.inFlight += 1;
    } else if (event.type === 'wait') t.waited = true;
    else if (event.type === 'response' || event.type === 'network-error') {
      t.inFlight = Math.max(0, t.inFlight - 1);
      t.ends.push(now);
      t.lastDurationMs = event.durationMs;
      const hold = this.#o.limiter.holdMs;
      while (t.ends.length > 0 && t.ends[0] + hold <= now) t.ends.shift();
    }
  }

  tick(force: boolean): void {
    if (!this.#answered) return;
    const now = this.#o.clock();
    if (!force && now - this.#lastEmit < this.#o.minIntervalMs) return;
    this.#lastEmit = now;
    this.#o.emit(this.snapshot(now));
  }

  /**
   * Time per request in a group when no slot is lacking: the mean gap between this run's request starts, leaving
   * out the gaps that ended in a wait for a slot (the limiter's, which the model adds itself); the round trip
   * until there are two.
   */
  #pace(t: GroupTiming): number | null {
    if (t.gaps > 0) return Math.max(1, t.gapsMs / t.gaps);
    return t.lastDurationMs;
  }

  #etaSeconds(now: number): number | null {
    if (this.phase === 'done') return 0;
    const remaining = new Map<RouteGroup, number>();
    for (const [list, state] of this.#lists) {
      if (state.finished) continue;
      if (state.pagesTotal === null) return null;
      const group = GROUP[list];
      remaining.set(group, (remaining.get(group) ?? 0) + Math.max(0, state.pagesTotal - state.pages));
    }
    let etaMs = 0;
    for (const [group, left] of remaining) {
      if (left === 0) continue;
      const t = this.#timing.get(group);
      const pace = t ? this.#pace(t) : null;
      if (!t || pace === null) return null;
      const load = {
        remaining: left,
        limit: this.#o.limiter.limits[group],
        holdMs: this.#o.limiter.holdMs,
        ends: t.ends,
        inFlight: t.inFlight,
        paceMs: pace,
      };
      etaMs = Math.max(etaMs, groupEtaMs(load, now));
    }
    return Math.ceil(etaMs / 1000);
  }

  #count(list: ProgressList): SyncListProgress {
    const state = this.#lists.get(list);
    if (!state) return { done: 0, total: null };
    const total = state.recordsTotal;
    return { done: total === null ? state.records : Math.min(state.records, total), total };
  }

  snapshot(now = this.#o.clock()): SyncProgress {
    const minutes = Math.max((now - this.#startedAt) / 60_000, 1e-6);
    const lists = [...this.#lists.values()];
    const pagesDone = lists.reduce((sum, l) => sum + l.pages, 0);
    const planned = lists.reduce((sum, l) => sum + (l.pagesTotal ?? 0), 0);
    return {
      storeId: this.#o.storeId,
      mode: this.#o.mode,
      phase: this.phase,
      orders: this.#count('orders'),
      customers: this.#count('customers'),
      etaSeconds: this.#etaSeconds(now),
      retries: this.#o.retries(),
      pagesDone,
      pagesTotal: planned > 0 ? Math.max(planned, pagesDone) : null,
      recordsWritten: lists.reduce((sum, l) => sum + l.records, 0),
      ratePerMinute: Math.round(this.#recordsThisRun / minutes),
    };
  }
}
