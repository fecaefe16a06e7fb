// Painel benchmark: the whole Painel (both periods, every figure) over a cache of N synthetic orders.
// Numbers, not pass/fail: see BENCHMARKS.md (Painel).
//
//   node --import tsx bench/painel.ts                100k
//   node --import tsx bench/painel.ts 100000 1000000
//   BENCH_DB_DIR=/tmp/x …   keeps (and reuses) cache-N.sqlite, the same files bench/db-queries.ts keeps
//   BENCH_GROW_FROM=100000  builds cache-N.sqlite from the kept cache-100000.sqlite by copying its orders and items
//                           N/100000 − 1 times in SQL, each copy some minutes later (see growByCopies)
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openDatabase, type Db } from '../src/main/core/db';
import { readPainel, type PainelRequest } from '../src/main/core/db/painel/painel-query';
import { build, machineLine, sizesFromArgs, STORE } from './db-build-lib';
import { ms } from './db-measure-lib';
import { customers } from './db-generator';

const RUNS = 6;
const ZONE = 'America/Sao_Paulo';
// The generated orders end on 2024-12-31: "now" is that afternoon, so every period is full of orders.
const NOW = new Date('2024-12-31T18:00:00.000Z');
const PERIODS: { name: string; request: PainelRequest }[] = [
  { name: '7 days', request: { period: '7d' } },
  { name: '30 days', request: { period: '30d' } },
  { name: '365 days (by day, 365 points)', request: { period: 'custom', from: '2024-01-02', to: '2024-12-31' } },
  { name: 'this year vs the year before', request: { period: 'thisYear', compare: 'lastYear' } },
  // Both ends mid-month: the most of its orders a period reads (half a month at each end, for customers and SKUs).
  { name: '335 days from mid-month to mid-month', request: { period: 'custom', from: '2024-01-16', to: '2024-12-15' } },
];

/**
 * A cache of `copies` × its orders, from a smaller one: each copy of every order and its items (what the Painel
 * reads) under new ids, `copy` × 347 s later, through the triggers that keep the Painel's totals. The write path
 * builds 100,000 orders in minutes on this machine and would take hours for a million; the copies keep the
 * generator's shape (three years, the same 30,000 customers and SKUs), only ten orders sit near each generated one.
 */
function growByCopies(db: Db, copies: number): void {
  const { maxPk, maxId } = db.prepare('SELECT max(pk) AS maxPk, max(id) AS maxId FROM orders').get() as {
    maxPk: number;
    maxId: number;
  };
  const shifted = new Set(['pk', 'id', 'number', 'created_utc', 'search_key']);
  const kept = (db.prepare('PRAGMA table_info(orders)').all() as { name: string }[])
    .map((c) => c.name)
    .filter((c) => !shifted.has(c));
  const items = (db.prepare('PRAGMA table_info(order_items)').all() as { name: string }[])
    .map((c) => c.name)
    .filter((c) => c !== 'order_pk');
  for (let k = 1; k < copies; k += 1) {
    process.stderr.write(`copy ${k} of ${copies - 1}…\n`);
    db.transaction(() => {
      db.prepare(
        `INSERT INTO orders (pk, id, number, created_utc, ${kept.join(', ')})
         SELECT pk + ${k * maxPk}, id + ${k * maxId}, number + ${k * maxId},
           strftime('%Y-%m-%dT%H:%M:%fZ', created_utc, '+${k * 347} seconds'), ${kept.join(', ')}
         FROM orders WHERE pk <= ${maxPk}`,
      ).run();
      db.prepare(
        `INSERT INTO order_items (order_pk, ${items.join(', ')})
         SELECT order_pk + ${k * maxPk}, ${items.join(', ')} FROM order_items WHERE order_pk <= ${maxPk}`,
      ).run();
    })();
  }
}

async function runSize(count: number): Promise<string> {
  const keepDir = process.env['BENCH_DB_DIR'];
  const dir = keepDir ?? mkdtempSync(join(tmpdir(), 'balcao-bench-'));
  const file = join(dir, keepDir === undefined ? 'cache.sqlite' : `cache-${count}.sqlite`);
  const lines: string[] = [`### ${count.toLocaleString('en-US')} orders`, ''];
  try {
    const reuse = keepDir !== undefined && existsSync(file);
    const growFrom = Number(process.env['BENCH_GROW_FROM'] ?? 0);
    const seed = keepDir === undefined ? '' : join(keepDir, `cache-${growFrom}.sqlite`);
    const grow = !reuse && growFrom > 0 && count % growFrom === 0 && existsSync(seed);
    if (grow) copyFileSync(seed, file);
    const db = openDatabase(file);
    if (grow) growByCopies(db, count / growFrom);
    else if (!reuse) {
      process.stderr.write(`building ${count} orders…\n`);
      build(db, count, customers(Math.min(30_000, Math.max(1000, Math.floor(count / 3)))));
    }
    // Also after opening a kept cache: a migration or derived step run on open leaves its pages in the WAL (120 MB
    // at 100k from version 4), which every read then looks through.
    db.pragma('wal_checkpoint(TRUNCATE)');
    lines.push('| period | orders in it | p50 ms | p95 ms | longest main-loop block ms |');
    lines.push('| --- | ---: | ---: | ---: | ---: |');
    for (const { name, request } of PERIODS) {
      const samples: number[] = [];
      let orders = 0;
      let block = 0;
      for (let i = 0; i < RUNS + 2; i += 1) {
        const start = process.hrtime.bigint();
        const p = await readPainel(db, STORE, ZONE, request, NOW);
        const took = ms(start);
        if (i < 2) continue; // warm-up
        samples.push(took);
        orders = p.orders.current ?? 0;
      }
      // Apart from the timed loads: the delay monitor's 1 ms timer would be counted in them.
      for (let i = 0; i < 3; i += 1) {
        const delay = monitorEventLoopDelay({ resolution: 1 });
        delay.enable();
        await readPainel(db, STORE, ZONE, request, NOW);
        delay.disable();
        block = Math.max(block, delay.max / 1e6);
      }
      samples.sort((a, b) => a - b);
      const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
      lines.push(
        `| ${name} | ${orders.toLocaleString('en-US')} | ${at(0.5).toFixed(1)} | ${at(0.95).toFixed(1)} | ${block.toFixed(1)} |`,
      );
    }
    db.close();
    lines.push('');
    return lines.join('\n');
  } finally {
    if (keepDir === undefined) rmSync(dir, { recursive: true, force: true });
  }
}

console.log(machineLine(`${RUNS} loads per period after 2 warm-ups`));
for (const size of sizesFromArgs([100_000])) console.log(await runSize(size));
