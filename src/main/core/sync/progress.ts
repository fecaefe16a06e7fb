import type { SyncPhase, SyncProgress } from '../../../shared/domain/app';

export interface ProgressClock {
  now(): number;
}

/**
 * Counts a run's pages and records and turns them into `sync.progress`
 * payloads, at most one per `minIntervalMs` (the UI needs a few a second, not
 * one per record); phase changes and the end always go out.
 */
export class ProgressTracker {
  pagesDone = 0;
  /** Pages known to be ahead, per phase; summed for the total. */
  readonly #plannedPages = new Map<SyncPhase, number>();
  recordsWritten = 0;
  phase: SyncPhase = 'orders';
  readonly #startedAt: number;
  #lastEmit = -Infinity;
  #pagesAtStart = 0;

  constructor(
    private readonly base: { storeId: string; mode: 'full' | 'incremental' },
    private readonly emit: (progress: SyncProgress) => void,
    private readonly retries: () => number,
    private readonly clock: () => number = () => performance.now(),
    private readonly minIntervalMs = 250,
  ) {
    this.#startedAt = clock();
  }

  /** Pages of `phase` in all (done and to do), when the API says. */
  plan(phase: SyncPhase, totalPages: number | null): void {
    if (totalPages !== null) this.#plannedPages.set(phase, totalPages);
  }

  /** A resumed sync starts past page 1: its rate counts only what this run fetched. */
  resumeAt(pagesAlreadyDone: number): void {
    this.pagesDone += pagesAlreadyDone;
    this.#pagesAtStart += pagesAlreadyDone;
  }

  enter(phase: SyncPhase): void {
    this.phase = phase;
    this.tick(true);
  }

  page(records: number): void {
    this.pagesDone += 1;
    this.recordsWritten += records;
    this.tick(false);
  }

  tick(force: boolean): void {
    const now = this.clock();
    if (!force && now - this.#lastEmit < this.minIntervalMs) return;
    this.#lastEmit = now;
    this.emit(this.snapshot(now));
  }

  snapshot(now = this.clock()): SyncProgress {
    const minutes = Math.max((now - this.#startedAt) / 60_000, 1e-6);
    const planned = [...this.#plannedPages.values()].reduce((a, b) => a + b, 0);
    const pagesTotal = planned > 0 ? Math.max(planned, this.pagesDone) : null;
    const pagesThisRun = this.pagesDone - this.#pagesAtStart;
    const pagesPerMinute = pagesThisRun / minutes;
    const etaSeconds =
      pagesTotal === null || pagesThisRun === 0 || this.phase === 'done'
        ? this.phase === 'done'
          ? 0
          : null
        : Math.round(((pagesTotal - this.pagesDone) / pagesPerMinute) * 60);
    return {
      ...this.base,
      phase: this.phase,
      pagesDone: this.pagesDone,
      pagesTotal,
      recordsWritten: this.recordsWritten,
      ratePerMinute: Math.round(this.recordsWritten / minutes),
      etaSeconds: etaSeconds === null ? null : Math.max(0, etaSeconds),
      retries: this.retries(),
    };
  }
}
