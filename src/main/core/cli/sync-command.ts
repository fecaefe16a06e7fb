import type { SyncOutcome, SyncProgress } from '../../../shared/domain/app';
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
  return `sync ${what}: ${o.mode}, ${o.ordersWritten} orders, ${o.customersWritten} customers, ${o.unreadable} unreadable, ${o.requests} requests, ${o.retries} retries\n`;
}

export async function syncCommand(ctx: CommandContext): Promise<number> {
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
