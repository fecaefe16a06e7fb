import { setTimeout as delay } from 'node:timers/promises';
import type { ApiListResult, StoreApi } from '../api';
import { AppError } from '../base/app-error';
import type { Db } from '../db/open';
import type { StoreRecord } from '../db/stores-repo';
import { readSyncState, type FullSyncCheckpoint, type PageCheckpoint, type SyncResource } from '../db/sync-state-repo';
import type { Logger } from '../log/logger';
import { one } from '../normalize/read';
import type { PageRecords, PageSink } from './page-sink';
import type { PageWriteResult, WriteContext } from './page-writer';
import type { ProgressList, ProgressTracker } from './progress';
import { ORDER_INCLUDES, type SyncSettings } from './settings';
import { addDays, dayOf, isValidZone, maxDay, minDay, minusDays, todayIn } from './store-days';
import { newestCreated, openOrdersSince, staleOpenOrders, stubCustomersOfOrders } from './sync-queries';

/**
 * The record of a by-id read, out of its envelope (`{ data: record }`, or the documented `{ data: [record] }`):
 * the raw JSON kept for an order must be the record, as a list page gives it. A body with no record in it is
 * passed as it came, so the writer keeps it as an unreadable record.
 */
function recordOf(body: unknown): unknown {
  return one(body) ?? body;
}

/**
 * Answered page bodies not yet handed to the writer, in bytes, before requests wait for the writer: about one window
 * of 120 order pages (~0.8 MB each), so a window's requests go out at the network's pace. The limiter hands the next
 * window's slots back at the pace this window's requests ended (a slot frees one window after its request ended):
 * held to a few pages (later 16 MB), the writer set the pace of each window's requests, and the last window's pages
 * went out seconds after it opened. Bodies wait as bytes, outside the JavaScript heap the main thread collects.
 */
const WRITE_AHEAD_BYTES = 96_000_000;
/** Requests of one list in flight at once, as the rate limiter allows. */
const FETCH_AHEAD = 8;
/** Both settled, then the first failure thrown: a list stops only once its writes have landed. */
async function settledBoth(a: Promise<unknown>, b: Promise<unknown>): Promise<void> {
  for (const result of await Promise.allSettled([a, b])) if (result.status === 'rejected') throw result.reason;
}

/**
 * Pages handed to the writer thread at once. Only these land after a cancel; the rest of the write-ahead waits here
 * and is dropped.
 */
const WRITER_QUEUE = 3;

export interface SyncRunDeps {
  /** Reads only: every write goes through the sink. */
  db: Db;
  sink: PageSink;
  api: StoreApi;
  store: StoreRecord;
  signal: AbortSignal;
  /** Aborts `signal` and every request of the run: one list failing stops the other. */
  halt?: () => void;
  progress: ProgressTracker;
  settings: SyncSettings;
  log: Logger;
  now: () => Date;
  /** The run's number, kept on the orders it brings into the cache; null when they are not news (a first sync). */
  arrivalRun: number | null;
}

/** What one run did, for the outcome and the benchmarks. */
export interface RunTotals {
  ordersWritten: number;
  customersWritten: number;
  unreadable: number;
  pages: number;
  /** The longest single normalise-and-write of a page, in ms, on whichever thread wrote it. */
  longestPageBlockMs: number;
  /** Orders re-read one by one because the window listing did not return them. */
  detailReads: number;
  /** Orders the cache did not hold before this run. */
  newOrderIds: Set<number>;
}

export function emptyTotals(): RunTotals {
  return {
    ordersWritten: 0,
    customersWritten: 0,
    unreadable: 0,
    pages: 0,
    longestPageBlockMs: 0,
    detailReads: 0,
    newOrderIds: new Set(),
  };
}

/**
 * One sync of one store. Every page is written with its checkpoint in one
 * transaction; between requests the run checks for cancellation, so a cancel
 * keeps everything written so far.
 */
export class SyncRun {
  readonly totals: RunTotals = emptyTotals();
  readonly #d: SyncRunDeps;
  #ctx: WriteContext;
  /** Whether any call of this run has been answered. */
  #reached = false;

  constructor(deps: SyncRunDeps) {
    this.#d = deps;
    this.#ctx = { storeId: deps.store.id, storeZone: deps.store.timeZone, arrivalRun: deps.arrivalRun };
  }

  /**
   * Orders and customers page at the same time (the API limits them in separate groups, so the customer list costs
   * no order requests), then a catch-up pass over what changed while paging.
   */
  async full(): Promise<void> {
    const { db, store } = this.#d;
    this.#d.progress.enter('orders');
    const orders = this.#checkpoint('orders');
    const customers = readSyncState(db, store.id, 'customers');
    // A run resumed after the customers were listed (during the catch-up) does not list them again.
    const customersDone =
      customers.fullSync === null &&
      customers.fullSyncDoneAt !== null &&
      customers.fullSyncDoneAt >= orders.checkpoint.startedAt;
    let ordersRead = (): void => undefined;
    const ordersListRead = new Promise<void>((resolve) => (ordersRead = resolve));
    const lists = [
      (): Promise<void> => settledBoth(orders.stored, this.#pageAll('orders', orders.checkpoint, ordersRead)),
    ];
    if (!customersDone) {
      const list = this.#checkpoint('customers');
      lists.push(() => settledBoth(list.stored, this.#pageAll('customers', list.checkpoint)));
    }
    const listed = this.#together(lists);
    // Newest-first paging never loses an order to inserts (they push older ones down: duplicates, not gaps), but
    // orders created after page 1 was read, and status changes on pages already read, are only seen again here.
    // Its requests go out once the order list has been read to its end, while the writer still takes the list's
    // last pages (the last window's writes), and its pages are written after them.
    const catchUp = Promise.race([ordersListRead, listed]).then(() =>
      this.#window(orders.checkpoint.startedAt, 'refresh-open', listed),
    );
    catchUp.catch(() => undefined);
    // A list's failure is the run's, though it also stops the catch-up.
    await settledBoth(listed, catchUp);
    const done = this.#d.now().toISOString();
    await this.#d.sink.writeState(store.id, 'orders', {
      fullSync: null,
      fullSyncDoneAt: done,
      highWaterMark: newestCreated(db, store.id),
      lastIncrementalAt: done,
    });
  }

  /**
   * Runs the lists side by side. When one fails the run's requests are stopped (the other list would otherwise
   * wait for its next rate-limit slot, up to a window), every list settles — pages already handed to the writer
   * land — and the first failure is the run's.
   */
  async #together(lists: readonly (() => Promise<void>)[]): Promise<void> {
    let failure: { error: unknown } | null = null;
    await Promise.all(
      lists.map(async (list) => {
        try {
          await list();
        } catch (error) {
          if (failure !== null) return;
          failure = { error };
          this.#d.halt?.();
        }
      }),
    );
    if (failure !== null) throw (failure as { error: unknown }).error;
  }

  async incremental(): Promise<void> {
    const { db, store } = this.#d;
    await this.#window(null, 'orders');
    await this.#refreshStaleOpen();
    await this.#d.sink.writeState(store.id, 'orders', {
      highWaterMark: newestCreated(db, store.id),
      lastIncrementalAt: this.#d.now().toISOString(),
    });
  }

  /**
   * The client already retries each call a few times; a store having a bad
   * minute (5xx, garbled bodies, 429 storms) gets a few more rounds here,
   * after a pause, before a long sync gives up. OFFLINE is included: a reset
   * or two among 5xx answers ends a call as OFFLINE though the store is up;
   * when the network is really gone, the rounds only delay the report by a
   * few seconds, so they start only once the store has answered in this run.
   */
  async #call<T>(request: () => Promise<T>): Promise<T> {
    for (let round = 1; ; round += 1) {
      try {
        const result = await request();
        this.#reached = true;
        return result;
      } catch (error) {
        const transient =
          error instanceof AppError && ['SERVER', 'BAD_RESPONSE', 'RATE_LIMITED', 'OFFLINE'].includes(error.code);
        // A store never reached in this run is not having a bad minute: the run says OFFLINE at once.
        const unreached = error instanceof AppError && error.code === 'OFFLINE' && !this.#reached;
        if (!transient || unreached || round >= this.#d.settings.callRounds) throw error;
        this.#d.log.warn('sync request failed, trying again', { storeId: this.#d.store.id, code: error.code, round });
        await this.#pause(this.#d.settings.roundPauseMs * round);
      }
    }
  }

  async #pause(ms: number): Promise<void> {
    try {
      await delay(ms, undefined, { signal: this.#d.signal });
    } catch (error) {
      this.#checkCancelled();
      throw error;
    }
  }

  #checkCancelled(): void {
    if (this.#d.signal.aborted) throw new AppError('CANCELLED', 'sync cancelled', { params: { reason: 'sync' } });
  }

  /**
   * Where a list resumes, or a new checkpoint for it (one under another page size points at other records). A new
   * one is `stored` while the list's first request is already out: the writer takes requests in order, so it is in
   * place before the list's first page is written.
   */
  #checkpoint(resource: SyncResource): { checkpoint: FullSyncCheckpoint; stored: Promise<void> } {
    const { db, store, settings } = this.#d;
    const state = readSyncState(db, store.id, resource);
    if (state.fullSync !== null && state.fullSync.pageSize === settings.pageSize)
      return { checkpoint: state.fullSync, stored: Promise.resolve() };
    const checkpoint = {
      nextPage: 1,
      pageSize: settings.pageSize,
      totalPages: null,
      startedAt: this.#d.now().toISOString(),
    };
    const stored = this.#d.sink.writeState(store.id, resource, { fullSync: checkpoint });
    stored.catch(() => undefined);
    return { checkpoint, stored };
  }

  /** Pages through one list from its checkpoint; each page is written with the checkpoint that follows it. */
  async #pageAll(resource: SyncResource, checkpoint: FullSyncCheckpoint, readToEnd?: () => void): Promise<void> {
    const { api, progress, settings } = this.#d;
    if (checkpoint.nextPage > 1)
      progress.resumeAt(resource, checkpoint.nextPage - 1, (checkpoint.nextPage - 1) * checkpoint.pageSize);
    const fetchPage = (page: number): Promise<ApiListResult> =>
      resource === 'orders'
        ? this.#call(() => api.listOrders({ page, limit: settings.pageSize, include: ORDER_INCLUDES }))
        : this.#call(() => api.listCustomers({ page, limit: settings.pageSize }));
    // The writer answers in the order it was sent, and writes a page's checkpoint only while the stored one expects
    // that page: pages sent after one that failed are refused, never written past it.
    await this.#paged(
      checkpoint.nextPage,
      fetchPage,
      (result, page, last) => {
        const totalPages = result.totalPages ?? null;
        const after: FullSyncCheckpoint = { ...checkpoint, nextPage: page + 1, totalPages };
        // The customers list is done when its last page is written: its completion goes into that page's transaction.
        const patch =
          resource === 'customers' && last
            ? { fullSync: null, fullSyncDoneAt: this.#d.now().toISOString() }
            : { fullSync: after };
        const written = this.#write(resource, { listBody: result.bytes }, { page, patch }, resource);
        progress.plan(resource, { pages: totalPages, records: result.total ?? null });
        return written;
      },
      readToEnd,
    );
    progress.finish(resource);
  }

  #lastPage(result: ApiListResult, page: number): boolean {
    const { records } = result;
    const totalPages = result.totalPages ?? null;
    return records === 0 || (totalPages !== null ? page >= totalPages : records < this.#d.settings.pageSize);
  }

  /**
   * Pages through a list from page `first`: one request until the first answer gives the list's length, then up to
   * FETCH_AHEAD in flight. Answers are taken in page order and handed to `write` (which starts the page's write) at
   * most WRITER_QUEUE at a time; answered pages wait here, up to WRITE_AHEAD_BYTES of their bodies, before requests
   * wait for the writer. A cancel or a failure drops the pages not yet handed over and lets those handed over land.
   */
  async #paged(
    first: number,
    fetchPage: (page: number) => Promise<ApiListResult>,
    write: (result: ApiListResult, page: number, last: boolean) => Promise<unknown>,
    readToEnd?: () => void,
  ): Promise<void> {
    // An answer is its bytes and its record count: no page is parsed on this thread (api/list-body.ts).
    const fetching: Promise<ApiListResult>[] = [];
    let ahead = first;
    let lastPage: number | null = null;
    const answered: { result: ApiListResult; page: number; last: boolean }[] = [];
    let answeredBytes = 0;
    /** Writes handed to the writer, each settling (never rejecting) when it has landed or failed. */
    const handed = new Set<Promise<void>>();
    let failed: { error: unknown } | null = null;
    const fetchMore = (): void => {
      const limit = lastPage === null ? 1 : FETCH_AHEAD;
      while (fetching.length < limit && (lastPage === null || ahead <= lastPage)) {
        this.#checkCancelled();
        const answer = fetchPage(ahead);
        answer.catch(() => undefined);
        fetching.push(answer);
        ahead += 1;
      }
    };
    const handOver = (): void => {
      while (handed.size < WRITER_QUEUE && answered.length > 0 && failed === null && !this.#d.signal.aborted) {
        const { result, page, last } = answered.shift() as (typeof answered)[number];
        answeredBytes -= result.bytes.byteLength;
        const settled: Promise<void> = write(result, page, last).then(
          () => {
            handed.delete(settled);
            handOver();
          },
          (error: unknown) => {
            failed ??= { error };
            handed.delete(settled);
          },
        );
        handed.add(settled);
      }
    };
    const stopIfFailed = (): void => {
      if (failed !== null) throw (failed as { error: unknown }).error;
    };
    try {
      for (let page = first; ; page += 1) {
        this.#checkCancelled();
        stopIfFailed();
        fetchMore();
        // Never empty: requests stop at the last page the latest answer gave, and that page's answer ends the loop.
        const result = await (fetching.shift() as (typeof fetching)[number]);
        lastPage = result.totalPages ?? null;
        const last = this.#lastPage(result, page);
        answered.push({ result, page, last });
        answeredBytes += result.bytes.byteLength;
        handOver();
        if (last) {
          readToEnd?.();
          break;
        }
        while (answeredBytes > WRITE_AHEAD_BYTES && handed.size > 0) {
          await Promise.race(handed);
          stopIfFailed();
        }
      }
      while (handed.size > 0) {
        await Promise.race(handed);
        stopIfFailed();
      }
      this.#checkCancelled();
    } finally {
      await Promise.allSettled([...handed]);
    }
  }

  /**
   * The incremental pass, over confirmed API features only: one day range
   * (`date=created_at:A|B`) listed with `skipCache`, from the oldest order that
   * may still change (or the high-water mark minus the overlap, whichever is
   * older) to tomorrow. It returns every new order and the current state of
   * every open one; an open order the listing did not return is read by id.
   * `after`: writes that must land before this pass's (a full sync's lists, whose last pages the writer may still be
   * taking while this pass's requests go out).
   */
  async #window(
    since: string | null,
    phase: 'orders' | 'refresh-open',
    after: Promise<void> = Promise.resolve(),
  ): Promise<void> {
    const { db, store, api, progress, settings } = this.#d;
    const list: ProgressList = phase === 'refresh-open' ? 'refresh' : 'orders';
    // The phase follows the writes: the catch-up shows once the lists before it have landed, though it asks earlier.
    after.then(
      () => progress.enter(phase),
      () => undefined,
    );
    const seen = new Set<number>();
    const written: number[] = [];
    const listDays = (days: { from: string; to: string }, planned: boolean): Promise<void> =>
      this.#paged(
        1,
        (page) =>
          this.#call(() =>
            api.listOrders({ page, limit: settings.pageSize, include: ORDER_INCLUDES, date: days, skipCache: true }),
          ),
        (result) => {
          const landed = after
            .then(() => this.#write('orders', { listBody: result.bytes }, null, list))
            .then((res) => {
              for (const id of res.ids) {
                seen.add(id);
                written.push(id);
              }
            });
          if (planned) progress.plan(list, { pages: result.totalPages ?? null, records: result.total ?? null });
          return landed;
        },
      );
    const planned = this.#windowPlan(since);
    await listDays(planned.days, true);
    // Planned while `after`'s writes were still landing (a full sync's last pages): planned again from the cache as
    // it now is, and the days only the new plan covers are listed too. The open orders of both plans are kept.
    await after;
    const final = this.#windowPlan(since);
    if (final.days.from < planned.days.from)
      await listDays({ from: final.days.from, to: addDays(planned.days.from, -1) }, false);
    if (final.days.to > planned.days.to)
      await listDays({ from: addDays(planned.days.to, 1), to: final.days.to }, false);
    const plannedIds = new Set(planned.open.map(({ id }) => id));
    const open = [...planned.open, ...final.open.filter(({ id }) => !plannedIds.has(id))];
    const unseen = open.filter(({ id }) => !seen.has(id));
    progress.add(list, unseen.length);
    for (const { id } of unseen) {
      if (await this.#readOrder(id, list)) written.push(id);
    }
    // Customers first met in these orders are read in full (the order embeds only a summary).
    const stubs = stubCustomersOfOrders(db, store.id, written);
    progress.add('customers', stubs.length);
    for (const customerId of stubs) {
      this.#checkCancelled();
      try {
        const result = await this.#call(() => api.getCustomer(customerId));
        await this.#write('customers', [recordOf(result.body)], null, 'customers');
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
      }
    }
  }

  /**
   * The days the pass lists, from the cache: from the high-water mark less the overlap (or the full sync's start less
   * it, or the oldest order that may still change, whichever is earliest) to tomorrow; and those open orders.
   */
  #windowPlan(since: string | null): {
    days: { from: string; to: string };
    open: { id: number; createdUtc: string }[];
  } {
    const { db, store, settings } = this.#d;
    const hwm = readSyncState(db, store.id, 'orders').highWaterMark ?? newestCreated(db, store.id);
    const zone = this.#ctx.storeZone;
    const today = todayIn(zone, this.#d.now());
    let from = hwm === null ? today : addDays(dayOf(hwm, zone), -settings.overlapDays);
    if (since !== null) from = minDay(from, addDays(dayOf(since, zone), -settings.overlapDays));
    const open = hwm === null ? [] : openOrdersSince(db, store.id, minusDays(hwm, settings.openWindowDays));
    if (open.length > 0) from = minDay(from, dayOf(open[0].createdUtc, zone));
    // Tomorrow as well: a server clock ahead of ours, or a zone east of the store's, must not hide today's orders.
    const to = addDays(maxDay(today, hwm === null ? today : dayOf(hwm, zone)), 1);
    return { days: { from, to }, open };
  }

  /**
   * Open orders created before the window (a boleto never paid, a parcel stuck in transit) change too, but
   * rarely: a few are read by id in each run, those refreshed longest ago first, so their cost stays bounded
   * and, run after run, each is read again.
   */
  async #refreshStaleOpen(): Promise<void> {
    const { db, store, settings } = this.#d;
    const hwm = readSyncState(db, store.id, 'orders').highWaterMark ?? newestCreated(db, store.id);
    if (hwm === null || settings.staleOpenPerRun <= 0) return;
    const stale = staleOpenOrders(db, store.id, minusDays(hwm, settings.openWindowDays), settings.staleOpenPerRun);
    this.#d.progress.add('orders', stale.length);
    for (const id of stale) await this.#readOrder(id, 'orders');
  }

  /**
   * Reads one order by id and writes it. One the store no longer returns stays cached as it was last seen (the
   * cache never deletes what the store stops showing), marked as checked so later runs move on to others.
   */
  async #readOrder(id: number, list: ProgressList): Promise<boolean> {
    const { store, api } = this.#d;
    this.#checkCancelled();
    this.totals.detailReads += 1;
    try {
      const result = await this.#call(() => api.getOrder(id, ORDER_INCLUDES));
      await this.#write('orders', [recordOf(result.body)], null, list);
      return true;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
      await this.#d.sink.markOrdersChecked(store.id, [id]);
      this.#d.log.warn('open order no longer returned by the store', { storeId: store.id, orderId: id });
      return false;
    }
  }

  async #write(
    resource: SyncResource,
    records: PageRecords,
    checkpoint: PageCheckpoint | null,
    list: ProgressList,
  ): Promise<PageWriteResult> {
    const { sink } = this.#d;
    const result =
      resource === 'orders'
        ? await sink.writeOrders(this.#ctx, records, checkpoint)
        : await sink.writeCustomers(this.#ctx, records, checkpoint);
    for (const id of result.newIds) this.totals.newOrderIds.add(id);
    if (resource === 'orders') this.totals.ordersWritten += result.written;
    else this.totals.customersWritten += result.written;
    this.totals.unreadable += result.unreadable;
    this.totals.pages += 1;
    this.totals.longestPageBlockMs = Math.max(this.totals.longestPageBlockMs, result.blockedMs);
    this.#d.progress.page(list, result.written + result.unreadable);
    await this.#adoptZone(result.zones);
    return result;
  }

  /** The store's zone follows what its orders say: day ranges and wall times depend on it. */
  async #adoptZone(zones: readonly string[]): Promise<void> {
    const zone = zones[0];
    if (zone === undefined || zone === this.#ctx.storeZone || !isValidZone(zone)) return;
    if (!zones.every((z) => z === zone)) return;
    this.#ctx = { ...this.#ctx, storeZone: zone };
    await this.#d.sink.setStoreZone(this.#d.store.id, zone);
    this.#d.log.info('store time zone updated from its orders', { storeId: this.#d.store.id, zone });
  }
}
