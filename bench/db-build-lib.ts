// Building a bench cache through the real write path, shared by the cache and Painel benches.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { addStore, openDatabase, setReview, writeOrderPage, writeSyncState, type Db } from '../src/main/core/db';
import type { Order } from '../src/shared/domain/order';
import { customers, orders, type BenchCustomer } from './db-generator';
import { ms } from './db-measure-lib';

export const STORE = 'bench-store';
export const PAGE = 100;

/** The cache sizes named on the command line, else `fallback`. */
export function sizesFromArgs(fallback: number[]): number[] {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  return sizes.length > 0 ? sizes : fallback;
}

/** The line every bench table starts with: what it ran on. */
export function machineLine(what: string): string {
  return `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.versions.node}, ${what}.\n`;
}

export function build(
  db: Db,
  count: number,
  people: BenchCustomer[],
): { seconds: number; perSecond: number; longestPageMs: number } {
  addStore(db, {
    id: STORE,
    alias: 'bench',
    name: 'Bench',
    apiBaseUrl: 'http://127.0.0.1:1',
    timeZone: 'America/Sao_Paulo',
    isDemo: true,
    createdAt: new Date().toISOString(),
  });
  let page: Order[] = [];
  let longest = 0;
  let pageNo = 0;
  const fullSyncAt = (nextPage: number) => ({
    nextPage,
    pageSize: PAGE,
    totalPages: Math.ceil(count / PAGE),
    startedAt: '2024-01-01T00:00:00.000Z',
  });
  writeSyncState(db, STORE, 'orders', { fullSync: fullSyncAt(1) });
  const started = process.hrtime.bigint();
  const flush = () => {
    pageNo += 1;
    const t0 = process.hrtime.bigint();
    // With a page checkpoint, as a sync writes it (its guard reads the stored one first).
    writeOrderPage(
      db,
      STORE,
      page,
      page.map((o) => ({ id: o.id, number: o.number })),
      [],
      {
        page: pageNo,
        patch: { fullSync: fullSyncAt(pageNo + 1) },
      },
    );
    longest = Math.max(longest, ms(t0));
    page = [];
    if (pageNo % 1000 === 0) process.stderr.write(`  ${pageNo * PAGE} orders written\n`);
  };
  for (const order of orders(count, people, STORE)) {
    page.push(order);
    if (page.length === PAGE) flush();
  }
  if (page.length > 0) flush();
  const seconds = ms(started) / 1000;
  return { seconds, perSecond: count / seconds, longestPageMs: longest };
}

export type BuildFigures = ReturnType<typeof build>;

export interface BenchCache {
  db: Db;
  file: string;
  people: BenchCustomer[];
  /** The figures of the build that made the file (read back when it is reused). */
  write: BuildFigures;
  /** Closes the cache and deletes it unless it is kept (BENCH_DB_DIR). */
  close(): void;
}

/**
 * A bench cache of `count` orders: kept in BENCH_DB_DIR as `cache-<count>.sqlite` and reused by the next bench that
 * asks for the same size (a 1M build takes many minutes), else built in a temporary folder and deleted on close.
 */
export function openBenchCache(count: number): BenchCache {
  const keepDir = process.env.BENCH_DB_DIR;
  const dir = keepDir ?? mkdtempSync(join(tmpdir(), 'balcao-bench-'));
  const file = join(dir, keepDir === undefined ? 'cache.sqlite' : `cache-${count}.sqlite`);
  const buildFile = `${file}.build.json`;
  const reuse = keepDir !== undefined && existsSync(file) && existsSync(buildFile);
  const db = openDatabase(file);
  const people = customers(Math.min(30_000, Math.max(1000, Math.floor(count / 3))));
  let write: BuildFigures;
  if (reuse) {
    process.stderr.write(`reusing ${file}\n`);
    write = JSON.parse(readFileSync(buildFile, 'utf8')) as BuildFigures;
  } else {
    process.stderr.write(`building ${count} orders, ${people.length} customers…\n`);
    write = build(db, count, people);
    // 1% reviewed, 0.2% flagged: the merchant's own work.
    db.transaction(() => {
      for (let id = 1; id <= count; id += 100) setReview(db, STORE, id, { reviewed: true, flagged: id % 500 === 1 });
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    if (keepDir !== undefined) writeFileSync(buildFile, JSON.stringify(write));
  }
  return {
    db,
    file,
    people,
    write,
    close() {
      db.close();
      if (keepDir === undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}
