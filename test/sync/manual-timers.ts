import type { Timers } from '../../src/main/core/sync/timers';

/** Timers on a clock that moves only when the test says: `advance` fires what falls due, in order. */
export class ManualTimers implements Timers {
  #now = 0;
  #next = 1;
  readonly #due = new Map<number, { at: number; run: () => void }>();

  now(): number {
    return this.#now;
  }

  setTimeout(run: () => void, ms: number): unknown {
    const id = this.#next++;
    this.#due.set(id, { at: this.#now + Math.max(0, ms), run });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#due.delete(handle as number);
  }

  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      const [id, timer] = [...this.#due].sort((a, b) => a[1].at - b[1].at)[0] ?? [];
      if (id === undefined || timer === undefined || timer.at > end) break;
      this.#due.delete(id);
      this.#now = timer.at;
      timer.run();
    }
    this.#now = end;
  }
}

/**
 * Timers on the real clock that fire only when the test says: what a timer's due time is shown as (a countdown on
 * screen) runs in real time, and the test does not wait for it.
 */
export class HeldTimers implements Timers {
  #next = 1;
  readonly #held = new Map<number, () => void>();

  now(): number {
    return Date.now();
  }

  setTimeout(run: () => void, _ms: number): unknown {
    const id = this.#next++;
    this.#held.set(id, run);
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#held.delete(handle as number);
  }

  /** Runs every timer set so far, as if each had fallen due. */
  fireAll(): void {
    const runs = [...this.#held.values()];
    this.#held.clear();
    for (const run of runs) run();
  }
}
