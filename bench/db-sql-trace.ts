// Which SQL the cache's UI queries run, against another checkout of Balcão (the "before"): each query on a fresh
// connection per side, every statement executed recorded with its parameters (whitespace folded), and the results
// compared. Same statements with the same parameters means same plans and same SQLite work; the rest is JavaScript.
//
//   BENCH_BASE=/path/to/checkout BENCH_BASE_DB_DIR=/dir/a BENCH_DB_DIR=/dir/b node --import tsx bench/db-sql-trace.ts 100000
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Statement } from 'better-sqlite3';
import * as here from '../src/main/core/db';
import type { OrderQuery } from '../src/shared/domain/query';
import { customers, PAYMENTS, rng, skuOf, STATUSES } from './db-generator';

type Api = Pick<
  typeof here,
  'openDatabase' | 'listOrders' | 'orderStatusCounts' | 'listCustomers' | 'getCustomerDetail' | 'getOrderDetail'
>;
const STORE = 'bench-store';

/** Opens `file` with `api` and records every statement run on it as "sql :: params". */
function traced(api: Api, file: string, log: string[]): here.Db {
  const db = api.openDatabase(file);
  const prepare = db.prepare.bind(db) as (sql: string) => Statement;
  const wrap = (sql: string): Statement => {
    const statement = prepare(sql);
    const text = sql.replace(/\s+/g, ' ').trim();
    for (const method of ['all', 'get', 'run'] as const) {
      const original = statement[method].bind(statement) as (...params: unknown[]) => unknown;
      Object.assign(statement, {
        [method]: (...params: unknown[]) => {
          log.push(`${text} :: ${JSON.stringify(params)}`);
          return original(...params);
        },
      });
    }
    return statement;
  };
  Object.assign(db, { prepare: wrap });
  return db;
}

async function main(): Promise<void> {
  const { BENCH_BASE: base, BENCH_BASE_DB_DIR: baseDir, BENCH_DB_DIR: dir } = process.env;
  if (base === undefined || baseDir === undefined || dir === undefined)
    throw new Error('BENCH_BASE, BENCH_BASE_DB_DIR and BENCH_DB_DIR are needed');
  const count = Number(process.argv[2] ?? 100_000);
  const before = (await import(pathToFileURL(join(base, 'src/main/core/db/index.ts')).href)) as Api;
  const people = customers(Math.min(30_000, Math.max(1000, Math.floor(count / 3))));
  const random = rng(11);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const cases: [string, (api: Api, db: here.Db) => unknown][] = [];
  for (let k = 0; k < 3; k += 1) {
    const status = pick(STATUSES)[0];
    const payment = pick(PAYMENTS);
    const p = pick(people);
    const surname = p.name.split(' ')[1];
    const queries: OrderQuery[] = [
      {},
      { statuses: [status] },
      { from: '2023-03-01', to: '2023-03-28' },
      { paymentMethods: [payment] },
      { minTotalCents: 10_000, maxTotalCents: 15_000 },
      { review: 'unreviewed' },
      { review: 'reviewed' },
      { review: 'flagged' },
      { delivered: true },
      { customerId: p.id },
      { sort: { key: 'total', direction: 'desc' } },
      { statuses: [status], paymentMethods: [payment], sort: { key: 'total', direction: 'desc' } },
      { offset: Math.floor(count / 2) },
      { paymentMethods: [payment], delivered: true, from: '2023-01-01', to: '2023-12-31' },
      { search: surname },
      { search: p.name.split(' ').slice(0, 2).join(' ') },
      { search: surname.slice(0, 4) },
      { search: p.cpf },
      { search: p.email.slice(0, 12) },
      { search: p.email.split('.').slice(1).join('.').slice(0, 12) },
      { search: skuOf(Math.floor(random() * 8000)) },
      { search: surname, sort: { key: 'total', direction: 'desc' } },
      { search: surname, statuses: [status] },
      { search: '...' },
    ];
    for (const q of queries) {
      cases.push([`list ${JSON.stringify(q)}`, (api, db) => api.listOrders(db, STORE, { limit: 100, ...q })]);
      cases.push([`status counts ${JSON.stringify(q)}`, (api, db) => api.orderStatusCounts(db, STORE, q)]);
    }
    cases.push([
      'customer search',
      (api, db) => api.listCustomers(db, STORE, { limit: 100, search: p.name.split(' ')[0] }),
    ]);
    cases.push(['customer detail', (api, db) => api.getCustomerDetail(db, STORE, p.id)]);
    cases.push(['order detail', (api, db) => api.getOrderDetail(db, STORE, 100_001 + k * 7)]);
  }
  const file = `cache-${count}.sqlite`;
  let same = 0;
  for (const [name, run] of cases) {
    const logs = { before: [] as string[], after: [] as string[] };
    const dbBefore = traced(before, join(baseDir, file), logs.before);
    const dbAfter = traced(here, join(dir, file), logs.after);
    const results = { before: JSON.stringify(run(before, dbBefore)), after: JSON.stringify(run(here, dbAfter)) };
    dbBefore.close();
    dbAfter.close();
    const onlyAfter = logs.after.filter((s) => !logs.before.includes(s));
    const onlyBefore = logs.before.filter((s) => !logs.after.includes(s));
    if (results.before !== results.after) console.log(`RESULT DIFFERS: ${name}`);
    if (onlyAfter.length === 0 && results.before === results.after) same += 1;
    for (const s of onlyAfter) console.log(`${name}\n  after only: ${s.slice(0, 300)}`);
    console.log(
      `${name}: ${logs.before.length} → ${logs.after.length} statements run${onlyBefore.length > 0 ? `, ${onlyBefore.length} of the before's not run` : ''}`,
    );
  }
  console.log(`\n${cases.length} cases; ${same} with the same result and no statement the before did not run.`);
}

void main();
