// Plain FTS5 beside the search index, on a cache bench/db-queries.ts built and kept (BENCH_DB_DIR).
// Numbers, not pass/fail: see BENCHMARKS.md (Cache, "Plain FTS5 beside the search index").
//
//   BENCH_DB_DIR=/tmp/x node --import tsx bench/db-fts-plain.ts 100000
//
// "Plain" is what an FTS5 search is without the search index's machinery: one FTS5 table keyed by the orders'
// pk, with the first schema's prefix list (3), holding the same terms; a page gathers every match, fetches the
// orders and sorts them by date; its total counts every match. It is built once beside the cache
// (cache-N.sqlite.plain-fts.sqlite, attached), so the cache itself is not changed.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { listOrders, openDatabase, ftsQuery, sql, sqlConstant, type ReadableDB } from '../src/main/core/db';
import { cachedTermsBatch } from '../src/main/core/db/search/keys';
import { customers, rng, skuOf } from './db-generator';
import { measure, RUNS, type Row } from './db-measure-lib';

const STORE = 'bench-store';
const PAGE = 100;

function buildPlainIndex(db: ReadableDB, file: string): void {
  process.stderr.write(`building the plain FTS5 index in ${file}…\n`);
  const started = process.hrtime.bigint();
  const tmp = `${file}.part`;
  rmSync(tmp, { force: true });
  db.prepare('ATTACH ? AS plain').run(tmp);
  db.exec(`CREATE VIRTUAL TABLE plain.plain_fts USING fts5(
    terms, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2', prefix = '3')`);
  const insert = db.prepare('INSERT INTO plain.plain_fts (rowid, terms) VALUES (?, ?)');
  for (let after = 0; ;) {
    const rows = cachedTermsBatch(db, after, 5000);
    db.transaction(() => {
      for (const r of rows) insert.run(r.pk, r.terms);
    })();
    if (rows.length < 5000) break;
    after = rows[rows.length - 1].pk;
  }
  db.exec('DETACH plain');
  rmSync(file, { force: true });
  // Renamed only when whole: an interrupted build is started again, not reused.
  renameSync(tmp, file);
  process.stderr.write(`  ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(0)} s\n`);
}

function run(count: number): string {
  const dir = process.env.BENCH_DB_DIR;
  if (dir === undefined) throw new Error('BENCH_DB_DIR must name the folder of a cache db-queries.ts kept');
  const file = join(dir, `cache-${count}.sqlite`);
  const plainFile = `${file}.plain-fts.sqlite`;
  const db = openDatabase(file);
  if (!existsSync(plainFile)) buildPlainIndex(db, plainFile);
  db.prepare('ATTACH ? AS plain').run(plainFile);
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
  const plainPage = (match: string) =>
    sql<{
      id: number;
    }>`SELECT o.id, o.number, o.customer_name, o.created_utc, o.total_cents, o.status_alias FROM orders o
      WHERE o.pk IN (SELECT rowid FROM plain_fts WHERE plain_fts MATCH ${match}) AND +o.store_id = ${STORE}
      ORDER BY +o.created_utc DESC, +o.id DESC LIMIT ${sqlConstant(PAGE)}`;
  const plainCount = (match: string) =>
    sql<{ n: number }>`SELECT count(*) AS n FROM orders o
      WHERE o.pk IN (SELECT rowid FROM plain_fts WHERE plain_fts MATCH ${match}) AND +o.store_id = ${STORE}`;
  const rows: Row[] = [];
  const matches: string[] = [];
  for (const [name, term] of searches) {
    // The same terms, in the same order, for both.
    const terms = Array.from({ length: RUNS }, term);
    rows.push(
      measure(
        `index: ${name} — page + total`,
        (i) => listOrders(db, STORE, { search: terms[i], limit: PAGE }).rows.length,
      ),
    );
    let found = 0;
    rows.push(
      measure(`plain FTS5: ${name} — page + total`, (i) => {
        const match = ftsQuery(terms[i]) ?? '""';
        const page = plainPage(match);
        const total = plainCount(match);
        const n = db.prepare(page.sql).all(...page.params).length;
        found = (db.prepare(total.sql).get(...total.params) as { n: number }).n;
        return n;
      }),
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
