// Plain FTS5 beside the search index, on a cache bench/db-queries.ts built and kept (BENCH_DB_DIR).
// Numbers, not pass/fail: see BENCHMARKS.md (Cache, "Plain FTS5 beside the search index").
//
//   BENCH_DB_DIR=/tmp/x node --import tsx bench/db-fts-plain.ts 100000
//
// "Plain" is what an FTS5 search is without the search index's machinery: one FTS5 table keyed by the orders'
// pk holding the same terms; a page gathers every match, fetches the orders and sorts them by date; its total
// counts every match. Two of them: with the first schema's prefix list (3) and with the index's (3 to 10), to tell
// the date-ordered keys' share from the prefix lists'. Each is built once beside the cache
// (cache-N.sqlite.plain-fts-*.sqlite, attached), so the cache itself is not changed.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { ftsQuery, listOrders, openDatabase, type ReadableDB } from '../src/main/core/db';
import { cachedTermsBatch } from '../src/main/core/db/search/keys';
import { customers, rng, skuOf } from './db-generator';
import { measureSideBySide, RUNS, type Row } from './db-measure-lib';

const STORE = 'bench-store';
const PAGE = 100;

const PLAIN = [
  { name: 'plain FTS5', schema: 'plain', prefix: '3' },
  { name: 'plain FTS5 + prefix lists', schema: 'plainp', prefix: '3 4 5 6 7 8 9 10' },
] as const;

function buildPlainIndex(db: ReadableDB, file: string, prefix: string): void {
  process.stderr.write(`building the plain FTS5 index in ${file}…\n`);
  const started = process.hrtime.bigint();
  const tmp = `${file}.part`;
  rmSync(tmp, { force: true });
  db.prepare('ATTACH ? AS building').run(tmp);
  db.exec(`CREATE VIRTUAL TABLE building.plain_fts USING fts5(
    terms, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2', prefix = '${prefix}')`);
  const insert = db.prepare('INSERT INTO building.plain_fts (rowid, terms) VALUES (?, ?)');
  for (let after = 0; ;) {
    const rows = cachedTermsBatch(db, after, 5000);
    db.transaction(() => {
      for (const r of rows) insert.run(r.pk, r.terms);
    })();
    if (rows.length < 5000) break;
    after = rows[rows.length - 1].pk;
  }
  db.exec('DETACH building');
  rmSync(file, { force: true });
  // Renamed only when whole: an interrupted build is started again, not reused.
  renameSync(tmp, file);
  process.stderr.write(`  ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(0)} s\n`);
}

function run(count: number): string {
  const dir = process.env.BENCH_DB_DIR;
  if (dir === undefined) throw new Error('BENCH_DB_DIR must name the folder of a cache db-queries.ts kept');
  const file = join(dir, `cache-${count}.sqlite`);
  const db = openDatabase(file);
  for (const { schema, prefix } of PLAIN) {
    const plainFile = `${file}.plain-fts-${prefix.replace(/ /g, '')}.sqlite`;
    if (!existsSync(plainFile)) buildPlainIndex(db, plainFile, prefix);
    db.prepare('ATTACH ? AS ' + schema).run(plainFile);
  }
  const people = customers(Math.min(30_000, Math.max(1000, Math.floor(count / 3))));
  const random = rng(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const searches: [string, () => string][] = [
    ['surname (common)', () => pick(people).name.split(' ')[1]],
    ['name (two words)', () => pick(people).name.split(' ').slice(0, 2).join(' ')],
    ['CPF digits', () => pick(people).cpf],
    ['e-mail prefix', () => pick(people).email.slice(0, 12)],
    ['SKU', () => skuOf(Math.floor(random() * 8000))],
  ];
  // The table is named plain_fts in both attached files: each statement names its file.
  const plainPage = (schema: string) =>
    `SELECT o.id, o.number, o.customer_name, o.created_utc, o.total_cents, o.status_alias FROM orders o
      WHERE o.pk IN (SELECT rowid FROM ${schema}.plain_fts WHERE plain_fts MATCH ?) AND +o.store_id = ?
      ORDER BY +o.created_utc DESC, +o.id DESC LIMIT ${PAGE}`;
  const plainCount = (schema: string) =>
    `SELECT count(*) AS n FROM orders o
      WHERE o.pk IN (SELECT rowid FROM ${schema}.plain_fts WHERE plain_fts MATCH ?) AND +o.store_id = ?`;
  // Prepared once, as the app's statements are.
  const statements = Object.fromEntries(
    PLAIN.map(({ schema }) => [schema, { page: db.prepare(plainPage(schema)), count: db.prepare(plainCount(schema)) }]),
  );
  const rows: Row[] = [];
  const matches: string[] = [];
  for (const [name, term] of searches) {
    // The same terms, in the same order, for every way.
    const terms = Array.from({ length: RUNS + 3 }, term);
    let found = 0;
    rows.push(
      ...measureSideBySide([
        [`index: ${name} — page + total`, (i) => listOrders(db, STORE, { search: terms[i], limit: PAGE }).rows.length],
        ...PLAIN.map(({ name: way, schema }): [string, (i: number) => number] => [
          `${way}: ${name} — page + total`,
          (i) => {
            const match = ftsQuery(terms[i]) ?? '""';
            const n = statements[schema].page.all(match, STORE).length;
            found = (statements[schema].count.get(match, STORE) as { n: number }).n;
            return n;
          },
        ]),
      ]),
    );
    matches.push(`${name}: ${found} matches (last run)`);
  }
  db.close();
  const lines = [
    `### ${count.toLocaleString('en-US')} orders: plain FTS5 beside the search index`,
    '',
    `Load average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} on ${cpus().length} cores.`,
    '',
    '| query | p50 ms | p95 ms | rows |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.name} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.rows} |`),
    '',
    ...matches.map((m) => `- ${m}`),
    '',
  ];
  return lines.join('\n');
}

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);
for (const size of sizes.length > 0 ? sizes : [100_000]) console.log(run(size));
