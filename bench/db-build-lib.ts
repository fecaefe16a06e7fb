// Building a bench cache through the real write path, shared by the cache and Painel benches: generated orders,
// each with a raw record the size and make-up of a synced one (model-records.ts).
import { cpus } from 'node:os';
import { addStore, writeOrderPage, writeSyncState, type Db } from '../src/main/core/db';
import type { Order } from '../src/shared/domain/order';
import { orders, type BenchCustomer } from './db-generator';
import { ms } from './db-measure-lib';
import { benchRaw, storeModel } from './model-records';

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
