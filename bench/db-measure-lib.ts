/** Timing for the cache benchmarks: p50/p95 over RUNS runs after 3 warm-ups. */

export const RUNS = 60;

export function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function percentiles(samples: number[]): { p50: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return { p50: at(0.5), p95: at(0.95) };
}

export interface Row {
  name: string;
  p50: number;
  p95: number;
  rows: number;
}

export function measure(name: string, run: (i: number) => number, runs = RUNS): Row {
  for (let i = 0; i < 3; i += 1) run(i);
  const samples: number[] = [];
  let rows = 0;
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    rows = run(i);
    samples.push(ms(start));
  }
  return { name, ...percentiles(samples), rows };
}
