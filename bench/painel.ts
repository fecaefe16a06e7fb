// Painel benchmark: the whole Painel (both periods, every figure) over a cache of N synthetic orders.
// Numbers, not pass/fail: see BENCHMARKS.md (Painel).
//
//   node --import tsx bench/painel.ts                100k
//   node --import tsx bench/painel.ts 100000 1000000
//   BENCH_DB_DIR=/tmp/x …   keeps (and reuses) cache-N.sqlite, the same files bench/db-queries.ts keeps
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openDatabase } from '../src/main/core/db';
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
];

async function runSize(count: number): Promise<string> {
  const keepDir = process.env['BENCH_DB_DIR'];
  const dir = keepDir ?? mkdtempSync(join(tmpdir(), 'balcao-bench-'));
  const file = join(dir, keepDir === undefined ? 'cache.sqlite' : `cache-${count}.sqlite`);
  const lines: string[] = [`### ${count.toLocaleString('en-US')} orders`, ''];
  try {
    const reuse = keepDir !== undefined && existsSync(file);
    const db = openDatabase(file);
    if (!reuse) {
      process.stderr.write(`building ${count} orders…\n`);
      build(db, count, customers(Math.min(30_000, Math.max(1000, Math.floor(count / 3)))));
      db.pragma('wal_checkpoint(TRUNCATE)');
    }
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
