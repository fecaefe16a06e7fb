import { loadavg } from 'node:os';

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

/** BENCH_ONLY=<regex>: only the rows whose name matches are timed (the others are left out of the table). */
const only = process.env.BENCH_ONLY === undefined ? null : new RegExp(process.env.BENCH_ONLY, 'i');
export const skipped = (name: string): boolean => only !== null && !only.test(name);
const SKIPPED = { p50: Number.NaN, p95: Number.NaN, rows: 0 };

export function measure(name: string, run: (i: number) => number, runs = RUNS): Row {
  if (skipped(name)) return { name, ...SKIPPED };
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

/** measure for work that answers through a promise (the core's dispatcher). */
export async function measureAsync(name: string, run: (i: number) => Promise<number>, runs = RUNS): Promise<Row> {
  if (skipped(name)) return { name, ...SKIPPED };
  for (let i = 0; i < 3; i += 1) await run(i);
  const samples: number[] = [];
  let rows = 0;
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    rows = await run(i);
    samples.push(ms(start));
  }
  return { name, ...percentiles(samples), rows };
}

/**
 * Several ways of answering the same queries, timed in turn in blocks of `block` runs (which way goes first
 * rotating each block), so a busy machine slows them alike; run i of every way gets the same input i. One Row per
 * way, in the given order. Blocks longer than one run keep each way's code and data warm in the CPU caches, which
 * matters when the ways are two copies of SQLite (bench/db-ab.ts).
 */
export function measureSideBySide(ways: [string, (i: number) => number][], runs = RUNS, block = 1): Row[] {
  const samples = ways.map(() => [] as number[]);
  const rows = ways.map(() => 0);
  const total = runs + 3;
  for (let start = 0; start < total; start += block) {
    for (let k = 0; k < ways.length; k += 1) {
      const w = (start / block + k) % ways.length;
      for (let i = start; i < Math.min(start + block, total); i += 1) {
        const began = process.hrtime.bigint();
        rows[w] = ways[w][1](i);
        if (i >= 3) samples[w].push(ms(began));
      }
    }
  }
  return ways.map(([name], w) => ({ name, ...percentiles(samples[w]), rows: rows[w] }));
}

/** The timed rows as a BENCHMARKS.md table (rows left out by BENCH_ONLY are not in it), and the load average. */
export function markdownTable(first: string, rows: Row[]): string[] {
  const load = loadavg()
    .map((n) => n.toFixed(1))
    .join(' / ');
  return [
    `Load average at the end: ${load}.`,
    '',
    `| ${first} | p50 ms | p95 ms | rows |`,
    '| --- | ---: | ---: | ---: |',
    ...rows
      .filter((row) => !Number.isNaN(row.p50))
      .map((r) => `| ${r.name} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.rows} |`),
    '',
  ];
}
