// The cache's UI queries timed side by side against another checkout of Balcão (the "before"), in turns of ten
// runs in one process, so a busy machine slows both alike. Numbers, not pass/fail: see BENCHMARKS.md (Cache).
//
//   BENCH_BASE=/path/to/checkout BENCH_BASE_DB_DIR=/dir/a BENCH_DB_DIR=/dir/b node --import tsx bench/db-ab.ts 100000
//   (BENCH_ONLY=text keeps the queries whose name contains it)
//
// Each side opens its own copy of a cache db-queries.ts built (cache-N.sqlite, as the same generator made it):
// the base its copy, this checkout its own (which its migrations and reindex may have updated on open).
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as here from '../src/main/core/db';
import type { OrderQuery } from '../src/shared/domain/query';
import { customers, PAYMENTS, rng, skuOf, STATUSES } from './db-generator';
import { measureSideBySide, ms, RUNS } from './db-measure-lib';

type Api = Pick<
  typeof here,
  'openDatabase' | 'listOrders' | 'orderStatusCounts' | 'listCustomers' | 'getCustomerDetail'
>;

const STORE = 'bench-store';
const PAGE = 100;

async function main(): Promise<void> {
  const base = process.env.BENCH_BASE;
  const baseDir = process.env.BENCH_BASE_DB_DIR;
  const dir = process.env.BENCH_DB_DIR;
  if (base === undefined || baseDir === undefined || dir === undefined)
    throw new Error('BENCH_BASE, BENCH_BASE_DB_DIR and BENCH_DB_DIR are needed');
  const count = Number(process.argv[2] ?? 100_000);
  const before = (await import(pathToFileURL(join(base, 'src/main/core/db/index.ts')).href)) as Api;
  const file = `cache-${count}.sqlite`;
  const opened = process.hrtime.bigint();
  const dbAfter = here.openDatabase(join(dir, file));
  const openMs = ms(opened);
  const dbBefore = before.openDatabase(join(baseDir, file));
  const people = customers(Math.min(30_000, Math.max(1000, Math.floor(count / 3))));
  const random = rng(5);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const month = (): OrderQuery => {
    const m = String(1 + Math.floor(random() * 12)).padStart(2, '0');
    return { from: `2023-${m}-01`, to: `2023-${m}-28` };
  };
  const surname = () => pick(people).name.split(' ')[1];
  const lists: [string, () => OrderQuery][] = [
    ['no filter, newest first', () => ({})],
    ['status (one)', () => ({ statuses: [pick(STATUSES)[0]] })],
    ['date range (one month)', month],
    ['payment method', () => ({ paymentMethods: [pick(PAYMENTS)] })],
    ['total R$100–150', () => ({ minTotalCents: 10_000, maxTotalCents: 15_000 })],
    ['unreviewed', () => ({ review: 'unreviewed' })],
    ['reviewed', () => ({ review: 'reviewed' })],
    ['sort total desc', () => ({ sort: { key: 'total', direction: 'desc' } })],
    [
      'status + payment, sort total',
      () => ({
        statuses: [pick(STATUSES)[0]],
        paymentMethods: [pick(PAYMENTS)],
        sort: { key: 'total', direction: 'desc' },
      }),
    ],
    ['deep page (offset = half the store)', () => ({ offset: Math.floor(count / 2) })],
    ['FTS surname (common)', () => ({ search: surname() })],
    ['FTS name (two words)', () => ({ search: pick(people).name.split(' ').slice(0, 2).join(' ') })],
    ['FTS surname begun (4 letters)', () => ({ search: surname().slice(0, 4) })],
    ['FTS CPF digits', () => ({ search: pick(people).cpf })],
    ['FTS e-mail prefix', () => ({ search: pick(people).email.slice(0, 12) })],
    [
      'FTS e-mail from its second word',
      () => ({ search: pick(people).email.split('.').slice(1).join('.').slice(0, 12) }),
    ],
    ['FTS SKU', () => ({ search: skuOf(Math.floor(random() * 8000)) })],
    ['FTS surname, sorted by total', () => ({ search: surname(), sort: { key: 'total', direction: 'desc' } })],
  ];
  const cases: [string, (api: Api, db: here.Db, q: OrderQuery) => number, () => OrderQuery][] = [
    ...lists.map(([name, q]): [string, (api: Api, db: here.Db, q: OrderQuery) => number, () => OrderQuery] => [
      `${name} — page + total`,
      (api, db, query) => api.listOrders(db, STORE, { limit: PAGE, ...query }).rows.length,
      q,
    ]),
    [
      'status counts, payment + delivered + one year',
      (api, db, q) => api.orderStatusCounts(db, STORE, q).length,
      () => ({ paymentMethods: [pick(PAYMENTS)], delivered: true, from: '2023-01-01', to: '2023-12-31' }),
    ],
    [
      'status counts, total R$100–150',
      (api, db, q) => api.orderStatusCounts(db, STORE, q).length,
      () => ({ minTotalCents: 10_000, maxTotalCents: 15_000 }),
    ],
    [
      'status counts, search: surname (common)',
      (api, db, q) => api.orderStatusCounts(db, STORE, q).length,
      () => ({ search: surname() }),
    ],
    [
      'customer search, name',
      (api, db, q) => api.listCustomers(db, STORE, { limit: PAGE, search: q.search }).rows.length,
      () => ({ search: pick(people).name.split(' ')[0] }),
    ],
  ];
  const lines = [
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.versions.node}; ${RUNS} runs a query after 3 warm-ups, before and after taking turns in blocks of 10 runs on the same terms.`,
    `Opening this checkout's copy (migrations and reindex check): ${openMs.toFixed(0)} ms.`,
    '',
    `| ${count.toLocaleString('en-US')} orders | before p50 | after p50 | before p95 | after p95 | rows (before / after) |`,
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  const only = process.env.BENCH_ONLY;
  for (const [name, run, query] of cases) {
    if (only !== undefined && !name.includes(only)) continue;
    const queries = Array.from({ length: RUNS + 3 }, query);
    const [b, a] = measureSideBySide(
      [
        ['before', (i) => run(before, dbBefore, queries[i])],
        ['after', (i) => run(here, dbAfter, queries[i])],
      ],
      RUNS,
      10,
    );
    const f = (n: number) => n.toFixed(2);
    lines.push(`| ${name} | ${f(b.p50)} | ${f(a.p50)} | ${f(b.p95)} | ${f(a.p95)} | ${b.rows} / ${a.rows} |`);
  }
  lines.push(
    '',
    `Load average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}.`,
  );
  dbBefore.close();
  dbAfter.close();
  console.log(lines.join('\n'));
}

void main();
