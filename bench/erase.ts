// Erasure benchmark: the cost of each step of removing a store (db/erase.ts) from a cache that also holds another
// store of N orders, since VACUUM rewrites what remains. Numbers, not pass/fail: see BENCHMARKS.md (Erasure).
//
//   node --import tsx bench/erase.ts 100000
//   node --import tsx bench/erase.ts 20000 5000 --app   (eraseStore as the app runs it: the main loop's delays)
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addStore, openDatabase, removeStore, writeOrderPage, type Db } from '../src/main/core/db';
import { checkpointTruncate, eraseStore } from '../src/main/core/db/erase';
import { optimizeSearchIndexes } from '../src/main/core/db/search';
import type { Order } from '../src/shared/domain/order';
import { customers, orders } from './db-generator';
import { blockRecorder } from './loop-blocks';

function fill(db: Db, storeId: string, count: number, seed: number): void {
  addStore(db, {
    id: storeId,
    alias: storeId,
    name: storeId,
    apiBaseUrl: 'http://127.0.0.1:1',
    timeZone: 'America/Sao_Paulo',
    isDemo: true,
    createdAt: new Date().toISOString(),
  });
  const people = customers(Math.min(30_000, Math.max(1000, Math.floor(count / 3))), seed);
  let page: Order[] = [];
  const flush = () => {
    writeOrderPage(db, storeId, page, page, [], null);
    page = [];
  };
  for (const order of orders(count, people, storeId, seed + 1)) {
    page.push(order);
    if (page.length === 100) flush();
  }
  if (page.length > 0) flush();
}

const timed = (fn: () => void): number => {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
};

const kept = Number(process.argv[2] ?? 100_000);
const erased = Number(process.argv[3] ?? 1_000);
const dir = mkdtempSync(join(tmpdir(), 'balcao-erase-'));
try {
  const file = join(dir, 'balcao.db');
  const db = openDatabase(file);
  fill(db, 'kept', kept, 10);
  fill(db, 'erased', erased, 20);
  checkpointTruncate(db);
  const bytes = statSync(file).size;
  if (process.argv.includes('--app')) await measureApp(db, bytes);
  else measureSteps(db, bytes);
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function measureSteps(db: Db, bytes: number): void {
  const steps = {
    rows: timed(() => removeStore(db, 'erased')),
    'search-index': timed(() => optimizeSearchIndexes(db)),
    'free-pages': timed(() => db.exec('VACUUM')),
    journal: timed(() => checkpointTruncate(db)),
  };
  console.log(`| orders kept | orders erased | file before | ${Object.keys(steps).join(' | ')} |`);
  console.log(
    `| ${kept} | ${erased} | ${(bytes / 2 ** 20).toFixed(0)} MiB | ${Object.values(steps)
      .map((v) => `${(v / 1000).toFixed(2)} s`)
      .join(' | ')} |`,
  );
}

/**
 * The removal as the app runs it: how long the loop is held, and of each block over 50 ms how much was the main
 * thread's own time on a CPU rather than its wait for one.
 */
async function measureApp(db: Db, bytes: number): Promise<void> {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  const blocks = blockRecorder(50);
  const batches: number[] = [];
  let last = process.hrtime.bigint();
  const t0 = last;
  blocks.start();
  loop.enable();
  await eraseStore(db, 'erased', (progress) => {
    const now = process.hrtime.bigint();
    if (progress.phase === 'rows') batches.push(Number(now - last) / 1e6);
    last = now;
  });
  loop.disable();
  const over = blocks.stop();
  batches.sort((a, b) => a - b);
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  const own = over.longest.map((b) => `${b.ms} (${b.onCpuMs ?? '?'} on a CPU)`).join(', ');
  console.log(
    '| orders kept | orders erased | file before | total | batch p50 | loop delay p99 | loop delay max | blocks > 50 ms | of them > 50 ms on a CPU | longest (ms) |',
  );
  console.log(
    `| ${kept} | ${erased} | ${(bytes / 2 ** 20).toFixed(0)} MiB | ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(2)} s | ${ms(batches[Math.floor(batches.length / 2)] ?? 0)} | ${ms(loop.percentile(99) / 1e6)} | ${ms(loop.max / 1e6)} | ${over.over} | ${over.overOnCpu ?? '?'} | ${own} |`,
  );
}
