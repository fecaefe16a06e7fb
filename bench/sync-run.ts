// Full and incremental sync against a fake store in its own process, at its rate limit (time-scaled or not).
//   node --import tsx bench/sync-run.ts --orders 25000 --customers 5000 --time-scale 1
//   node --import tsx bench/sync-run.ts --orders 100000 --customers 30000 --time-scale 4 --changes 50
//   node --import tsx bench/sync-run.ts --orders 5000 --customers 1000 --no-rate-limit --writer inline
//   node --import tsx bench/sync-run.ts --orders 2000 --customers 600 --page-size 10 --time-scale 1 --changes 0
//   node --import tsx bench/sync-run.ts --orders 20000 --customers 6000 --time-scale 1 --changes 0 --prerendered
// Prints one JSON line of results (BENCHMARKS.md (Sync) has the table).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import type { SyncProgress } from '../src/shared/domain/app';
import { assembleCore } from '../src/main/core/composition';
import { createMemorySecretStore } from '../src/main/core/secrets/memory-secret-store';
import { ORDER_INCLUDES, SyncManager } from '../src/main/core/sync';
import { createStoreApi } from '../src/main/core/api';
import { preparerEntry, writerEntry } from '../src/main/core/sync/worker-sink';
import { createStoreApiFactory } from '../src/main/core/stores/store-api-factory';
import { ConnectivityTracker } from '../src/main/core/connectivity';
import { redactor } from '../src/main/core/log/redactor';
import { blockRecorder } from './loop-blocks';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const flag = (name: string): boolean => process.argv.includes(name);
const ORDERS = arg('--orders', 25_000);
const CUSTOMERS = arg('--customers', Math.ceil(ORDERS / 5));
const SCALE = arg('--time-scale', 1);
const CHANGES = arg('--changes', 50);
// Records per list request (the API's maximum, 100, by default). A smaller page keeps the request counts of a larger
// store with a tenth of the CPU: on a machine whose cores are taken by other work the writer, not the limit, would
// otherwise set the pace, and the run would say nothing about the rate limit.
const PAGE_SIZE = arg('--page-size', 100);
const LIMIT = 120;
const OTHER_LIMIT = 60;
const NO_LIMIT = flag('--no-rate-limit');
const WRITER = process.argv.includes('--writer')
  ? (process.argv[process.argv.indexOf('--writer') + 1] as 'worker' | 'inline')
  : 'worker';
// --prerendered: the store answers the full sync's list pages from bodies it made before the run (its list cache,
// filled with the rate limit off), so answering costs it a copy rather than ~18 ms of CPU a page of orders. The
// store is a server elsewhere in real use; on this machine's 2 cores it otherwise takes a core from the writer's
// threads while the last window's pages arrive. The catch-up's pages (skipCache) are still made when asked.
const PRERENDERED = flag('--prerendered');
// --trace FILE: one line per API request and answer (ms since the start, group, what), to see where the time goes.
const TRACE = process.argv.includes('--trace') ? process.argv[process.argv.indexOf('--trace') + 1] : null;
const CREDENTIALS = { token: 'bench-token-0123456789', secret: 'bench-secret-0123456789' };
const END_AT = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000).toISOString();

async function startFake(): Promise<{ url: string; stop(): void }> {
  const args = [
    '--import',
    'tsx',
    'src/main/core/fake-store/cli.ts',
    '--port',
    '0',
    '--orders',
    String(ORDERS),
    '--customers',
    String(CUSTOMERS),
    '--seed',
    '1',
    '--end-at',
    END_AT,
    '--token',
    CREDENTIALS.token,
    '--secret',
    CREDENTIALS.secret,
  ];
  args.push(...(NO_LIMIT ? ['--no-rate-limit'] : ['--rate-limit', String(LIMIT), '--time-scale', String(SCALE)]));
  if (PRERENDERED) args.push('--list-cache');
  // --nice: the store runs at the lowest CPU priority, standing in for a server on another machine (2 cores here).
  const child = flag('--nice')
    ? spawn('nice', ['-n', '19', process.execPath, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
    : spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
  return { url: line.replace('listening on ', ''), stop: () => child.kill('SIGTERM') };
}

/** Asks for every list page the full sync will ask for, with the store's rate limit off, so it keeps their bodies. */
async function prerender(url: string): Promise<void> {
  // The store keeps 500 list bodies (server.ts).
  if (Math.ceil(ORDERS / PAGE_SIZE) + Math.ceil(CUSTOMERS / PAGE_SIZE) > 500)
    throw new Error('too many pages to prerender');
  await control(url, 'rate-limit', { enabled: false });
  const api = createStoreApi({
    baseUrl: `${url}/v2`,
    alias: 'demo',
    credentials: CREDENTIALS,
    // The store still sends its X-RateLimit-Limit, which a real limiter would follow: this one lets everything out.
    limiter: {
      windowMs: 60_000,
      timeScale: 1,
      acquire: () => Promise.resolve({ waitedMs: 0, release: () => undefined }),
      observe: () => undefined,
      pause: () => undefined,
    },
  });
  for (let page = 1; page <= Math.ceil(ORDERS / PAGE_SIZE); page += 1)
    await api.listOrders({ page, limit: PAGE_SIZE, include: ORDER_INCLUDES });
  for (let page = 1; page <= Math.ceil(CUSTOMERS / PAGE_SIZE); page += 1)
    await api.listCustomers({ page, limit: PAGE_SIZE });
  await control(url, 'rate-limit', { enabled: true });
}

async function control(url: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${url}/__control/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      'User-Token': CREDENTIALS.token,
      'User-Secret-Key': CREDENTIALS.secret,
      'Content-Type': 'application/json',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return response.json();
}

interface FakeStats {
  rateLimited: number;
  requests: Record<string, number>;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/**
 * The shortest a run can take against the store's fixed one-minute windows (time-scaled), per rate-limit group:
 * with `N` requests at `L` a window, the last one cannot go out before window ⌊(N − 1) / L⌋ opens, even with the
 * windows aligned to the run's start in its favour; the run's bound is the slower group's. The work after the last
 * request (its answer, the writes) comes on top: it is in the wall time, not in the bound.
 */
function windowBound(
  before: FakeStats,
  after: FakeStats,
): { requests: Record<'orders' | 'other', number>; seconds: number } {
  const requests = { orders: 0, other: 0 };
  for (const [route, n] of Object.entries(after.requests)) {
    if (route === 'control') continue;
    requests[route.startsWith('orders.') ? 'orders' : 'other'] += n - (before.requests[route] ?? 0);
  }
  const windowSeconds = 60 / SCALE;
  const windows = (n: number, limit: number): number => (n === 0 ? 0 : Math.floor((n - 1) / limit));
  const seconds = Math.max(windows(requests.orders, LIMIT), windows(requests.other, OTHER_LIMIT)) * windowSeconds;
  return { requests, seconds };
}

async function main(): Promise<void> {
  const fake = await startFake();
  if (PRERENDERED) await prerender(fake.url);
  const dataDir = mkdtempSync(join(tmpdir(), 'balcao-bench-sync-'));
  const rateLimit = NO_LIMIT ? { limits: { orders: 100_000, other: 100_000 } } : { timeScale: SCALE };
  const core = assembleCore({
    appName: 'Balcão',
    version: 'bench',
    dataDir,
    shell: 'cli',
    secrets: createMemorySecretStore(),
    rateLimit,
  });
  // A manager of our own so the writer mode can be chosen; same parts as the core's.
  const baseFactory = createStoreApiFactory({
    connectivity: new ConnectivityTracker(core.events),
    redactor,
    rateLimit,
  });
  const trace: string[] = [];
  let t0 = 0;
  // Where the time past the bound goes: when each group's last request went out and its last answer came, as of
  // the catch-up's start (the lists written) and of the end.
  const last = { orders: { request: NaN, response: NaN }, other: { request: NaN, response: NaN } };
  const apiFactory: typeof baseFactory = (target, credentials, extra = {}) =>
    baseFactory(target, credentials, {
      ...extra,
      onEvent: (event) => {
        if (event.type === 'request' || event.type === 'response')
          last[event.group][event.type] = performance.now() - t0;
        if (TRACE && (event.type === 'request' || event.type === 'response' || event.type === 'wait'))
          trace.push(`${(performance.now() - t0).toFixed(0)} ${event.group} ${event.type}`);
        extra.onEvent?.(event);
      },
    });
  const sync = new SyncManager({
    db: core.db,
    stores: core.stores,
    apiFactory,
    events: core.events,
    log: core.log,
    redactor,
    writer: WRITER,
    rateLimit,
    settings: { pageSize: PAGE_SIZE },
  });
  const store = core.stores.ensureScriptStore('demo', `${fake.url}/v2`);
  // Resolution 1 ms: each sample is a timer interval, so a sample ≈ the block that delayed it plus ≤ 1 ms.
  const loop = monitorEventLoopDelay({ resolution: 1 });
  // Every main-thread block over 16 ms (a dropped frame, were this the UI's loop), and the GC pauses among them.
  const blocks = blockRecorder(16);
  // When each list was complete (progress events come at least at every phase change and a few times a second).
  const listDone = new Map<'orders' | 'customers', number>();
  const catchUp = { at: NaN, lastListRequest: NaN, lastListResponse: NaN };
  core.events.subscribeAll((event, payload) => {
    if (event !== 'sync.progress') return;
    const p = payload as SyncProgress;
    if (p.phase === 'refresh-open' && Number.isNaN(catchUp.at)) {
      catchUp.at = performance.now() - t0;
      catchUp.lastListRequest = last.orders.request;
      catchUp.lastListResponse = last.orders.response;
    }
    for (const list of ['orders', 'customers'] as const) {
      const { done, total } = p[list];
      if (!listDone.has(list) && total !== null && done >= total) listDone.set(list, performance.now() - t0);
    }
  });
  // From source the first sync of a process bundles the writer worker (esbuild, ~100 ms, the main thread waiting
  // on it); the app ships it built. Done here so the loop figures are the sync's own.
  writerEntry();
  preparerEntry();
  // The main thread's peak memory (its own heap and the page text it holds; the writer's threads share the RSS).
  let peakRss = 0;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);
  try {
    const statsBefore = (await control(fake.url, 'stats')) as FakeStats;
    loop.enable();
    blocks.start();
    t0 = performance.now();
    const full = await sync.runWithReport(store.id, 'full', { credentials: CREDENTIALS });
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(rssTimer);
    loop.disable();
    const blocked = blocks.stop();
    const statsAfter = (await control(fake.url, 'stats')) as FakeStats;
    const bound = windowBound(statsBefore, statsAfter);
    const result: Record<string, unknown> = {
      machine: `${cpus().length} × ${cpus()[0]?.model}`,
      node: process.version,
      writer: WRITER,
      orders: ORDERS,
      customers: CUSTOMERS,
      pageSize: PAGE_SIZE,
      timeScale: NO_LIMIT ? null : SCALE,
      store: PRERENDERED ? 'prerendered' : 'renders each answer',
      full: {
        ok: full.outcome.ok,
        error: full.outcome.error,
        seconds: Math.round(seconds * 10) / 10,
        requests: full.outcome.requests,
        pages: full.totals.pages,
        ordersPerSecond: Math.round(full.totals.ordersWritten / seconds),
        rateLimited: statsAfter.rateLimited - statsBefore.rateLimited,
        retries: full.outcome.retries,
        requestsPerScaledMinute: Math.round(full.outcome.requests / (seconds / 60) / (NO_LIMIT ? 1 : SCALE)),
        // The fastest any client can go against fixed windows (see windowBound), and this run against it.
        requestsByGroup: bound.requests,
        windowBoundSeconds: NO_LIMIT ? null : round1(bound.seconds),
        wallOverBound: NO_LIMIT || bound.seconds === 0 ? null : Math.round((seconds / bound.seconds) * 1000) / 1000,
        orderListDoneSeconds: round1((listDone.get('orders') ?? NaN) / 1000),
        // The order list's last request and answer, when its pages had all been written (the catch-up began), and
        // the catch-up's last request and answer: the stretch past the bound, piece by piece.
        orderListLastRequestSeconds: round1(catchUp.lastListRequest / 1000),
        orderListLastResponseSeconds: round1(catchUp.lastListResponse / 1000),
        catchUpStartSeconds: round1(catchUp.at / 1000),
        lastRequestSeconds: round1(Math.max(last.orders.request, last.other.request) / 1000),
        lastResponseSeconds: round1(Math.max(last.orders.response, last.other.response) / 1000),
        customerListDoneSeconds: round1((listDone.get('customers') ?? NaN) / 1000),
        limitPerMinute: NO_LIMIT ? null : LIMIT,
        peakRssMb: Math.round(peakRss / 1e6),
        longestPageWriteMs: Math.round(full.totals.longestPageBlockMs * 10) / 10,
        mainLoopMaxDelayMs: Math.round(loop.max / 1e5) / 10,
        mainLoopP99DelayMs: Math.round(loop.percentile(99) / 1e5) / 10,
        mainLoopP999DelayMs: Math.round(loop.percentile(99.9) / 1e5) / 10,
        mainLoopBlocksOver16Ms: blocked.over,
        mainLoopBlocksOver16MsPerPage: Math.round((blocked.over / Math.max(1, full.totals.pages)) * 1000) / 1000,
        mainLoopLongestBlocks: blocked.longest,
        mainLoopBlocksOver16MsOnCpu: blocked.overOnCpu,
        gcPausesOver16Ms: blocked.gcOver,
        gcLongestMs: blocked.gcLongest,
      },
    };
    if (CHANGES > 0) {
      const added = Math.round(CHANGES * 0.2);
      const cancelled = Math.round(CHANGES * 0.2);
      await control(fake.url, 'orders', { count: added });
      await control(fake.url, 'cancel', { count: cancelled });
      await control(fake.url, 'advance', { count: CHANGES - added - cancelled });
      const t1 = performance.now();
      const inc = await sync.runWithReport(store.id, 'incremental', { credentials: CREDENTIALS });
      result['incremental'] = {
        ok: inc.outcome.ok,
        changes: CHANGES,
        seconds: Math.round((performance.now() - t1) / 100) / 10,
        requests: inc.outcome.requests,
        detailReads: inc.totals.detailReads,
        ordersWritten: inc.outcome.ordersWritten,
        shareOfFull: `${((inc.outcome.requests / full.outcome.requests) * 100).toFixed(2)} %`,
      };
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (TRACE) writeFileSync(TRACE, `${trace.join('\n')}\n`);
  } finally {
    await sync.close();
    await core.close();
    fake.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
