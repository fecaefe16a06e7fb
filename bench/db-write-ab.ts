// The sync's page write (writeOrderPage) against another checkout of Balcão (the "before"): the same generated
// orders, each with a raw record as the sync receives it (model-records.ts), written in pages of 100 to a fresh cache per side, the sides taking turns page by page in one process, so
// a busy machine slows both alike. Numbers, not pass/fail: see BENCHMARKS.md (Cache).
//
//   BENCH_BASE=/path/to/checkout node --import tsx bench/db-write-ab.ts 20000
//   BENCH_STORE_IDS=<before id>,<after id> keys each side's store with its own id (a UUID against a short id)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as here from '../src/main/core/db';
import { customers, orders } from './db-generator';
import { ms } from './db-measure-lib';
import { benchRaw, storeModel } from './model-records';

type Api = Pick<typeof here, 'openDatabase' | 'addStore' | 'writeOrderPage'>;

async function main(): Promise<void> {
  const base = process.env.BENCH_BASE;
  if (base === undefined) throw new Error('BENCH_BASE must name another checkout');
  const count = Number(process.argv[2] ?? 20_000);
  const before = (await import(pathToFileURL(join(base, 'src/main/core/db/index.ts')).href)) as Api;
  const dir = mkdtempSync(join(tmpdir(), 'balcao-write-ab-'));
  try {
    const [beforeId = 's', afterId = 's'] = (process.env.BENCH_STORE_IDS ?? '').split(',').filter(Boolean);
    const sides = [
      { name: 'before', api: before, db: before.openDatabase(join(dir, 'before.sqlite')), store: beforeId, ms: 0 },
      { name: 'after', api: here as Api, db: here.openDatabase(join(dir, 'after.sqlite')), store: afterId, ms: 0 },
    ];
    for (const { api, db, store } of sides) {
      api.addStore(db, {
        id: store,
        alias: 's',
        name: 'S',
        apiBaseUrl: 'http://127.0.0.1:1',
        timeZone: 'America/Sao_Paulo',
        isDemo: true,
        createdAt: '2024-01-01T00:00:00.000Z',
      });
    }
    const all = [...orders(count, customers(Math.max(1000, Math.floor(count / 4))), 's')];
    const storeOrders = new Map(sides.map((side) => [side.store, all.map((o) => ({ ...o, storeId: side.store }))]));
    const model = storeModel({ seed: 7, orders: count, customers: Math.ceil(count / 3) });
    const raws = all.map((o, i) => benchRaw(model, o, i));
    for (let p = 0; p * 100 < all.length; p += 1) {
      for (const side of p % 2 === 0 ? sides : [...sides].reverse()) {
        const page = storeOrders.get(side.store)!.slice(p * 100, p * 100 + 100);
        const start = process.hrtime.bigint();
        side.api.writeOrderPage(side.db, side.store, page, raws.slice(p * 100, p * 100 + 100), [], null);
        side.ms += ms(start);
      }
    }
    for (const side of sides) side.db.close();
    console.log(
      sides.map((s) => `${s.name}: ${Math.round(count / (s.ms / 1000)).toLocaleString('en-US')} orders/s`).join(', '),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
