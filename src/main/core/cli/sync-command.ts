import {
  SYNC_INTERVALS,
  type SyncIntervalMinutes,
  type SyncOutcome,
  type SyncProgress,
} from '../../../shared/domain/app';
import type { ApiClient } from '../../../shared/ipc/client';
import type { Core } from '../composition';
import type { RateLimiterSettings } from '../api';
import { positiveInt, positiveNumber, text } from './args';
import { printJson, pickStore, type CommandContext } from './context';
import { describeError, EXIT, exitCodeFor, UsageError } from './exit-codes';

export const SYNC_OPTIONS = {
  store: { type: 'string' },
  'base-url': { type: 'string' },
  alias: { type: 'string' },
  mode: { type: 'string', default: 'auto' },
  'rate-limit': { type: 'string' },
  'time-scale': { type: 'string' },
  watch: { type: 'boolean' },
  interval: { type: 'string' },
} as const;

const MODES = ['auto', 'full', 'incremental'] as const;
type Mode = (typeof MODES)[number];

/** For benchmarks and tests against a time-scaled fake store: the client's limiter must keep the same "minute". */
function rateLimitOf(ctx: CommandContext): RateLimiterSettings | undefined {
  const perMinute = positiveInt(ctx.values, 'rate-limit');
  const scale = positiveNumber(ctx.values, 'time-scale');
  if (perMinute === undefined && scale === undefined) return undefined;
  return { ...(perMinute ? { limits: { orders: perMinute } } : {}), ...(scale ? { timeScale: scale } : {}) };
}

function progressLine(p: SyncProgress): string {
  const pages = p.pagesTotal === null ? `${p.pagesDone}` : `${p.pagesDone}/${p.pagesTotal}`;
  const eta = p.etaSeconds === null ? '' : ` eta ${p.etaSeconds}s`;
  return `\r${p.mode} ${p.phase}: pages ${pages}, ${p.recordsWritten} records, ${p.ratePerMinute}/min${eta}, ${p.retries} retries   `;
}

export function summaryLine(o: SyncOutcome): string {
  const what = o.ok ? 'ok' : o.cancelled ? 'cancelled' : `failed (${describeError(o.error ?? { code: 'INTERNAL' })})`;
  // The run that brought new orders: `orders --arrived-in R` lists exactly them.
  const news =
    o.newOrders.run !== null && o.newOrders.count > 0 ? `, ${o.newOrders.count} new (run ${o.newOrders.run})` : '';
  return `sync ${what}: ${o.mode}, ${o.ordersWritten} orders${news}, ${o.customersWritten} customers, ${o.unreadable} unreadable, ${o.requests} requests, ${o.retries} retries\n`;
}

/** `--interval 10m` (or `10`, `off`): minutes, one of the app's settings. */
function intervalOf(ctx: CommandContext): SyncIntervalMinutes | undefined {
  const raw = text(ctx.values, 'interval');
  if (raw === undefined) return undefined;
  const minutes = raw === 'off' ? 0 : Number(raw.replace(/m(in)?$/, ''));
  const found = SYNC_INTERVALS.find((m) => m === minutes);
  if (found === undefined)
    throw new UsageError(`--interval must be one of off, ${SYNC_INTERVALS.slice(1).join(', ')} (minutes)`);
  return found;
}

/**
 * `sync --watch`: the app's scheduler, run until Ctrl-C — every store in the data folder, at start-up and then at the
 * interval, backing off while offline — with one line per finished run.
 */
async function watch(ctx: CommandContext, core: Core, api: ApiClient): Promise<number> {
  const interval = intervalOf(ctx);
  const schedule =
    interval === undefined
      ? await api.call('sync.getSchedule')
      : await api.call('sync.setSchedule', { intervalMinutes: interval });
  ctx.term.err(
    `watching: every ${schedule.intervalMinutes === 0 ? 'start only (interval off)' : `${schedule.intervalMinutes} min`}; Ctrl-C stops\n`,
  );
  api.on('sync.finished', (o) => ctx.term.err(`${new Date().toISOString()} ${o.storeId} ${summaryLine(o)}`));
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  core.freshness.start();
  await stopped;
  return EXIT.ok;
}

export async function syncCommand(ctx: CommandContext): Promise<number> {
  if (ctx.values['watch'] !== true && ctx.values['interval'] !== undefined)
    throw new UsageError('--interval goes with --watch');
  const mode = text(ctx.values, 'mode') as Mode;
  if (!MODES.includes(mode)) throw new UsageError('--mode must be auto, full or incremental');
  const baseUrl = text(ctx.values, 'base-url');
  const alias = text(ctx.values, 'alias');
  if ((baseUrl === undefined) !== (alias === undefined)) throw new UsageError('--base-url and --alias go together');
  if (baseUrl !== undefined && text(ctx.values, 'store') !== undefined)
    throw new UsageError('use either --store or --base-url/--alias');
  let credentials: { token: string; secret: string } | undefined;
  if (baseUrl !== undefined) {
    const token = ctx.term.env('BALCAO_USER_TOKEN');
    const secret = ctx.term.env('BALCAO_USER_SECRET_KEY');
    if (!token || !secret)
      throw new UsageError('--base-url needs BALCAO_USER_TOKEN and BALCAO_USER_SECRET_KEY in the environment');
    credentials = { token, secret };
    try {
      new URL(baseUrl);
    } catch {
      throw new UsageError('--base-url must be a URL, e.g. https://api.dooki.com.br/v2');
    }
  }
  const core = ctx.core(rateLimitOf(ctx));
  const api = ctx.api();
  if (ctx.values['watch'] === true) {
    if (baseUrl !== undefined && alias !== undefined && credentials)
      core.useScriptCredentials({ alias, apiBaseUrl: baseUrl }, credentials);
    return watch(ctx, core, api);
  }
  const storeId =
    baseUrl !== undefined && alias !== undefined && credentials
      ? core.useScriptCredentials({ alias, apiBaseUrl: baseUrl }, credentials)
      : (await pickStore(api, ctx.values)).id;
  if (ctx.term.stderrIsTty) {
    api.on('sync.progress', (p) => {
      if (p.storeId === storeId) ctx.raw.err(progressLine(p));
    });
  }
  // Started and followed as the app does: `sync.start` answers at once, `sync.finished` brings the outcome.
  const finished = new Promise<SyncOutcome>((resolve) => {
    const off = api.on('sync.finished', (o) => {
      if (o.storeId !== storeId) return;
      off();
      resolve(o);
    });
  });
  const interrupt = (): void => void api.call('sync.cancel', { storeId }).catch(() => undefined);
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  let outcome: SyncOutcome;
  try {
    await api.call('sync.start', { storeId, mode });
    outcome = await finished;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
  if (ctx.term.stderrIsTty) ctx.term.err('\n');
  ctx.term.err(summaryLine(outcome));
  if (ctx.json) printJson(ctx.raw, outcome);
  if (outcome.ok) return EXIT.ok;
  return outcome.cancelled ? EXIT.other : exitCodeFor(outcome.error?.code ?? 'INTERNAL');
}
