// PDF and CSV export: one order (cold and warm), a 200-order batch, a 10,000-order report, a 10,000-order CSV.
//   npm run bench -- export [--orders 10000] [--warm 15] [--report-rows 250] [--cache DIR] [--only engine|batches|cache|cli]
// In this process, over the test's in-memory source: times, CPU and the main loop's longest block. Memory is the
// PSS (shared pages split between the processes sharing them) and the summed RSS of this process plus every
// Chromium process it started, sampled every 50 ms; the main loop's longest block is the largest gap of a 1 ms
// timer beyond its period while the export runs. With --cache DIR, the same engine through the cache source over
// that synced cache, each export that reads orders by id both from their columns in batches and order by order.
// Then through the CLI over a synced cache (DIR, or one built from the fake store into a temporary folder): the
// whole process tree of the CLI, Node and Chromium, as a person runs it. BENCHMARKS.md (Export) has the tables.
import { spawn } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { ChromiumPrinter } from '../src/main/core/export/chromium-printer';
import { cacheSource } from '../src/main/core/export/cache-source';
import { exportCsv, type CsvShape } from '../src/main/core/export/csv-export';
import { selectedIds } from '../src/main/core/export/selection';
import type { ExportSource, Selection } from '../src/main/core/export/source';
import { openDatabase } from '../src/main/core/db/open';
import { listStores } from '../src/main/core/db/stores-repo';
import { OrdersService } from '../src/main/core/orders/orders-service';
import { exportPdf, type PdfRequest } from '../src/main/core/export/pdf-export';
import { startFakeStore } from '../src/main/core/fake-store';
import { generatedSource, type MemorySource } from '../test/export/memory-source';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ORDERS = arg('--orders', 10_000);
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
const WARM = arg('--warm', 15);
const REPORT_ROWS = arg('--report-rows', 250);
const CACHE = process.argv.includes('--cache') ? process.argv[process.argv.indexOf('--cache') + 1] : null;
const dir = mkdtempSync(join(tmpdir(), 'balcao-bench-export-'));
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

/**
 * Samples a process tree every 50 ms on a worker thread, so the sampling (a scan of /proc) never runs on the
 * main loop whose blocks are measured: peak PSS and summed RSS (MB) of the root and of the whole tree, and
 * the CPU time the root's descendants (Chromium) have used so far.
 */
const SAMPLER = `
const { parentPort } = require('node:worker_threads');
const { readdirSync, readFileSync } = require('node:fs');
const rollup = (pid) => { try { const t = readFileSync('/proc/' + pid + '/smaps_rollup', 'utf8'); return { pss: Number(/^Pss:\\s+(\\d+)/m.exec(t)?.[1] ?? 0), rss: Number(/^Rss:\\s+(\\d+)/m.exec(t)?.[1] ?? 0) }; } catch { return { pss: 0, rss: 0 }; } };
let root = 0;
let tree = null;
let ticks = 0;
/** The root and its descendants with their CPU time (ms); /proc is scanned every 10th sample, the tree kept between. */
function scan() {
  const byParent = new Map();
  const cpu = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\\d+$/.test(name)) continue;
    try {
      const stat = readFileSync('/proc/' + name + '/stat', 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      byParent.set(Number(fields[1]), [...(byParent.get(Number(fields[1])) ?? []), Number(name)]);
      cpu.set(Number(name), (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {}
  }
  const pids = [];
  let childCpuMs = 0;
  let treeCpuMs = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop();
    pids.push(pid);
    if (pid !== root) childCpuMs += cpu.get(pid) ?? 0;
    treeCpuMs += cpu.get(pid) ?? 0;
    stack.push(...(byParent.get(pid) ?? []));
  }
  return { pids, childCpuMs, treeCpuMs };
}
function sample() {
  if (!tree || ticks++ % 10 === 0) tree = scan();
  let pss = 0, rss = 0;
  for (const pid of tree.pids) { const m = rollup(pid); pss += m.pss; rss += m.rss; }
  return { rootPss: rollup(root).pss / 1024, pss: pss / 1024, rss: rss / 1024, childCpuMs: tree.childCpuMs, treeCpuMs: tree.treeCpuMs };
}
let peak = { rootPss: 0, pss: 0, rss: 0, childCpuMs: 0, treeCpuMs: 0 };
const tick = () => { if (!root) return; const m = sample(); peak = { rootPss: Math.max(peak.rootPss, m.rootPss), pss: Math.max(peak.pss, m.pss), rss: Math.max(peak.rss, m.rss), childCpuMs: m.childCpuMs, treeCpuMs: Math.max(peak.treeCpuMs, m.treeCpuMs) }; };
setInterval(tick, 50);
// The peak so far is read before a new root is watched, so it is the old root's alone.
parentPort.on('message', (message) => { tree = null; tick(); parentPort.postMessage(peak); if (message.reset) peak = { rootPss: 0, pss: 0, rss: 0, childCpuMs: 0, treeCpuMs: 0 }; if (message.pid) { root = message.pid; tree = null; } });
`;
const sampler = new Worker(SAMPLER, { eval: true });
sampler.unref();
interface Peak {
  rootPss: number;
  pss: number;
  rss: number;
  /** CPU time (ms) used so far by the root's live descendants. */
  childCpuMs: number;
  /** The most CPU time (ms) the root and its descendants had used together, as last seen alive. */
  treeCpuMs: number;
}
function peakSince(options: { reset: boolean; pid?: number }): Promise<Peak> {
  return new Promise((resolve) => {
    sampler.once('message', resolve);
    sampler.postMessage(options);
  });
}

interface Measured {
  ms: number;
  peakTotalMb: number;
  peakRssMb: number;
  peakNodeMb: number;
  /** CPU time of the main thread and of Chromium during the export: the work, where `ms` includes waiting for a core. */
  nodeCpuMs: number;
  chromiumCpuMs: number;
  longestBlockMs: number;
  /** The most time the main thread itself spent on a CPU within one block (the rest of a block is waiting for a core). */
  longestOwnMs: number;
}

const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;
/** Nanoseconds the main thread has spent on a CPU (Linux schedstat, first field). */
const onCpuMs = (): number => Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]) / 1e6;

async function measure(run: () => Promise<unknown>): Promise<Measured> {
  const before = await peakSince({ reset: true, pid: process.pid });
  const cpuBefore = onCpuMs();
  let last = performance.now();
  let lastCpu = onCpuMs();
  let longest = 0;
  let longestOwn = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    const cpu = onCpuMs();
    longest = Math.max(longest, now - last - 1);
    longestOwn = Math.max(longestOwn, cpu - lastCpu);
    last = now;
    lastCpu = cpu;
  }, 1);
  const start = performance.now();
  await run();
  const ms = performance.now() - start;
  clearInterval(ticker);
  const nodeCpuMs = onCpuMs() - cpuBefore;
  const peak = await peakSince({ reset: false });
  return {
    ms,
    peakTotalMb: peak.pss,
    peakRssMb: peak.rss,
    peakNodeMb: peak.rootPss,
    nodeCpuMs,
    // A browser started during the run had used nothing before it.
    chromiumCpuMs: peak.childCpuMs - (peak.childCpuMs >= before.childCpuMs ? before.childCpuMs : 0),
    longestBlockMs: longest,
    longestOwnMs: longestOwn,
  };
}

function pdf(
  source: MemorySource,
  printer: ChromiumPrinter,
  request: Omit<PdfRequest, 'locale' | 'target'> & Partial<PdfRequest>,
  file: string,
) {
  return exportPdf({ locale: 'pt-BR', target: { file: join(dir, file) }, ...request } as PdfRequest, {
    source,
    printer,
    reportRowsPerPart: REPORT_ROWS,
  });
}

console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.versions.node}, load average ${load()}`,
);
/** The engine in this process over the in-memory source: time, CPU, memory and the main loop's blocks. */
async function engineRows(): Promise<void> {
  process.stderr.write(`generating ${ORDERS} orders…\n`);
  const source = generatedSource(ORDERS);
  const ids = [...source.byId.keys()];
  // The in-memory source sorts its summaries on first use (a cache answers from an index): done before measuring.
  source.matching({});
  await peakSince({ reset: true, pid: process.pid });
  const baseline = await peakSince({ reset: true });
  const row = (name: string, m: Measured, note = '') =>
    console.log(
      `| ${name} | ${(m.ms / 1000).toFixed(2)} s | ${(m.nodeCpuMs / 1000).toFixed(2)} + ${(m.chromiumCpuMs / 1000).toFixed(2)} s | ${m.peakTotalMb.toFixed(0)} MB (+${(m.peakTotalMb - baseline.rootPss).toFixed(0)}) | ${m.peakRssMb.toFixed(0)} MB | ${m.peakNodeMb.toFixed(0)} MB | ${m.longestBlockMs.toFixed(1)} ms (${m.longestOwnMs.toFixed(1)} ms on CPU) | ${note} | ${load()} |`,
    );
  console.log(
    `Baseline PSS with ${ORDERS} normalised orders held in memory by the bench's source: ${baseline.rootPss.toFixed(0)} MB\n`,
  );
  console.log(
    '| export | time | CPU, Node + Chromium | peak PSS, Node + Chromium (+ over the baseline) | peak RSS summed | peak PSS, Node | longest main-loop block (its own CPU time) | notes | load average |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');

  let printer = new ChromiumPrinter();
  row(
    'one order, cold (browser start included)',
    await measure(() => pdf(source, printer, { kind: 'order', selection: { ids: [ids[0]] } }, 'cold.pdf')),
  );
  const warm: number[] = [];
  for (let i = 1; i <= WARM; i++) {
    const t = performance.now();
    await pdf(source, printer, { kind: 'order', selection: { ids: [ids[i]] } }, 'warm.pdf');
    warm.push(performance.now() - t);
  }
  warm.sort((a, b) => a - b);
  const warmM = await measure(() =>
    pdf(source, printer, { kind: 'order', selection: { ids: [ids[WARM + 1]] } }, 'warm.pdf'),
  );
  row(
    'one order, warm',
    warmM,
    `median of ${WARM}: ${warm[Math.floor(WARM / 2)].toFixed(0)} ms, best ${warm[0].toFixed(0)} ms, worst ${warm[WARM - 1].toFixed(0)} ms`,
  );
  for (const kind of ['order', 'packing-slip', 'declaration'] as const) {
    let pages = 0;
    const m = await measure(async () => {
      pages = (await pdf(source, printer, { kind, selection: { ids: ids.slice(0, 200) } }, `batch-${kind}.pdf`)).pages;
    });
    row(`200-order batch, ${kind}, one PDF`, m, `${pages} pages`);
  }
  {
    let pages = 0;
    const m = await measure(async () => {
      pages = (await pdf(source, printer, { kind: 'picking', selection: { ids: ids.slice(0, 200) } }, 'picking.pdf'))
        .pages;
    });
    row('picking list of 200 orders', m, `${pages} pages`);
  }
  await printer.dispose();
  // `--only batches`: one order and the 200-order batches alone, for a quick re-run.
  if (ONLY === 'batches') return;
  printer = new ChromiumPrinter();
  {
    let pages = 0;
    const m = await measure(async () => {
      pages = (await pdf(source, printer, { kind: 'report', selection: { query: {} } }, 'report.pdf')).pages;
    });
    row(
      `${ORDERS}-order report (browser start included)`,
      m,
      `${pages} pages, printed in parts of ${REPORT_ROWS} rows and merged`,
    );
  }
  await printer.dispose();
  printer = new ChromiumPrinter();
  {
    let pages = 0;
    const m = await measure(async () => {
      pages = (
        await pdf(source, printer, { kind: 'packing-slip', selection: { ids: ids.slice(0, 1000) } }, 'slips-1000.pdf')
      ).pages;
    });
    row('1,000 packing slips, one PDF (4 parts merged; browser start included)', m, `${pages} pages`);
  }
  await printer.dispose();
  for (const shape of ['orders', 'items'] as const) {
    let rows = 0;
    const m = await measure(async () => {
      rows = (
        await exportCsv({ selection: { query: {} }, shape, locale: 'pt-BR', file: join(dir, `${shape}.csv`) }, source)
      ).rows;
    });
    row(`${ORDERS}-order CSV, one row per ${shape === 'orders' ? 'order' : 'item'}`, m, `${rows} rows`);
  }
}

/**
 * The engine in this process through the cache source over a synced cache (--cache DIR), the way the app reads it:
 * each export that reads orders by id runs twice, from the orders' columns in batches (`orders.orderLines`, what the
 * source does) and from each order's whole detail one at a time (what it did before).
 */
async function cacheRows(cacheDir: string): Promise<void> {
  const db = openDatabase(join(cacheDir, 'balcao.db'));
  const [store] = listStores(db);
  const orders = new OrdersService(db);
  const batched = cacheSource(orders, store.id, async () => ({ name: store.name, timeZone: store.timeZone }));
  const oneByOne: ExportSource = { ...batched, orderLines: (picked) => batched.orders(picked) };
  const ids = await selectedIds(batched, { query: {} });
  console.log(`\nIn this process through the cache source over ${cacheDir} (${ids.length} orders)\n`);
  console.log(
    '| export | read by | time | CPU, Node + Chromium | peak PSS, Node | longest main-loop block (its own CPU time) | output | load average |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  const row = (name: string, by: string, m: Measured, out: string) =>
    console.log(
      `| ${name} | ${by} | ${(m.ms / 1000).toFixed(2)} s | ${(m.nodeCpuMs / 1000).toFixed(2)} + ${(m.chromiumCpuMs / 1000).toFixed(2)} s | ${m.peakNodeMb.toFixed(0)} MB | ${m.longestBlockMs.toFixed(1)} ms (${m.longestOwnMs.toFixed(1)} ms on CPU) | ${out} | ${load()} |`,
    );
  const sources: [string, ExportSource][] = [
    ['columns, in batches', batched],
    ['whole detail, one by one', oneByOne],
  ];
  const csvs: [string, Selection, CsvShape, boolean][] = [
    ['CSV, one row per order, every order', { query: {} }, 'orders', false],
    ['CSV, one row per item, every order', { query: {} }, 'items', true],
    [`CSV, one row per order, ${ids.length} picked orders`, { ids }, 'orders', true],
  ];
  for (const [name, selection, shape, byId] of csvs) {
    for (const [by, source] of byId ? sources : sources.slice(0, 1)) {
      let rows = 0;
      const m = await measure(async () => {
        rows = (await exportCsv({ selection, shape, locale: 'pt-BR', file: join(dir, 'cache.csv') }, source)).rows;
      });
      row(name, byId ? by : 'list pages (unchanged)', m, `${rows} rows`);
    }
  }
  for (const [by, source] of sources) {
    const printer = new ChromiumPrinter();
    let pages = 0;
    const m = await measure(async () => {
      pages = (
        await exportPdf(
          { kind: 'report', locale: 'pt-BR', selection: { ids }, target: { file: join(dir, 'cache-report.pdf') } },
          { source, printer, reportRowsPerPart: REPORT_ROWS },
        )
      ).pages;
    });
    await printer.dispose();
    row(`report of ${ids.length} picked orders (browser start included)`, by, m, `${pages} pages`);
  }
  db.close();
}

if (ONLY === null || ONLY === 'engine' || ONLY === 'batches') await engineRows();
if (CACHE && (ONLY === null || ONLY === 'cache')) await cacheRows(CACHE);

/** Runs the CLI and samples its whole process tree: Node, tsx's esbuild and Chromium. */
async function cliRun(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ ms: number; peak: Peak; out: string }> {
  const start = performance.now();
  // What scripts/run-ts.mjs starts, without that launcher's own Node process.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/core/cli/main.ts', ...args], {
    env: { ...process.env, LC_ALL: 'pt_BR.UTF-8', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await peakSince({ reset: true, pid: child.pid });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const ms = performance.now() - start;
  const peak = await peakSince({ reset: true, pid: process.pid });
  if (code !== 0) throw new Error(`balcao ${args.join(' ')} exited ${code}: ${out}`);
  return { ms, peak, out: out.trim() };
}

if (ONLY === null || ONLY === 'cli') {
  let dataDir = CACHE;
  if (!dataDir) {
    dataDir = join(dir, 'cache');
    process.stderr.write(`syncing ${ORDERS} orders from the fake store into ${dataDir}…\n`);
    const store = await startFakeStore({
      orders: ORDERS,
      customers: Math.ceil(ORDERS / 3),
      rateLimit: { enabled: false },
    });
    try {
      await cliRun(['sync', '--data-dir', dataDir, '--base-url', store.apiBaseUrl, '--alias', store.alias], {
        BALCAO_USER_TOKEN: store.credentials.token,
        BALCAO_USER_SECRET_KEY: store.credentials.secret,
      });
    } finally {
      await store.close();
    }
  }
  console.log(
    `\nThrough the CLI over a synced cache (${dataDir === CACHE ? dataDir : `${ORDERS} orders`}): the CLI's whole process tree\n`,
  );
  console.log(
    '| CLI command | time | CPU, whole tree (last seen) | peak PSS, Node + Chromium | peak RSS summed | peak PSS, Node | output | load average |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  const commands: [string, string[]][] = [
    ['orders --limit 5 (the CLI at rest)', ['orders', '--limit', '5']],
    [
      'export pdf --kind report (every order)',
      ['export', 'pdf', '--kind', 'report', '--out', join(dir, 'cli-report.pdf')],
    ],
    ['export csv (every order)', ['export', 'csv', '--out', join(dir, 'cli-orders.csv')]],
    ['export csv --items (every order)', ['export', 'csv', '--items', '--out', join(dir, 'cli-items.csv')]],
  ];
  for (const [name, args] of commands) {
    const { ms, peak, out } = await cliRun([...args, '--data-dir', dataDir]);
    console.log(
      `| ${name} | ${(ms / 1000).toFixed(1)} s | ${(peak.treeCpuMs / 1000).toFixed(1)} s | ${peak.pss.toFixed(0)} MB | ${peak.rss.toFixed(0)} MB | ${peak.rootPss.toFixed(0)} MB | ${out.split('\n').pop()} | ${load()} |`,
    );
  }
}
rmSync(dir, { recursive: true, force: true });
