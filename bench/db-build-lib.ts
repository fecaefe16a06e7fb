// Building a bench cache through the real write path, shared by the cache and Painel benches: generated orders,
// each with a raw record the size and make-up of a synced one (model-records.ts).
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { addStore, openDatabase, setReview, writeOrderPage, writeSyncState, type Db } from '../src/main/core/db';
import type { Order } from '../src/shared/domain/order';
import { customers, orders, type BenchCustomer } from './db-generator';
import { ms } from './db-measure-lib';
import { benchRaw, storeModel } from './model-records';

// BENCH_STORE_ID=abc123 keys a new bench cache as the app keys a new store (six characters: stores/store-id.ts), for
// footprints; caches built before keep 'bench-store', so it stays the default.
export const STORE = process.env.BENCH_STORE_ID ?? 'bench-store';
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
  const model = storeModel({ seed: 7, orders: count, customers: people.length });
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
      page.map((o, i) => benchRaw(model, o, (pageNo - 1) * PAGE + i)),
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
  const opening = process.hrtime.bigint();
  const db = openDatabase(file);
  // Opening includes a search reindex when the index version changed (or the file was just replicated).
  process.stderr.write(`opened ${file} in ${(ms(opening) / 1000).toFixed(1)} s\n`);
  const people = customers(Math.min(30_000, Math.max(1000, Math.floor(count / 3))));
  let write: BuildFigures;
  const from = Number(process.env.BENCH_REPLICATE_FROM ?? 0);
  if (!reuse && keepDir !== undefined && from > 0 && count % from === 0 && count > from) {
    db.close();
    replicate(join(keepDir, `cache-${from}.sqlite`), file, from, count / from);
    write = JSON.parse(readFileSync(`${join(keepDir, `cache-${from}.sqlite`)}.build.json`, 'utf8')) as BuildFigures;
    writeFileSync(buildFile, JSON.stringify(write));
    return openBenchCache(count);
  }
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

/**
 * A large bench cache made from a smaller one where building it through the write path would take hours (a
 * loaded machine writes under 100 orders/s): the small file is copied and its orders, their relations and review
 * marks written `times` times over in SQL with ids moved past the last (the raw record's id and number too), the
 * trigger-kept totals following; the search index is then rebuilt by the reindex on the next open, as a new index
 * version does. The copy has the small cache's customers and days, `times` orders for each of its orders.
 */
function replicate(source: string, target: string, perCopy: number, times: number): void {
  process.stderr.write(`copying ${source} ${times} times into ${target}…\n`);
  const started = process.hrtime.bigint();
  for (const suffix of ['-wal', '-shm', '']) rmSync(`${target}${suffix}`, { force: true });
  const small = openDatabase(source);
  small.pragma('wal_checkpoint(TRUNCATE)');
  small.close();
  copyFileSync(source, target);
  const db = openDatabase(target);
  const columns = (table: string) =>
    (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
  const maxPk = (db.prepare('SELECT max(pk) AS n FROM orders').get() as { n: number }).n;
  const orderCols = columns('orders');
  const moved: Record<string, (k: number) => string> = {
    pk: (k) => `pk + ${k * maxPk}`,
    id: (k) => `id + ${k * perCopy}`,
    number: (k) => `number + ${k * perCopy}`,
    search_key: () => 'NULL',
    // A packed record (raw '') is copied as it is: its detail shows the original's id and number.
    raw: (k) =>
      `CASE raw WHEN '' THEN raw ELSE json_set(raw, '$.id', id + ${k * perCopy}, '$.number', number + ${k * perCopy}) END`,
  };
  for (let k = 1; k < times; k += 1) {
    db.transaction(() => {
      db.exec(
        `INSERT INTO orders (${orderCols.join(', ')}) SELECT ${orderCols.map((c) => moved[c]?.(k) ?? c).join(', ')}
         FROM orders WHERE pk <= ${maxPk}`,
      );
      for (const table of ['order_items', 'order_addresses', 'order_transactions', 'order_status_history']) {
        const cols = columns(table);
        if (cols.length === 0) continue; // a table a later migration dropped
        db.exec(
          `INSERT INTO ${table} (${cols.join(', ')}) SELECT ${cols.map((c) => (c === 'order_pk' ? `order_pk + ${k * maxPk}` : c)).join(', ')}
           FROM ${table} WHERE order_pk <= ${maxPk}`,
        );
      }
      const marks = columns('review_state');
      db.exec(
        `INSERT INTO review_state (${marks.join(', ')}) SELECT ${marks.map((c) => (c === 'order_id' ? `order_id + ${k * perCopy}` : c)).join(', ')}
         FROM review_state WHERE order_id <= ${perCopy}`,
      );
    })();
    process.stderr.write(`  copy ${k} of ${times - 1} written\n`);
  }
  db.exec("UPDATE derived_versions SET version = 0 WHERE name = 'search'");
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  process.stderr.write(`copied in ${(ms(started) / 1000).toFixed(0)} s; the next open rebuilds the search index\n`);
}
