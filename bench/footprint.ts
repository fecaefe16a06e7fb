// Footprint benchmark: bytes per order of a cache, and which tables and indexes hold them (SQLite's dbstat).
// Numbers, not pass/fail: see BENCHMARKS.md (Footprint).
//
//   node --import tsx bench/footprint.ts sync 20000     a fake store (every include) synced into a fresh cache
//                                                        through the app's sync; then the raw JSON of 2,000 of its
//                                                        orders packed the app's way and the other ways Node has
//   node --import tsx bench/footprint.ts sync 20000 DIR the same, the cache kept in DIR (made if missing)
//   node --import tsx bench/footprint.ts file <cache>   an existing cache (the 1M bench cache of db-queries)
//   BENCH_BASE=<checkout> node --import tsx bench/footprint.ts repack <cache>
//                                                        a copy of the cache with its raw JSON as text (as a version
//                                                        before 8 left it) opened by both checkouts, then repacked
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, deflateRawSync } from 'node:zlib';
import type { Database } from 'better-sqlite3';
import { assembleCore } from '../src/main/core/composition';
import { openDatabase } from '../src/main/core/db';
import { packRawJson, storedRawJson, unpackRawJson } from '../src/main/core/db/raw-json';
import { REPACK_START, repackRawBatch } from '../src/main/core/db/raw-repack';
import { startFakeStore } from '../src/main/core/fake-store';
import { createMemorySecretStore } from '../src/main/core/secrets/memory-secret-store';

const n = (x: number) => Math.round(x).toLocaleString('en-US');

function report(db: Database, file: string): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  const size = statSync(file).size;
  const orders = (db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n;
  const customers = (db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
  const packed = (db.prepare('PRAGMA table_info(orders)').all() as { name: string }[]).some(
    (c) => c.name === 'raw_deflated',
  );
  const stored = db
    .prepare(
      `SELECT sum(length(CAST(raw AS BLOB))${packed ? ' + coalesce(length(raw_deflated), 0)' : ''}) AS n FROM orders`,
    )
    .get() as { n: number };
  console.log(`orders ${n(orders)}, customers ${n(customers)}, file ${(size / 2 ** 20).toFixed(1)} MiB`);
  console.log(`| orders | file | bytes per order | raw JSON stored per order |`);
  console.log(`| ---: | ---: | ---: | ---: |`);
  console.log(`| ${n(orders)} | ${(size / 2 ** 20).toFixed(1)} MiB | ${n(size / orders)} | ${n(stored.n / orders)} |`);
  console.log('');
  // Payload: the bytes of the rows or index entries themselves; the rest of each page is cell headers, pointers and
  // the space b-tree splits leave free.
  console.log('| table or index | MiB | bytes per order | payload per order | pages filled | share |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  const parts = db
    .prepare(
      `SELECT name, sum(pgsize) AS bytes, sum(payload) AS payload, sum(unused) AS unused FROM dbstat
       GROUP BY name ORDER BY bytes DESC`,
    )
    .all() as { name: string; bytes: number; payload: number; unused: number }[];
  for (const p of parts.filter((p) => p.bytes / size >= 0.005))
    console.log(
      `| ${p.name} | ${(p.bytes / 2 ** 20).toFixed(1)} | ${n(p.bytes / orders)} | ${n(p.payload / orders)} | ${((100 * (p.bytes - p.unused)) / p.bytes).toFixed(0)} % | ${((100 * p.bytes) / size).toFixed(1)} % |`,
    );
  const rest = parts.filter((p) => p.bytes / size < 0.005).reduce((sum, p) => sum + p.bytes, 0);
  console.log(
    `| the other ${parts.filter((p) => p.bytes / size < 0.005).length} | ${(rest / 2 ** 20).toFixed(1)} | ${n(rest / orders)} | | | ${((100 * rest) / size).toFixed(1)} % |`,
  );
}

/**
 * The raw JSON of up to 2,000 orders packed the app's way (raw-json.ts) and the other ways Node 20 has: plain
 * deflate and brotli (Node takes a brotli dictionary only from 22.15; zstd from 23.8). CPU time per record.
 */
function alternatives(db: Database): void {
  const raws = (
    db.prepare('SELECT raw, raw_deflated FROM orders ORDER BY pk LIMIT 2000').all() as {
      raw: string;
      raw_deflated: Uint8Array | null;
    }[]
  ).map((row) => storedRawJson(row));
  const text = raws.reduce((sum, raw) => sum + Buffer.byteLength(raw), 0) / raws.length;
  const way = (name: string, pack: (raw: string) => Uint8Array) => {
    const before = process.cpuUsage();
    const bytes = raws.reduce((sum, raw) => sum + pack(raw).length, 0);
    const cpu = process.cpuUsage(before);
    console.log(
      `| ${name} | ${n(bytes / raws.length)} | ${((100 * bytes) / raws.length / text).toFixed(1)} % | ${n((cpu.user + cpu.system) / raws.length)} |`,
    );
  };
  console.log('');
  console.log(`raw JSON of ${raws.length} orders, ${n(text)} bytes each as text:`);
  console.log('| packing | bytes per order | of the text | CPU µs per order |');
  console.log('| --- | ---: | ---: | ---: |');
  way('deflate, level 6', (raw) => deflateRawSync(raw, { level: 6 }));
  way('brotli, quality 5', (raw) => brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }));
  way('brotli, quality 11', (raw) => brotliCompressSync(raw));
  way('deflate, level 6, preset dictionary (the app)', (raw) => packRawJson(raw, 'order'));
  const packed = raws.map((raw) => packRawJson(raw, 'order'));
  const before = process.cpuUsage();
  const same = packed.every((p, i) => unpackRawJson(p) === raws[i]);
  const cpu = process.cpuUsage(before);
  console.log(`unpacked byte-identical: ${same}, ${n((cpu.user + cpu.system) / raws.length)} µs per order`);
}

async function sync(count: number, keep: string | undefined): Promise<void> {
  if (keep !== undefined) mkdirSync(keep, { recursive: true });
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'balcao-footprint-'));
  const fake = await startFakeStore({
    seed: 17,
    orders: count,
    customers: Math.ceil(count / 3),
    rateLimit: { timeScale: 1000 },
  });
  const core = assembleCore({
    appName: 'Balcão',
    version: 'bench',
    dataDir: dir,
    shell: 'cli',
    secrets: createMemorySecretStore(),
    rateLimit: { timeScale: 1000 },
    checkIntegrity: false,
  });
  try {
    const store = core.stores.ensureScriptStore(fake.alias, fake.apiBaseUrl);
    const t0 = Date.now();
    const outcome = await core.sync.run(store.id, 'full', { credentials: fake.credentials });
    console.log(`synced in ${((Date.now() - t0) / 1000).toFixed(1)} s (ok: ${outcome.ok})`);
    report(core.db, join(dir, 'balcao.db'));
    alternatives(core.db);
  } finally {
    await core.close();
    await fake.close();
    if (keep === undefined) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Opening a cache whose raw JSON is text, as migration 8 leaves one a version before it wrote: a copy of `cache` with
 * every row unpacked back to text opened by this checkout (and by BENCH_BASE's, the "before"), then this checkout's
 * repack walked batch by batch, as the writer thread runs it after the open.
 */
async function repack(cache: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'balcao-repack-'));
  try {
    const text = join(dir, 'text.db');
    const source = openDatabase(cache);
    source.pragma('wal_checkpoint(TRUNCATE)');
    source.close();
    copyFileSync(cache, text);
    const db = openDatabase(text);
    db.transaction(() => {
      for (const table of ['orders', 'customers'] as const) {
        const rows = db.prepare(`SELECT pk, raw, raw_deflated FROM ${table} WHERE raw_deflated IS NOT NULL`).all() as {
          pk: number;
          raw: string | null;
          raw_deflated: Uint8Array | null;
        }[];
        const update = db.prepare(`UPDATE ${table} SET raw = ?, raw_deflated = NULL WHERE pk = ?`);
        for (const row of rows) update.run(storedRawJson(row), row.pk);
      }
      db.exec("UPDATE derived_versions SET version = 0 WHERE name = 'raw'");
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const opened = async (name: string, open: (file: string) => { close(): void }) => {
      const file = join(dir, `${name}.db`);
      copyFileSync(text, file);
      const t0 = process.hrtime.bigint();
      const cpu = process.cpuUsage();
      open(file).close();
      const used = process.cpuUsage(cpu);
      console.log(
        `${name}: open ${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(0)} ms wall, ${((used.user + used.system) / 1000).toFixed(0)} ms CPU`,
      );
      return file;
    };
    const base = process.env.BENCH_BASE;
    if (base !== undefined) {
      const before = (await import(pathToFileURL(join(base, 'src/main/core/db/index.ts')).href)) as {
        openDatabase: typeof openDatabase;
      };
      await opened('before', before.openDatabase);
    }
    const after = openDatabase(await opened('after', openDatabase));
    const batches: number[] = [];
    let step = { cursor: REPACK_START, done: false, packed: 0 };
    const t0 = process.hrtime.bigint();
    while (!step.done) {
      const start = process.hrtime.bigint();
      step = repackRawBatch(after, step.cursor);
      batches.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    batches.sort((a, b) => a - b);
    console.log(
      `after: repack ${batches.length} batches in ${wall.toFixed(1)} s, batch p50 ${batches[Math.floor(batches.length / 2)]?.toFixed(0)} ms, max ${batches.at(-1)?.toFixed(0)} ms`,
    );
    after.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const [mode, arg] = process.argv.slice(2);
if (mode === 'repack' && arg !== undefined) {
  await repack(arg);
} else if (mode === 'file' && arg !== undefined) {
  const db = openDatabase(arg);
  report(db, arg);
  db.close();
} else {
  await sync(Number(arg ?? 20_000), process.argv[4]);
}
