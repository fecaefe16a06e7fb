// Logger benchmark: what one log line costs the thread that logs it, and how long until every line is in the
// file. Numbers, not pass/fail: see BENCHMARKS.md (Logger).
//
//   node --import tsx bench/logger.ts [LINES]      default 20,000 lines, 5 runs
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../src/main/core/log/logger';
import { Redactor } from '../src/main/core/log/redactor';

const LINES = Number(process.argv[2] ?? 20_000);
const RUNS = 5;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

async function run(): Promise<{ perLine: number[]; totalMs: number; lines: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'balcao-bench-log-'));
  const redactor = new Redactor();
  // As in the app: two registered credentials per store, a few stores.
  for (let s = 0; s < 3; s += 1) redactor.add(`token-${s}-8f2c9a7d41b6e0`, `secret-${s}-3b7e1f90c2d84a`);
  const log = createLogger({ file: join(dir, 'logs', 'balcao.log'), redactor });
  const error = new Error('connect ECONNREFUSED 127.0.0.1:443');
  const perLine: number[] = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < LINES; i += 1) {
    const t = process.hrtime.bigint();
    if (i % 100 === 99)
      log.warn('sync request failed, trying again', { storeId: 'c0a8012e-5f1d-4b7e', error, round: 2 });
    else log.info('sync page written', { storeId: 'c0a8012e-5f1d-4b7e', resource: 'orders', page: i, orders: 100 });
    perLine.push(Number(process.hrtime.bigint() - t) / 1e3);
  }
  // The hand-written logger had nothing to close: its lines were on disk when the call returned.
  await (log as { close?: () => Promise<void> }).close?.();
  const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
  const logs = join(dir, 'logs');
  const lines = readdirSync(logs).reduce(
    (n, name) => n + readFileSync(join(logs, name), 'utf8').split('\n').length - 1,
    0,
  );
  rmSync(dir, { recursive: true, force: true });
  return { perLine, totalMs, lines };
}

console.log(`| run | lines in files | caller µs/line mean | p50 | p99 | max | all lines on disk (ms) |`);
console.log(`| --- | --- | --- | --- | --- | --- | --- |`);
for (let r = 1; r <= RUNS; r += 1) {
  const { perLine, totalMs, lines } = await run();
  const sorted = [...perLine].sort((a, b) => a - b);
  const mean = perLine.reduce((a, b) => a + b, 0) / perLine.length;
  const f = (n: number): string => n.toFixed(1);
  console.log(
    `| ${r} | ${lines} | ${f(mean)} | ${f(percentile(sorted, 0.5))} | ${f(percentile(sorted, 0.99))} | ${f(sorted.at(-1)!)} | ${totalMs.toFixed(0)} |`,
  );
}
