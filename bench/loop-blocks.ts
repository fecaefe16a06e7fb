// The main loop's blocks over a threshold during a bench, each split into the main thread's own time on a CPU and
// its wait for one (Linux schedstat): on 2 shared cores a block is often the scheduler's, not the code's.
import { openSync, readSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';

/**
 * The main thread's time on a CPU and waiting for one, in ns, from Linux's schedstat (null elsewhere): a block
 * the thread spent waiting in the run queue is the scheduler's (2 cores, three busy threads), not our code's.
 */
function threadClock(): (() => { runNs: number; waitNs: number }) | null {
  let fd: number;
  try {
    fd = openSync(`/proc/self/task/${process.pid}/schedstat`, 'r');
  } catch {
    return null;
  }
  const buf = Buffer.alloc(128);
  return () => {
    const n = readSync(fd, buf, 0, buf.length, 0);
    const [run, wait] = buf.toString('latin1', 0, n).split(' ');
    return { runNs: Number(run), waitNs: Number(wait) };
  };
}

interface Block {
  ms: number;
  /** Of `ms`: on a CPU (our code, GC) and waiting for one (other threads and processes had both cores). */
  onCpuMs: number | null;
  runQueueMs: number | null;
}

export function blockRecorder(thresholdMs: number): {
  start(): void;
  stop(): { over: number; longest: Block[]; overOnCpu: number | null; gcOver: number; gcLongest: number };
} {
  const found: Block[] = [];
  const gcs: number[] = [];
  const clock = threadClock();
  let timer: NodeJS.Timeout | undefined;
  let last = 0;
  let lastClock = clock?.() ?? null;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcs.push(entry.duration);
  });
  const tick = (): void => {
    const now = performance.now();
    const nowClock = clock?.() ?? null;
    const block = now - last - 1;
    if (block > thresholdMs) {
      found.push({
        ms: block,
        onCpuMs: nowClock && lastClock ? (nowClock.runNs - lastClock.runNs) / 1e6 : null,
        runQueueMs: nowClock && lastClock ? (nowClock.waitNs - lastClock.waitNs) / 1e6 : null,
      });
    }
    last = now;
    lastClock = nowClock;
    timer = setTimeout(tick, 1);
  };
  const round = (ms: number): number => Math.round(ms * 10) / 10;
  return {
    start() {
      observer.observe({ entryTypes: ['gc'] });
      last = performance.now();
      lastClock = clock?.() ?? null;
      timer = setTimeout(tick, 1);
    },
    stop() {
      clearTimeout(timer);
      observer.disconnect();
      return {
        over: found.length,
        longest: found
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 5)
          .map((b) => ({
            ms: round(b.ms),
            onCpuMs: b.onCpuMs === null ? null : round(b.onCpuMs),
            runQueueMs: b.runQueueMs === null ? null : round(b.runQueueMs),
          })),
        // The blocks still over the threshold when only the thread's own time on a CPU counts.
        overOnCpu: clock ? found.filter((b) => (b.onCpuMs ?? 0) > thresholdMs).length : null,
        gcOver: gcs.filter((d) => d > thresholdMs).length,
        gcLongest: round(Math.max(0, ...gcs)),
      };
    },
  };
}
