// Fake store throughput and memory: node --import tsx bench/fake-store.ts [--orders N] [--seconds S]
// The server runs in a child process so its RSS is its own (read from /proc on Linux).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { createInterface } from 'node:readline';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ORDERS = arg('--orders', 1_000_000);
const SECONDS = arg('--seconds', 10);
const INCLUDE =
  'items,customer,transactions,status,statuses,shipping_address,payments,promocode,pix,whatsapp,pickup_address,metadata,services';
const HEADERS = { 'User-Token': 'demo-token', 'User-Secret-Key': 'demo-secret' };

function memory(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}

async function timed(url: string): Promise<number> {
  const t = performance.now();
  const res = await fetch(url, { headers: HEADERS });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url} → ${res.status}`);
  return performance.now() - t;
}

async function pagesPerSecond(
  base: string,
  concurrency: number,
  totalPages: number,
): Promise<{ pages: number; perSecond: number; bytes: number }> {
  let pages = 0;
  let bytes = 0;
  let next = 0;
  const end = performance.now() + SECONDS * 1000;
  // Pages spread over the whole store (stride through it) so the LRU does not help.
  const worker = async () => {
    while (performance.now() < end) {
      const page = 1 + ((next++ * 7919) % totalPages);
      const res = await fetch(`${base}/orders?limit=100&page=${page}&include=${INCLUDE}`, { headers: HEADERS });
      bytes += (await res.arrayBuffer()).byteLength;
      if (res.status !== 200) throw new Error(`page ${page} → ${res.status}`);
      pages++;
    }
  };
  const t = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { pages, perSecond: pages / ((performance.now() - t) / 1000), bytes };
}

async function main(): Promise<void> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/main/core/fake-store/cli.ts',
      '--port',
      '0',
      '--orders',
      String(ORDERS),
      '--customers',
      String(Math.max(1, Math.floor(ORDERS / 5))),
      '--seed',
      '1',
      '--no-rate-limit',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const line = await new Promise<string>((resolve) =>
      createInterface({ input: child.stdout! }).once('line', resolve),
    );
    const url = line.replace('listening on ', '');
    const base = `${url}/v2/demo`;
    const startupMs = performance.now() - started;
    const idle = memory(child.pid!);
    const totalPages = Math.ceil(ORDERS / 100);
    const firstPageMs = await timed(`${base}/orders?limit=100&include=${INCLUDE}`);
    const seq = await pagesPerSecond(base, 1, totalPages);
    const afterSequential = memory(child.pid!);
    const conc = await pagesPerSecond(base, 4, totalPages);
    const afterConcurrent = memory(child.pid!);
    const dateMs = await timed(`${base}/orders?limit=100&date=created_at:2025-06-01|2025-06-07&include=${INCLUDE}`);
    const statuses = (await (await fetch(`${base}/checkout/statuses`, { headers: HEADERS })).json()) as {
      data: { id: number; alias: string }[];
    };
    const ids = statuses.data
      .filter((s) => s.alias === 'waiting_payment' || s.alias === 'on_carriage')
      .map((s) => `status_id[]=${s.id}`)
      .join('&');
    const statusMs = await timed(`${base}/orders?limit=100&${ids}&include=status`);
    const updatedMs = await timed(`${base}/orders?limit=100&orderBy=updated_at`);
    const searchMs = await timed(`${base}/orders?limit=100&q=${encodeURIComponent('conceição')}`);
    const customerSearchMs = await timed(`${base}/customers?limit=100&q=98765`);
    const after = memory(child.pid!);
    const report = {
      machine: `${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown cpu'}, Node ${process.version}`,
      orders: ORDERS,
      startupMs: Math.round(startupMs),
      idleRssMb: idle.rssMb,
      firstPageMs: Math.round(firstPageMs),
      sequential: {
        pagesPerSecond: Number(seq.perSecond.toFixed(1)),
        avgPageKb: Math.round(seq.bytes / seq.pages / 1024),
        rssMb: afterSequential.rssMb,
      },
      concurrency4: { pagesPerSecond: Number(conc.perSecond.toFixed(1)), rssMb: afterConcurrent.rssMb },
      dateFilterWeekMs: Math.round(dateMs),
      statusFilterFullScanMs: Math.round(statusMs),
      orderByUpdatedAtFullScanMs: Math.round(updatedMs),
      orderSearchByNameMs: Math.round(searchMs),
      customerSearchByPhoneDigitsMs: Math.round(customerSearchMs),
      rssAfterMb: after.rssMb,
      peakRssMb: after.peakMb,
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    child.kill('SIGTERM');
  }
}

await main();
