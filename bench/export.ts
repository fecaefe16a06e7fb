// PDF and CSV export: one order (cold and warm), a 200-order batch, a 10,000-order report, a 10,000-order CSV.
//   npm run bench -- export [--orders 10000] [--warm 15] [--report-rows 1000]
// Memory is the PSS (proportional set size: shared pages split between the processes sharing them) of this
// process plus every Chromium process it started, sampled every 50 ms; the main loop's longest block is the
// largest gap of a 1 ms timer beyond its period while the export runs. BENCHMARKS.md (Export) has the table.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { ChromiumPrinter } from '../src/main/core/export/chromium-printer';
import { exportCsv } from '../src/main/core/export/csv-export';
import { exportPdf, type PdfRequest } from '../src/main/core/export/pdf-export';
import { generatedSource, type MemorySource } from '../test/export/memory-source';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ORDERS = arg('--orders', 10_000);
const WARM = arg('--warm', 15);
const REPORT_ROWS = arg('--report-rows', 1000);
const dir = mkdtempSync(join(tmpdir(), 'balcao-bench-export-'));

/**
 * Samples the PSS (MB) of this process and all its descendants (the Chromium tree) every 50 ms on a worker
 * thread, so the sampling (a scan of /proc) never runs on the main loop whose blocks are measured.
 */
const SAMPLER = `
const { parentPort, workerData } = require('node:worker_threads');
const { readdirSync, readFileSync } = require('node:fs');
const pss = (pid) => { try { return Number(/^Pss:\\s+(\\d+)/m.exec(readFileSync('/proc/' + pid + '/smaps_rollup', 'utf8'))?.[1] ?? 0); } catch { return 0; } };
function sample() {
  const byParent = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\\d+$/.test(name)) continue;
    try {
      const stat = readFileSync('/proc/' + name + '/stat', 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      byParent.set(ppid, [...(byParent.get(ppid) ?? []), Number(name)]);
    } catch {}
  }
  let total = 0;
  const stack = [workerData.pid];
  while (stack.length) { const pid = stack.pop(); total += pss(pid); stack.push(...(byParent.get(pid) ?? [])); }
  return { node: pss(workerData.pid) / 1024, total: total / 1024 };
}
let peak = { node: 0, total: 0 };
const tick = () => { const m = sample(); peak = { node: Math.max(peak.node, m.node), total: Math.max(peak.total, m.total) }; };
setInterval(tick, 50);
parentPort.on('message', (message) => { tick(); parentPort.postMessage(peak); if (message === 'reset') peak = { node: 0, total: 0 }; });
`;
const sampler = new Worker(SAMPLER, { eval: true, workerData: { pid: process.pid } });
sampler.unref();
function peakSince(reset: boolean): Promise<{ node: number; total: number }> {
  return new Promise((resolve) => {
    sampler.once('message', resolve);
    sampler.postMessage(reset ? 'reset' : 'read');
  });
}

interface Measured {
  ms: number;
  peakTotalMb: number;
  peakNodeMb: number;
  longestBlockMs: number;
  /** The most time the main thread itself spent on a CPU within one block (the rest of a block is waiting for a core). */
  longestOwnMs: number;
}

const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;
/** Nanoseconds the main thread has spent on a CPU (Linux schedstat, first field). */
const onCpuMs = (): number => Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]) / 1e6;

async function measure(run: () => Promise<unknown>): Promise<Measured> {
  await peakSince(true);
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
  const peak = await peakSince(false);
  return { ms, peakTotalMb: peak.total, peakNodeMb: peak.node, longestBlockMs: longest, longestOwnMs: longestOwn };
}

const row = (name: string, m: Measured, note = '') =>
  console.log(
    `| ${name} | ${(m.ms / 1000).toFixed(2)} s | ${m.peakTotalMb.toFixed(0)} MB (+${(m.peakTotalMb - baseline.node).toFixed(0)}) | ${m.peakNodeMb.toFixed(0)} MB | ${m.longestBlockMs.toFixed(1)} ms (${m.longestOwnMs.toFixed(1)} ms on CPU) | ${note} |`,
  );

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
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.versions.node}, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
process.stderr.write(`generating ${ORDERS} orders…\n`);
const source = generatedSource(ORDERS);
const ids = [...source.byId.keys()];
// The in-memory source sorts its summaries on first use (a cache answers from an index): done before measuring.
source.matching({});
const baseline = await peakSince(true);
console.log(
  `Baseline PSS with ${ORDERS} normalised orders held in memory by the bench's source: ${baseline.node.toFixed(0)} MB\n`,
);
console.log(
  '| export | time | peak PSS, Node + Chromium (+ over the baseline) | peak PSS, Node | longest main-loop block (its own CPU time) | notes |',
);
console.log('| --- | --- | --- | --- | --- | --- |');

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
rmSync(dir, { recursive: true, force: true });
